/**
 * Start-up figures of a real node process: restart to API ready (wall clock and the CPU
 * time it took, which a busy machine inflates far less) and idle RSS, each the median of
 * several restarts; with `--baseline <bin.js>`, another build's figures on a copy of the
 * same data, restarted in turn with this one, so both see the same load.
 *
 *   node bench/src/startup.ts [records=100000] [restarts=5] [--baseline /path/node/bundle/bin.js]
 *
 * (a tree from before the bundle: its node/dist/bin.js)
 */
import { cp, rm } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { rssMb, searchRebuildMs, startDaemon } from './daemon.ts'
import { publishBulk, tempHome } from './store.ts'

export interface StartupFigures {
  /** Median milliseconds from spawning `polder start` to its API answering `/v1/status`. */
  readonly readyMs: number
  /** Median CPU milliseconds the process used until then. */
  readonly readyCpuMs: number
  /** Median milliseconds to "Polder node started": the network (libp2p, collective) too. */
  readonly networkReadyMs: number
  /** Median CPU milliseconds the process used until then. */
  readonly networkReadyCpuMs: number
  /** Median of when the API listened, by the node's own clock (ms since its process began). */
  readonly listeningMs: number
  /** Median CPU milliseconds when the API listened (see {@link Run.listeningCpuMs}). */
  readonly listeningCpuMs: number
  /** Median of when the network had started, by the node's own clock. */
  readonly networkStartedMs: number
  /** Median RSS 3 s after ready, idle, MB. */
  readonly rssMb: number
  /** Every restart, in order. */
  readonly runs: readonly Run[]
}

interface Run {
  readyMs: number
  readyCpuMs: number
  networkReadyMs: number
  networkReadyCpuMs: number
  listeningMs: number
  /** CPU when the API listened, as the node logs it; a build from before round 6: at ready. */
  listeningCpuMs: number
  networkStartedMs: number
  rssMb: number
}

/**
 * The node's own marks (`startedAt`, ms since its process began): when its API listened and
 * when its network had started. A build from before round 6 logs both in one line, at the end.
 */
function marks(
  output: string,
  readyCpuMs: number,
): Pick<Run, 'listeningMs' | 'listeningCpuMs' | 'networkStartedMs'> {
  const logged = (msg: string) => {
    const line = output.split('\n').find((l) => l.includes(`"msg":"${msg}"`))
    return line === undefined
      ? undefined
      : (JSON.parse(line) as { startedAt: Record<string, number>; cpuMs?: number })
  }
  const started = logged('Polder node started')?.startedAt ?? {}
  const listening = logged('API listening')
  return {
    listeningMs: (listening?.startedAt ?? started).listening ?? Number.NaN,
    listeningCpuMs: listening?.cpuMs ?? readyCpuMs,
    networkStartedMs: started.networkStarted ?? started.listening ?? Number.NaN,
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/**
 * One restart on `home`: API ready (`/v1/status` answered: since round 6 the API listens
 * before the network starts), network ready ("Polder node started"), 3 s idle, RSS, stop.
 */
async function restart(home: string, bin?: string): Promise<Run> {
  const daemon = await startDaemon(home, {}, bin, 'api')
  try {
    const network = await daemon.networkReady()
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    return {
      readyMs: daemon.readyMs,
      readyCpuMs: daemon.readyCpuMs,
      // a build that starts its API last logs "started" before its API answers
      networkReadyMs: Math.max(network.ms, daemon.readyMs),
      networkReadyCpuMs: Math.max(network.cpuMs, daemon.readyCpuMs),
      ...marks(daemon.output(), daemon.readyCpuMs),
      rssMb: await rssMb(daemon.pid),
    }
  } finally {
    await daemon.stop()
  }
}

const summary = (runs: StartupFigures['runs']): StartupFigures => ({
  readyMs: median(runs.map((r) => r.readyMs)),
  readyCpuMs: median(runs.map((r) => r.readyCpuMs)),
  networkReadyMs: median(runs.map((r) => r.networkReadyMs)),
  networkReadyCpuMs: median(runs.map((r) => r.networkReadyCpuMs)),
  listeningMs: median(runs.map((r) => r.listeningMs)),
  listeningCpuMs: median(runs.map((r) => r.listeningCpuMs)),
  networkStartedMs: median(runs.map((r) => r.networkStartedMs)),
  rssMb: median(runs.map((r) => r.rssMb)),
  runs,
})

/**
 * Restarts each build (`bins`, undefined for this one) in turn on its own copy of `home`,
 * `restarts` times, after a first start that builds its search index.
 */
export async function restartFigures(
  home: string,
  restarts: number,
  bins: readonly (string | undefined)[] = [undefined],
): Promise<StartupFigures[]> {
  const homes = [home]
  for (let i = 1; i < bins.length; i++) {
    const copy = await tempHome()
    await cp(home, copy, { recursive: true })
    homes.push(copy)
  }
  try {
    for (const [i, bin] of bins.entries()) {
      const first = await startDaemon(homes[i] as string, {}, bin)
      await searchRebuildMs(first) // a new home: its index is built on the first start
      await first.stop()
    }
    const runs: Run[][] = bins.map(() => [])
    for (let r = 0; r < restarts; r++) {
      for (const [i, bin] of bins.entries()) runs[i]?.push(await restart(homes[i] as string, bin))
    }
    return runs.map(summary)
  } finally {
    for (const copy of homes.slice(1)) await rm(copy, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2)
  const at = args.indexOf('--baseline')
  const baseline = at >= 0 ? args.splice(at, 2)[1] : undefined
  const records = Number(args[0] ?? 100_000)
  const restarts = Number(args[1] ?? 5)
  const bins = baseline === undefined ? [undefined] : [baseline, undefined]
  const names = baseline === undefined ? ['this build'] : ['baseline', 'this build']
  const load = () => loadavg().map((l) => l.toFixed(1))
  const loadBefore = load()
  const filled = await publishBulk(records)
  const empty = await tempHome()
  try {
    const withRecords = await restartFigures(filled.home, restarts, bins)
    const emptyFigures = await restartFigures(empty, restarts, bins)
    const report = names.map((name, i) => ({
      build: name,
      [`${records} records`]: withRecords[i],
      empty: emptyFigures[i],
    }))
    process.stdout.write(
      `${JSON.stringify({ loadBefore, loadAfter: load(), figures: report }, null, 2)}\n`,
    )
  } finally {
    await rm(filled.home, { recursive: true, force: true })
    await rm(empty, { recursive: true, force: true })
  }
}
