/**
 * The HTTP API under load: publish latency with many concurrent writers. The load comes
 * from a process of its own (api-load.ts), not from the node's nor the bench's.
 *
 *   node bench/src/api-latency.ts [writers] [each]    (POLDER_PROFILE=dir: the node's CPU profile)
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LoadResult } from './api-load.ts'
import { startDaemon } from './daemon.ts'
import { percentile } from './report.ts'

const LOAD = fileURLToPath(new URL('./api-load.ts', import.meta.url))

export interface PublishLatency {
  readonly p50Ms: number
  readonly p99Ms: number
  readonly perSecond: number
  /**
   * The node's CPU time (user + system) per record published: unlike the latencies, it
   * hardly changes with the load of the machine.
   */
  readonly cpuMsPerRecord: number
  /** The load generator's CPU time per record, for comparison. */
  readonly loadCpuMsPerRecord: number
}

/**
 * `writers` clients each publish `each` records one request at a time, all at once, to a
 * fresh node over HTTP; returns the latency of each publish (request to 201) and the rate.
 */
export async function publishLatency(
  home: string,
  writers: number,
  each: number,
  nodeEnv: Record<string, string> = {},
): Promise<PublishLatency> {
  // the write limit is for clients out there; this one is the benchmark
  const daemon = await startDaemon(home, { POLDER_WRITE_LIMIT: '1000000', ...nodeEnv })
  try {
    const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
    const cpuBefore = await cpuMs(daemon.pid)
    const { times, wallMs, cpuMs: loadCpu } = await runLoad(daemon.url, token, writers, each)
    const cpu = (await cpuMs(daemon.pid)) - cpuBefore
    times.sort((a, b) => a - b)
    return {
      p50Ms: percentile(times, 0.5),
      p99Ms: percentile(times, 0.99),
      perSecond: (writers * each) / (wallMs / 1000),
      cpuMsPerRecord: cpu / (writers * each),
      loadCpuMsPerRecord: loadCpu / (writers * each),
    }
  } finally {
    await daemon.stop()
  }
}

/** CPU time a process used so far (user + system, all its threads), in ms, from /proc. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  // the fields after the command (in parentheses, which may hold spaces): utime is the 12th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND
}

/** USER_HZ: Linux reports CPU times in 1/100 s on every architecture Node.js runs on. */
const CLOCK_TICKS_PER_SECOND = 100

/** Runs the load generator in its own process and reads its result. */
async function runLoad(url: string, token: string, writers: number, each: number) {
  const child = spawn(process.execPath, [LOAD, url, token, String(writers), String(each)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`the load generator exited with ${code}`)
  return JSON.parse(output) as LoadResult
}

if (import.meta.main) {
  const writers = Number(process.argv[2] ?? 50)
  const each = Number(process.argv[3] ?? 20)
  const profile = process.env.POLDER_PROFILE
  const home = await mkdtemp(join(tmpdir(), 'polder-api-'))
  try {
    const figures = await publishLatency(home, writers, each, {
      ...(profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profile}` } : {}),
    })
    process.stdout.write(`${JSON.stringify(figures)}\n`)
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}
