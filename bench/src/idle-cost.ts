/**
 * Idle cost of a collective on one machine: N real node processes in a random topology of
 * degree k, all following node 0, left alone once connected; over a window, per process,
 * the CPU time it used (utime + stime from /proc), how often its threads were woken
 * (context switches of every thread), its threads and its RSS. Node 0 has published a few
 * records first, so every log has heads to compare, as in a collective at rest (the test
 * networks' heads comparison every 2 s, as in the propagation figure). Twenty nodes on two cores
 * leave each a tenth of a core: what they burn at idle is taken from every publish.
 */
import { readdir, readFile } from 'node:fs/promises'
import { subscribeEvents, TestNetwork } from '@polder/testnet'
import { practice } from './records.ts'
import { percentile } from './report.ts'

export interface IdleCostFigures {
  /** CPU ms a second per process: median and highest of the N. */
  readonly cpuMsPerSecond: number
  readonly cpuMsPerSecondMax: number
  /** Context switches a second per process (all threads), median. */
  readonly wakeupsPerSecond: number
  /** Threads per process, median. */
  readonly threads: number
  /** RSS per process, MB, median. */
  readonly rssMb: number
  /** Gossip messages delivered a second per process, median, and by topic (medians). */
  readonly gossipPerSecond: number
  readonly gossipByTopic: Readonly<Record<string, number>>
  /** Gossip payload bytes delivered a second per process, median. */
  readonly gossipBytesPerSecond: number
  /**
   * CPU ms a second per process by thread name (`/proc/<pid>/task/<tid>/comm`: `node` is the
   * main thread, `V8Worker` V8's platform workers (GC), `libuv-worker` the thread pool),
   * medians: where a JavaScript profile of the main thread does not look.
   */
  readonly cpuMsPerSecondByThread: Readonly<Record<string, number>>
  /**
   * How long after node 0's publishes the network took to settle (no connection opened or
   * closed and no gossip but heads for {@link QUIET_MS}), and whether it did within
   * {@link MAX_SETTLE_MS} (else the window began anyway).
   */
  readonly settleMs: number
  readonly settled: boolean
  /** Connections opened and closed a second in the window, all nodes together. */
  readonly connectionEventsPerSecond: number
  /** Connections per node at the window's end (`polder_peers`), median. */
  readonly connectionsPerNode: number
  /**
   * Connections opened (each counted at both ends) and closed, by `<how>:<error>`
   * (`polder_connections_*_total`), all nodes together: from the nodes' start to the window,
   * and in it. Empty where a node's build does not count them.
   */
  readonly connectionsBeforeWindow: ConnectionCounts
  readonly connectionsInWindow: ConnectionCounts
  /**
   * With {@link IdleCostOptions.sliceMs}: CPU ms a second per process in each slice of the
   * window, medians, oldest first: whether the figure still falls as the nodes age.
   */
  readonly cpuMsPerSecondBySlice?: readonly number[]
}

export interface ConnectionCounts {
  readonly opened: number
  readonly closed: Readonly<Record<string, number>>
}

/**
 * A network is settled once nothing but the periodic heads digests happened for this long:
 * a fixed wait measured networks still announcing after reconnections (0.05 to 2 gossip
 * messages a second for the same code), and the figure followed them, not the build.
 */
const QUIET_MS = 10_000
/** The longest wait for a settled network before the window begins anyway. */
const MAX_SETTLE_MS = 120_000
/** How often the settling network's gossip counters are read. */
const SETTLE_POLL_MS = 2_000

interface Counters {
  readonly messages: Map<string, number>
  readonly bytes: number
  readonly peers: number
  readonly opened: number
  readonly closed: Map<string, number>
}

/**
 * A node's counters from its `/metrics`: gossip (`polder_gossip_*_total{topic}`), its
 * connections now and those opened and closed (`polder_connections_*_total`).
 */
async function nodeCounters(url: string): Promise<Counters> {
  const text = await (await fetch(new URL('/metrics', url))).text()
  let opened = 0
  for (const match of text.matchAll(/^polder_connections_opened_total\{[^}]*\} (\S+)$/gm)) {
    opened += Number(match[1])
  }
  const closed = new Map<string, number>()
  for (const match of text.matchAll(/^polder_connections_closed_total\{([^}]*)\} (\S+)$/gm)) {
    // `how="aborted",error="TimeoutError"` as `aborted:TimeoutError`
    const labels = [...(match[1] as string).matchAll(/="([^"]*)"/g)].map((label) => label[1])
    closed.set(labels.join(':'), Number(match[2]))
  }
  const peers = Number(/^polder_peers (\S+)$/m.exec(text)?.[1] ?? Number.NaN)
  const messages = new Map<string, number>()
  let bytes = 0
  for (const match of text.matchAll(
    /^polder_gossip_(messages|bytes)_total\{topic="([^"]+)"\} (\S+)$/gm,
  )) {
    const [, what, topic, value] = match
    if (what === 'messages') messages.set(topic as string, Number(value))
    else bytes += Number(value)
  }
  return { messages, bytes, peers, opened, closed }
}

/** Connections opened and closed between two readings of every node, all nodes together. */
function connectionCounts(
  before: readonly (Counters | undefined)[],
  after: readonly Counters[],
): ConnectionCounts {
  const closed: Record<string, number> = {}
  let opened = 0
  after.forEach((end, i) => {
    opened += end.opened - (before[i]?.opened ?? 0)
    for (const [reason, count] of end.closed) {
      const more = count - (before[i]?.closed.get(reason) ?? 0)
      if (more > 0) closed[reason] = (closed[reason] ?? 0) + more
    }
  })
  return { opened, closed }
}

/** Closes by how and error, as `aborted:TimeoutError 3, closed:none 3`, or `none`. */
export function closesText(counts: ConnectionCounts): string {
  const closes = Object.entries(counts.closed)
  return closes.length === 0
    ? 'none'
    : closes.map(([reason, count]) => `${reason} ${count}`).join(', ')
}

/** Gossip messages delivered on every topic but the heads digests, all nodes together. */
async function nonHeadsGossip(urls: readonly string[]): Promise<number> {
  const counters = await Promise.all(urls.map(nodeCounters))
  return counters
    .flatMap((c) => [...c.messages])
    .filter(([topic]) => topic !== 'heads')
    .reduce((sum, [, count]) => sum + count, 0)
}

/**
 * Waits until the network is settled (see {@link QUIET_MS}); `lastConnectionEvent` is when
 * any node last saw a connection open or close (`performance.now()`).
 */
async function settle(
  urls: readonly string[],
  lastConnectionEvent: () => number,
  minMs: number,
): Promise<{ settleMs: number; settled: boolean }> {
  const start = performance.now()
  let gossip = await nonHeadsGossip(urls)
  let lastGossip = start
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS))
    const now = performance.now()
    const count = await nonHeadsGossip(urls)
    if (count !== gossip) lastGossip = now
    gossip = count
    const quietSince = Math.max(lastGossip, lastConnectionEvent(), start)
    if (now - start >= minMs && now - quietSince >= QUIET_MS)
      return { settleMs: now - start, settled: true }
    if (now - start >= MAX_SETTLE_MS) return { settleMs: now - start, settled: false }
  }
}

/** Clock ticks a second of /proc's utime and stime (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100

interface Sample {
  readonly cpuTicks: number
  /** CPU ticks by thread name, summed over the threads of that name. */
  readonly threadTicks: ReadonlyMap<string, number>
  readonly switches: number
  readonly threads: number
  readonly rssKb: number
}

const median = (values: readonly number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  )

async function sample(pid: number): Promise<Sample> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  // fields after the command name (which may hold spaces) in parentheses
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const cpuTicks = Number(fields[11]) + Number(fields[12])
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const threads = Number(/Threads:\s+(\d+)/.exec(status)?.[1])
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1])
  let switches = 0
  const threadTicks = new Map<string, number>()
  for (const task of await readdir(`/proc/${pid}/task`)) {
    const taskStatus = await readFile(`/proc/${pid}/task/${task}/status`, 'utf8').catch(() => '')
    switches += Number(/\nvoluntary_ctxt_switches:\s+(\d+)/.exec(taskStatus)?.[1] ?? 0)
    switches += Number(/nonvoluntary_ctxt_switches:\s+(\d+)/.exec(taskStatus)?.[1] ?? 0)
    const taskStat = await readFile(`/proc/${pid}/task/${task}/stat`, 'utf8').catch(() => '')
    const name = /\((.*)\)/.exec(taskStat)?.[1]
    if (name === undefined) continue // the thread ended between the listing and the read
    const taskFields = taskStat.slice(taskStat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(taskFields[11]) + Number(taskFields[12])
    threadTicks.set(name, (threadTicks.get(name) ?? 0) + ticks)
  }
  return { cpuTicks, threadTicks, switches, threads, rssKb }
}

export interface IdleCostOptions {
  readonly nodes: number
  readonly degree: number
  /** The shortest wait after the publishes before measuring; then until settled. */
  readonly settleMs: number
  readonly windowMs: number
  /** Also measure the window in slices this long ({@link IdleCostFigures.cpuMsPerSecondBySlice}). */
  readonly sliceMs?: number
  /** Extra environment for every node. */
  readonly env?: Readonly<Record<string, string>>
  /** Writes CPU profiles of {@link profileNodes} into this directory when they stop. */
  readonly profileDir?: string
  /** The nodes profiled. @default [1] (a follower at rest) */
  readonly profileNodes?: readonly number[]
}

/** CPU ms a second of each process between two samples. */
function cpuRates(before: readonly Sample[], after: readonly Sample[], seconds: number): number[] {
  return after.map(
    (end, i) => ((end.cpuTicks - (before[i]?.cpuTicks ?? 0)) * 1000) / TICKS_PER_SECOND / seconds,
  )
}

export async function idleCost(options: IdleCostOptions): Promise<IdleCostFigures> {
  const profiled = new Set(options.profileNodes ?? [1])
  const profile = (index: number): Record<string, string> =>
    options.profileDir === undefined || !profiled.has(index)
      ? {}
      : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.profileDir}` }
  const network = await TestNetwork.create({
    nodes: options.nodes,
    topology: { random: options.degree, seed: 7 },
    follow: Array.from({ length: options.nodes - 1 }, (_, i) => [i + 1, 0] as const),
    node: (index) => ({ env: { ...options.env, ...profile(index) } }),
  })
  let lastConnectionEvent = performance.now()
  let connectionEvents = 0
  const subscriptions = network.nodes.map((node) =>
    subscribeEvents(node.url, (event) => {
      if (event.event !== 'peer:connect' && event.event !== 'peer:disconnect') return
      lastConnectionEvent = performance.now()
      connectionEvents++
    }),
  )
  try {
    await Promise.all(subscriptions.map((subscription) => subscription.ready))
    const publisher = network.node(0)
    for (let i = 0; i < 10; i++) await publisher.publish([practice(i)])
    const pids = network.nodes.map((node) => node.pid)
    const urls = network.nodes.map((node) => node.url)
    const settled = await settle(urls, () => lastConnectionEvent, options.settleMs)
    const eventsBefore = connectionEvents
    const countersBefore = await Promise.all(urls.map(nodeCounters))
    const before = await Promise.all(pids.map(sample))
    const start = performance.now()
    // for profiles and tracers of the nodes: V8's profiles count time on this clock (µs)
    process.stderr.write(
      `idle window begins: monotonic ${process.hrtime.bigint() / 1000n} µs, pids ${pids.join(',')}\n`,
    )
    const slices: number[] = []
    let sliceStart = { at: start, samples: before }
    const sliceMs = options.sliceMs ?? options.windowMs
    while (performance.now() - start < options.windowMs - 1) {
      const left = options.windowMs - (performance.now() - start)
      await new Promise((resolve) => setTimeout(resolve, Math.min(sliceMs, left)))
      if (options.sliceMs === undefined) continue
      const samples = await Promise.all(pids.map(sample))
      const now = performance.now()
      slices.push(median(cpuRates(sliceStart.samples, samples, (now - sliceStart.at) / 1000)))
      sliceStart = { at: now, samples }
    }
    const after = await Promise.all(pids.map(sample))
    process.stderr.write(`idle window ends: monotonic ${process.hrtime.bigint() / 1000n} µs\n`)
    const seconds = (performance.now() - start) / 1000
    const eventsInWindow = connectionEvents - eventsBefore
    const countersAfter = await Promise.all(urls.map(nodeCounters))
    const topics = new Set(countersAfter.flatMap((counters) => [...counters.messages.keys()]))
    const rate = (topic: string | undefined) =>
      countersAfter.map((end, i) => {
        const count = (counters: { messages: Map<string, number> } | undefined) =>
          topic === undefined
            ? [...(counters?.messages.values() ?? [])].reduce((a, b) => a + b, 0)
            : (counters?.messages.get(topic) ?? 0)
        return (count(end) - count(countersBefore[i])) / seconds
      })
    const cpu = cpuRates(before, after, seconds).sort((a, b) => a - b)
    const wakeups = after
      .map((end, i) => (end.switches - (before[i]?.switches ?? 0)) / seconds)
      .sort((a, b) => a - b)
    return {
      cpuMsPerSecond: percentile(cpu, 0.5),
      cpuMsPerSecondMax: cpu.at(-1) ?? Number.NaN,
      wakeupsPerSecond: percentile(wakeups, 0.5),
      threads: median(after.map((end) => end.threads)),
      rssMb: median(after.map((end) => end.rssKb / 1024)),
      gossipPerSecond: median(rate(undefined)),
      gossipByTopic: Object.fromEntries(
        [...topics].sort().map((topic) => [topic, median(rate(topic))]),
      ),
      gossipBytesPerSecond: median(
        countersAfter.map((end, i) => (end.bytes - (countersBefore[i]?.bytes ?? 0)) / seconds),
      ),
      cpuMsPerSecondByThread: Object.fromEntries(
        [...new Set(after.flatMap((end) => [...end.threadTicks.keys()]))]
          .sort()
          .map((name) => [
            name,
            median(
              after.map(
                (end, i) =>
                  (((end.threadTicks.get(name) ?? 0) - (before[i]?.threadTicks.get(name) ?? 0)) *
                    1000) /
                  TICKS_PER_SECOND /
                  seconds,
              ),
            ),
          ]),
      ),
      ...settled,
      connectionEventsPerSecond: eventsInWindow / seconds,
      connectionsPerNode: median(countersAfter.map((end) => end.peers)),
      connectionsBeforeWindow: connectionCounts([], countersBefore),
      connectionsInWindow: connectionCounts(countersBefore, countersAfter),
      ...(options.sliceMs === undefined ? {} : { cpuMsPerSecondBySlice: slices }),
    }
  } finally {
    for (const subscription of subscriptions) subscription.close()
    await network.dispose()
  }
}

if (import.meta.main) {
  // node bench/src/idle-cost.ts [nodes] [--sync-interval S] [--window S] [--slice S]
  //   [--cpu-prof-dir DIR [--cpu-prof-nodes 1,2]]
  const nodes = Number(process.argv[2] ?? 20)
  const flag = (name: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i < 0 ? undefined : process.argv[i + 1]
  }
  const syncInterval = flag('sync-interval')
  const figures = await idleCost({
    nodes,
    degree: 4,
    settleMs: 10_000,
    windowMs: Number(flag('window') ?? 20) * 1000,
    ...(flag('slice') === undefined ? {} : { sliceMs: Number(flag('slice')) * 1000 }),
    profileDir: flag('cpu-prof-dir'),
    ...(flag('cpu-prof-nodes') === undefined
      ? {}
      : { profileNodes: (flag('cpu-prof-nodes') as string).split(',').map(Number) }),
    ...(syncInterval === undefined ? {} : { env: { POLDER_SYNC_INTERVAL: syncInterval } }),
  })
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`)
}
