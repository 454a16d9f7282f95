/**
 * CPU time of a process, by thread, from /proc (Linux): what a figure costs, which stays
 * meaningful on a busy machine where wall time does not.
 */
import { readdir, readFile } from 'node:fs/promises'

const TICKS_PER_SECOND = 100

/** CPU seconds (user + system) of each live thread of `pid`, by thread id, with its name. */
export async function threadCpu(
  pid: number,
): Promise<Map<number, { name: string; seconds: number }>> {
  const threads = new Map<number, { name: string; seconds: number }>()
  let tids: string[]
  try {
    tids = await readdir(`/proc/${pid}/task`)
  } catch {
    return threads
  }
  for (const tid of tids) {
    try {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      // the name is in parentheses and may hold spaces: fields after the last ')'
      const close = stat.lastIndexOf(')')
      const name = stat.slice(stat.indexOf('(') + 1, close)
      const fields = stat.slice(close + 2).split(' ')
      const ticks = Number(fields[11]) + Number(fields[12])
      threads.set(Number(tid), { name, seconds: ticks / TICKS_PER_SECOND })
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads
}

export interface CpuSplit {
  /** Every thread of the process. */
  readonly total: number
  /** The main (JavaScript) thread. */
  readonly main: number
}

/**
 * CPU seconds (user + system) of the whole process `pid`: its threads, also those that
 * ended (a check worker that exited after a few idle seconds during a stalled sync).
 */
export async function processCpu(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

/** Starts counting the CPU of `pid`; `stop()` gives the seconds spent since. */
export async function countCpu(pid: number): Promise<{ stop(): Promise<CpuSplit> }> {
  const before = await threadCpu(pid)
  const totalBefore = await processCpu(pid)
  return {
    async stop() {
      const after = await threadCpu(pid)
      // the process's own count: summing live threads missed the time of those that ended
      const total = (await processCpu(pid)) - totalBefore
      const main = (after.get(pid)?.seconds ?? 0) - (before.get(pid)?.seconds ?? 0)
      return { total, main }
    },
  }
}

/** CPU seconds (user + system) `pid` spent so far, threads that ended included. */
export async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

/** Read and write system calls of a process and their bytes, from `/proc/<pid>/io`. */
export interface ProcessIo {
  readonly syscr: number
  readonly syscw: number
  readonly rchar: number
  readonly wchar: number
  /** Bytes the process caused to be written to storage (page-cache pages it dirtied). */
  readonly writeBytes: number
}

/** The read and write counts of `pid` so far (zeros when /proc does not say). */
export async function processIo(pid: number): Promise<ProcessIo> {
  const fields = new Map<string, number>()
  try {
    for (const line of (await readFile(`/proc/${pid}/io`, 'utf8')).split('\n')) {
      const [name, value] = line.split(': ')
      if (name !== undefined && value !== undefined) fields.set(name, Number(value))
    }
  } catch {
    // the process ended
  }
  const of = (name: string) => fields.get(name) ?? 0
  return {
    syscr: of('syscr'),
    syscw: of('syscw'),
    rchar: of('rchar'),
    wchar: of('wchar'),
    writeBytes: of('write_bytes'),
  }
}
