/** Resident memory of a process, read from Linux's /proc: for fault tests and benchmarks. */
import { readFile } from 'node:fs/promises'

/** Resident set size of a process, MB. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
  return kb / 1024
}
