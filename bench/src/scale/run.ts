/**
 * `node bench/src/scale/run.ts --nodes 50 [--nodes 100 …] [--hosts 4] [--idle 30] [--load 60]
 * [--settle 120] [--sync 120] [--starts 5] [--dilation K] [--cpu-prof-dir DIR] [--heap-prof-dir DIR]
 * [--host-heap-mb MB]`: the national-scale
 * simulation at each size, every clock and timer of its hosts dilated k times (default
 * {@link defaultDilation}; figures per simulated second; each run's figures to bench/results/scale-<n>-nodes.json as it
 * ends), its per-node figures, and each figure's growth fitted (a power law through the
 * unstarved sizes) and extrapolated to 1,000 organisations. `pnpm bench --scale` runs it at 50, 100, 200 and 400 nodes.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { type Figure, machine } from '../report.ts'
import { type ScaleFigures, type ScaleOptions, simulate } from './simulation.ts'

/** The figures whose growth is fitted, per node. */
const GROWING: Record<string, (f: ScaleFigures) => number> = {
  'idle bytes in/s': (f) => f.idle.bytesInPerSecond,
  'idle bytes out/s': (f) => f.idle.bytesOutPerSecond,
  'idle gossip messages in/s': (f) => f.idle.messagesInPerSecond,
  'idle CPU ms/s': (f) => f.idle.cpuMsPerSecond,
  'load bytes in/s': (f) => f.load.bytesInPerSecond,
  'load bytes out/s': (f) => f.load.bytesOutPerSecond,
  'load gossip messages in/s': (f) => f.load.messagesInPerSecond,
  'load CPU ms/s': (f) => f.load.cpuMsPerSecond,
  connections: (f) => f.idle.connections,
  'DHT provider records held': (f) => f.idle.providerRecords,
  'DHT routing table': (f) => f.idle.routingTable,
  'RSS MB per node': (f) => f.idle.rssMbPerNode,
  'V8 heap MB per node': (f) => f.idle.heapMbPerNode,
  'propagation p50 ms': (f) => f.propagation.p50Ms,
  'propagation p99 ms': (f) => f.propagation.p99Ms,
  'new member sync s': (f) => f.newMember.allSeconds,
}

export interface Growth {
  readonly figure: string
  /** The exponent b of y = a * n^b through the sizes run (least squares in log-log). */
  readonly exponent: number
  readonly at1000: number
  readonly values: readonly number[]
}

/** Fits y = a * n^b to the points with y > 0. */
export function powerFit(points: readonly (readonly [number, number])[]): { a: number; b: number } {
  const usable = points.filter(([n, y]) => n > 0 && y > 0 && Number.isFinite(y))
  if (usable.length < 2) return { a: Number.NaN, b: Number.NaN }
  const xs = usable.map(([n]) => Math.log(n))
  const ys = usable.map(([, y]) => Math.log(y))
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length
  const my = ys.reduce((a, b) => a + b, 0) / ys.length
  let sxy = 0
  let sxx = 0
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my)
    sxx += (x - mx) ** 2
  })
  const b = sxx === 0 ? 0 : sxy / sxx
  return { a: Math.exp(my - b * mx), b }
}

/** Whether a run's hosts got the CPU they asked for in both windows (see `HostCpu`). */
export const unstarved = (run: ScaleFigures): boolean => !run.idle.starved && !run.load.starved

/**
 * Each figure's growth, fitted through the unstarved runs only: a starved run measures
 * the machine (its figures fall and rise with the CPU the hosts got), not the protocol.
 */
export function growth(runs: readonly ScaleFigures[]): Growth[] {
  const fitted = runs.filter(unstarved)
  return Object.entries(GROWING).map(([figure, pick]) => {
    const { a, b } = powerFit(fitted.map((run) => [run.nodes, pick(run)] as const))
    return { figure, exponent: b, at1000: a * 1000 ** b, values: runs.map(pick) }
  })
}

const fmt = (value: number) =>
  !Number.isFinite(value)
    ? '–'
    : Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en')
      : value.toFixed(Math.abs(value) >= 10 ? 1 : 2)

/** The figures of each size side by side, and their growth, as a markdown table. */
export function growthTable(runs: readonly ScaleFigures[]): string {
  const rows = growth(runs)
  const head = `| per node | ${runs.map((r) => `${r.nodes} nodes`).join(' | ')} | growth n^b (unstarved runs) | 1,000 (fit) |`
  const rule = `|---|${runs.map(() => '---').join('|')}|---|---|`
  const lines = rows.map(
    (row) =>
      `| ${row.figure} | ${row.values.map(fmt).join(' | ')} | ${fmt(row.exponent)} | ${fmt(row.at1000)} |`,
  )
  const cpu = (w: ScaleFigures['idle']) =>
    `${w.starved ? 'starved' : 'ok'}, busy ${Math.round(Math.max(...w.hosts.map((h) => h.busyShare)) * 100)}% (wait ${Math.round(Math.max(...w.hosts.map((h) => h.waitShare)) * 100)}%), ${w.hostsCores.toFixed(2)} cores`
  const extra = [
    `| time dilation (simulated s per real s: 1/k) | ${runs.map((r) => `k = ${r.dilation}`).join(' | ')} | | |`,
    `| hosts' CPU idle / load (busiest host's share of real time runnable, and of that waiting; hosts' cores in real time) | ${runs.map((r) => `${cpu(r.idle)} / ${cpu(r.load)}`).join(' | ')} | | |`,
    `| connections of the most connected node (a relay), idle / load | ${runs.map((r) => `${r.idle.maxConnections} / ${r.load.maxConnections}`).join(' | ')} | | |`,
    `| nodes with no connection (idle) | ${runs.map((r) => r.idle.isolated).join(' | ')} | | |`,
    `| members holding a relay reservation, idle / load | ${runs.map((r) => `${r.idle.relayed} / ${r.load.relayed}`).join(' | ')} | | |`,
    `| follows (min-max, mean) | ${runs.map((r) => `${r.follows.min}-${r.follows.max}, ${r.follows.mean.toFixed(0)}`).join(' | ')} | | |`,
    `| delivered (online / all followers) | ${runs.map((r) => `${(r.propagation.deliveredOnline * 100).toFixed(1)}% / ${(r.propagation.deliveredAll * 100).toFixed(1)}%`).join(' | ')} | | |`,
    `| completeness after churn | ${runs.map((r) => `${(r.completeness * 100).toFixed(2)}%`).join(' | ')} | | |`,
    `| new member: follows complete | ${runs.map((r) => `${r.newMember.follows}: ${(r.newMember.complete * 100).toFixed(0)}%`).join(' | ')} | | |`,
  ]
  return [head, rule, ...lines, ...extra].join('\n')
}

/** The runs as the bench's figures: each fitted figure at each size and at 1,000 (fit). */
export function scaleFigures(runs: readonly ScaleFigures[]): Figure[] {
  const figures: Figure[] = []
  for (const row of growth(runs)) {
    runs.forEach((run, i) => {
      figures.push({
        name: `${row.figure}, ${run.nodes} nodes`,
        value: row.values[i] as number,
        unit: '',
      })
    })
    figures.push({
      name: `${row.figure}, 1,000 nodes (fit n^${fmt(row.exponent)})`,
      value: row.at1000,
      unit: '',
      note: 'extrapolated',
    })
  }
  for (const run of runs) {
    figures.push({
      name: `completeness after churn, ${run.nodes} nodes`,
      value: run.completeness * 100,
      unit: '%',
      goal: { value: 100, kind: 'min' },
    })
  }
  return figures
}

function option(name: string): string[] {
  const values: string[] = []
  process.argv.forEach((arg, i) => {
    if (arg === `--${name}` && process.argv[i + 1] !== undefined)
      values.push(process.argv[i + 1] as string)
  })
  return values
}

/**
 * The dilation a size needs on a quiet 2-core machine: a node of these runs asked for
 * 25-60 ms of CPU per simulated second (idle and load, 10-50 nodes), so N nodes want
 * about N / 25 cores at k = 1; k = N / 35 keeps them near 70 % of two cores. A busy
 * machine needs more (`--dilation`): the window's `starved` flag says whether it was enough.
 */
export const defaultDilation = (nodes: number): number => Math.max(1, Math.ceil(nodes / 35))

export async function scaleRuns(
  sizes: readonly number[],
  options: Omit<ScaleOptions, 'nodes' | 'log'> = {},
): Promise<ScaleFigures[]> {
  const runs: ScaleFigures[] = []
  for (const nodes of sizes) {
    const log = (line: string) => process.stderr.write(`${line}\n`)
    const loadBefore = loadAverage()
    const startedAt = new Date().toISOString()
    log(
      `scale: ${nodes} nodes (load average ${loadBefore}, dilation ${options.dilation ?? defaultDilation(nodes)})…`,
    )
    const run = await simulate({
      nodes,
      ...options,
      dilation: options.dilation ?? defaultDilation(nodes),
      log,
    })
    runs.push(run)
    // each size on its own as it ends: a later, larger size may not finish
    const file = await writeRun(run, {
      commit: commit(),
      startedAt,
      loadBefore,
      loadAfter: loadAverage(),
      argv: process.argv.slice(2),
    })
    log(`  written to ${file}`)
  }
  return runs
}

/** The commit measured, so that `fit.ts` can tell runs of different code apart. */
function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim()
    return changed === '' ? head : `${head}+changes`
  } catch {
    return 'unknown'
  }
}

/**
 * Writes one run's figures, with the commit, when it ran, the machine's load and the command
 * line, to bench/results/ (`fit.ts` fits runs written apart).
 */
async function writeRun(
  run: ScaleFigures,
  context: {
    commit: string
    startedAt: string
    loadBefore: string
    loadAfter: string
    argv: readonly string[]
  },
): Promise<string> {
  const dir = new URL('../../results/', import.meta.url)
  await mkdir(dir, { recursive: true })
  const file = new URL(`scale-${run.nodes}-nodes.json`, dir)
  await writeFile(file, `${JSON.stringify({ machine: machine(), ...context, run }, null, 2)}\n`)
  return file.pathname
}

export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

if (import.meta.main) {
  const sizes = option('nodes').map(Number)
  const number = (name: string) =>
    option(name)[0] === undefined ? undefined : Number(option(name)[0])
  const runs = await scaleRuns(sizes.length > 0 ? sizes : [50], {
    hosts: number('hosts'),
    idleSeconds: number('idle'),
    loadSeconds: number('load'),
    settleSeconds: number('settle'),
    syncSeconds: number('sync'),
    startsPerSecond: number('starts'),
    dilation: number('dilation'),
    profileDir: option('cpu-prof-dir')[0],
    heapProfileDir: option('heap-prof-dir')[0],
    hostHeapMb: number('host-heap-mb'),
  })
  process.stdout.write(`${JSON.stringify(runs, null, 2)}\n\n${growthTable(runs)}\n`)
  process.stdout.write(`load average at the end: ${loadAverage()}\n`)
}
