/** Resident memory of a process, read from Linux's /proc: for fault tests and benchmarks. */
import { readFile } from 'node:fs/promises'

/** Resident set size of a process, MB. */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
  return kb / 1024
}

/** Peak resident memory of a process, MB, sampled every 100 ms until `stop()`. */
export function sampleRss(pid: number): { stop(): Promise<number> } {
  let peak = 0
  let running = true
  const done = (async () => {
    while (running) {
      peak = Math.max(peak, await rssMb(pid))
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return {
    async stop() {
      running = false
      await done
      return peak
    },
  }
}
