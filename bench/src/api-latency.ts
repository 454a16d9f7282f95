/**
 * The HTTP API under load: publish latency with many concurrent writers. The load comes
 * from a process of its own (api-load.ts), not from the node's nor the bench's. The same
 * load runs twice on the node: the first round on a fresh process (its code not yet
 * compiled by V8: the figures of a node just started), then the measured one, as a node
 * that has been running answers.
 *
 *   node bench/src/api-latency.ts [writers] [each] [--baseline <bin.js>] [--repeat n] [--together]
 *
 * (POLDER_PROFILE=dir: the node's CPU profile; POLDER_LOAD_PROFILE=dir: the load
 * generator's). With a baseline (another build's
 * node/dist/bin.js), each repeat runs this build, then that one, on fresh homes; with
 * `--together`, both at the same time (each with its load generator), so that on a shared
 * machine both see the same load: their CPU a record compares, their rates do not.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { LoadResult } from './api-load.ts'
import { startDaemon } from './daemon.ts'
import { percentile } from './report.ts'

const LOAD = fileURLToPath(new URL('./api-load.ts', import.meta.url))

export interface PublishRound {
  readonly p50Ms: number
  readonly p99Ms: number
  readonly perSecond: number
  /**
   * The node's CPU time (user + system) per record published: unlike the latencies, it
   * hardly changes with the load of the machine.
   */
  readonly cpuMsPerRecord: number
  /**
   * The same for the node's main thread alone: it runs the whole request path, so it bounds
   * the rate (1,000 / this records a second at most).
   */
  readonly mainCpuMsPerRecord: number
  /** Log entries the round's records went into: the groups of the group commit. */
  readonly groups: number
  /** The load generator's CPU time per record, for comparison. */
  readonly loadCpuMsPerRecord: number
}

export interface PublishLatency extends PublishRound {
  /** The same load's first round, on the fresh node (before V8 compiled the path). */
  readonly fresh: PublishRound
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
  bin?: string,
): Promise<PublishLatency> {
  // the write limit is for clients out there; this one is the benchmark
  const daemon = await startDaemon(home, { POLDER_WRITE_LIMIT: '1000000', ...nodeEnv }, bin)
  try {
    const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
    const round = async (first: number): Promise<PublishRound> => {
      const cpuBefore = await cpuMs(daemon.pid)
      const mainBefore = await cpuMs(daemon.pid, daemon.pid)
      const entriesBefore = logEntries(home)
      const load = await runLoad(daemon.url, token, writers, each, first)
      const cpu = (await cpuMs(daemon.pid)) - cpuBefore
      const main = (await cpuMs(daemon.pid, daemon.pid)) - mainBefore
      const times = load.times.toSorted((a, b) => a - b)
      return {
        p50Ms: percentile(times, 0.5),
        p99Ms: percentile(times, 0.99),
        perSecond: (writers * each) / (load.wallMs / 1000),
        cpuMsPerRecord: cpu / (writers * each),
        mainCpuMsPerRecord: main / (writers * each),
        groups: logEntries(home) - entriesBefore,
        loadCpuMsPerRecord: load.cpuMs / (writers * each),
      }
    }
    const fresh = await round(0)
    return { ...(await round(writers * each)), fresh }
  } finally {
    await daemon.stop()
  }
}

/**
 * CPU time a process used so far (user + system), in ms, from /proc: all its threads, or
 * only thread `tid` (the main thread's id is the process's).
 */
export async function cpuMs(pid: number, tid?: number): Promise<number> {
  const path = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`
  const stat = await readFile(path, 'utf8')
  // the fields after the command (in parentheses, which may hold spaces): utime is the 12th
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND
}

/** Entries of the logs the node holds, read beside the running node (SQLite in WAL mode). */
export function logEntries(home: string): number {
  const db = new DatabaseSync(join(home, 'state.sqlite'), { readOnly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM log_index').get() as { n: number }).n
  } finally {
    db.close()
  }
}

/** USER_HZ: Linux reports CPU times in 1/100 s on every architecture Node.js runs on. */
const CLOCK_TICKS_PER_SECOND = 100

/** Runs the load generator in its own process and reads its result. */
export async function runLoad(
  url: string,
  token: string,
  writers: number,
  each: number,
  first: number,
) {
  // POLDER_LOAD_PROFILE=dir: the generator's own CPU profile, to see what a request costs it
  const profile = process.env.POLDER_LOAD_PROFILE
  const flags = profile === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', profile]
  const args = [...flags, LOAD, url, token, String(writers), String(each), String(first)]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`the load generator exited with ${code}`)
  return JSON.parse(output) as LoadResult
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      baseline: { type: 'string' },
      repeat: { type: 'string', default: '1' },
      together: { type: 'boolean', default: false },
    },
  })
  const writers = Number(positionals[0] ?? 50)
  const each = Number(positionals[1] ?? 20)
  const profile = process.env.POLDER_PROFILE
  const env: Record<string, string> = profile
    ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profile}` }
    : {}
  const builds: [string, string | undefined][] = [['this build', undefined]]
  if (values.baseline !== undefined) builds.push([`baseline ${values.baseline}`, values.baseline])
  const measure = async ([name, bin]: [string, string | undefined]) => {
    const home = await mkdtemp(join(tmpdir(), 'polder-api-'))
    try {
      const figures = await publishLatency(home, writers, each, env, bin)
      process.stdout.write(`${JSON.stringify({ build: name, ...figures })}\n`)
    } finally {
      await rm(home, { recursive: true, force: true })
    }
  }
  for (let repeat = 0; repeat < Number(values.repeat); repeat++) {
    if (values.together) await Promise.all(builds.map(measure))
    else for (const build of builds) await measure(build)
  }
}
