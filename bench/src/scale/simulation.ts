/**
 * The collective at national scale, simulated: N real Polder nodes (store, network,
 * collective) spread over a few host processes on 127.0.0.1, a power-law follow graph, a
 * few relays that are also the bootstrap peers, publications at a compressed day's rate
 * with bulk imports, churn (10% of the members offline at any time, coming back), then a
 * new member that finds and syncs its follows. Every figure is per node.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { percentile } from '../report.ts'
import { simClock } from './dilation.ts'
import { followGraph, followRange, random } from './graph.ts'
import { HEAP_PROFILE_ENV } from './heap-sampling.ts'
import type { Arrival, CountQuery, HostMemory, HostSample } from './host.ts'
import { Host } from './hosts.ts'
import { homeOf, type LogDiagnosis } from './sim-node.ts'

export interface ScaleOptions {
  readonly nodes: number
  /** Host processes of the members; each relay runs in one more of its own. @default 4 */
  readonly hosts?: number
  /** Relays (also the bootstrap peers). @default max(2, nodes / 100) */
  readonly relays?: number
  readonly seed?: number
  /** Seconds of the idle window. @default 30 */
  readonly idleSeconds?: number
  /** Seconds of the load window (publications, bulk imports, churn). @default 60 */
  readonly loadSeconds?: number
  /** Simulated seconds per real second: 1,440 makes a day a minute. @default 1440 */
  readonly compression?: number
  /** Records an organisation publishes per (simulated) day. @default 3 */
  readonly recordsPerDay?: number
  /** Bulk imports during the load window, and records in each. @default 2 of 1,000 */
  readonly bulkImports?: number
  readonly bulkSize?: number
  /** Share of members offline at any time during the load window. @default 0.1 */
  readonly offline?: number
  /** Seconds at most from everyone back until every copy is complete. @default 120 */
  readonly settleSeconds?: number
  /** Members started per second (the relays first, one by one). @default 5 */
  readonly startsPerSecond?: number
  /** Seconds at most for the follows to replicate at start, and for the new member's. @default 120 */
  readonly syncSeconds?: number
  /** Follows of the new member. @default the graph's maximum */
  readonly newMemberFollows?: number
  /**
   * Time dilation: every clock and timer of the hosts (so every protocol timer, timeout
   * and rate limit) runs this many times slower than the wall clock, and every figure is
   * per simulated second; the orchestrator's schedule (starts, publications, churn,
   * windows) runs on the same clock. Chosen so that the hosts get the CPU they ask for
   * (`HostCpu.busyShare` well below 1). @default 1
   */
  readonly dilation?: number
  /** Where the nodes' directories go. @default /dev/shm when present */
  readonly tmp?: string
  /** Writes a CPU profile of each host process here (node --cpu-prof). */
  readonly profileDir?: string
  /**
   * Samples each host's heap (V8's sampling heap profiler) and writes what is live after the
   * idle window here, with a summary by package in the log.
   */
  readonly heapProfileDir?: string
  /**
   * Caps each host's V8 old generation (MB, node --max-old-space-size). In the follow phase a
   * starved host's heap grows far past what is live before V8 collects it: at 200 nodes the
   * hosts took the machine's memory and one was killed. A cap makes V8 collect sooner.
   */
  readonly hostHeapMb?: number
  readonly log?: (line: string) => void
}

/** Per node, over a window. */
export interface WindowFigures {
  readonly seconds: number
  /** Bytes per second on the node's connections (TCP, all protocols), in and out. */
  readonly bytesInPerSecond: number
  readonly bytesOutPerSecond: number
  /** Gossip messages delivered to the node per second (after dedupe and validation), per topic. */
  readonly messagesInPerSecond: number
  readonly messagesByTopic: Record<string, number>
  /** Heads messages published and logs said in them, per node, per reason (replicator.ts). */
  readonly headsSaid: Record<string, { readonly messages: number; readonly logs: number }>
  /** Payload bytes per second by protocol, in + out. */
  readonly bytesByProtocol: Record<string, number>
  /** Milliseconds of CPU per simulated second, per node (all host processes' CPU / nodes online). */
  readonly cpuMsPerSecond: number
  readonly connections: number
  /** Connections closed per node in the window, by side and error (`local:TimeoutError`). */
  readonly closesPerNode: Record<string, number>
  /** The most connections any node held at the window's end (a relay, everyone's bootstrap peer). */
  readonly maxConnections: number
  /** Nodes online with no connection at all at the window's end (their bootstrap dials failed). */
  readonly isolated: number
  /** Nodes online holding a relay reservation at the window's end (members; relays hold none). */
  readonly relayed: number
  readonly routingTable: number
  readonly providerRecords: number
  /**
   * Other nodes' DHT requests answered a second, and refused in the window on arrival (too many
   * waiting) or in their turn (waited past their timeout), per node.
   */
  readonly dhtAnsweredPerSecond: number
  /**
   * Other nodes' DHT requests a node was sent a second, by kad-dht's message type: what the
   * collective's walks (provides, holder and member searches, kad-dht's own refreshes) cost.
   */
  readonly dhtRequestsPerSecond: Record<string, number>
  /**
   * Peer-store reads the DHT's answers made a second, a node: against the answers a second, how
   * much the decoded-peer view (net's dht-peer-store.ts) saves while the walks change the store.
   */
  readonly dhtPeerReadsPerSecond: number
  /** DHT walks a node started a second, by what for (provides, member, origin, holder searches). */
  readonly walksPerSecond: Record<string, number>
  readonly dhtRefusedPerNode: number
  readonly dhtExpiredPerNode: number
  readonly rssMbPerNode: number
  /** The hosts' V8 heap in use per node online at the window's end. */
  readonly heapMbPerNode: number
  /** Whether each host process got the CPU it asked for in this window. */
  readonly hosts: readonly HostCpu[]
  /** All hosts' CPU (all threads) per real second: 2 is this machine's two cores. */
  readonly hostsCores: number
  /** Whether any host was starved (see {@link HostCpu}): then the window measures the machine. */
  readonly starved: boolean
}

/** One host process's CPU in a window. */
export interface HostCpu {
  /** CPU time (all threads) per real wall second (not dilated): 1 is one core. */
  readonly cpuShare: number
  /**
   * Of the time the main thread was runnable, the share it waited for a CPU
   * (schedstat). On a shared machine this is the machine's load more than the host's:
   * at load 20 on 2 cores any runnable thread waits ~90 % of the time.
   */
  readonly waitShare: number
  /**
   * The share of the real window the main thread was runnable (on a CPU or waiting for
   * one): near 1 it always had work left over, its backlog grew and its timers ran late;
   * well below 1 it caught up and sat idle, however long each wait for a CPU was.
   */
  readonly busyShare: number
  /** Event-loop delay in simulated ms (real delay / dilation). */
  readonly loopDelayP99Ms: number
  readonly loopDelayMaxMs: number
}

/**
 * A host whose main thread was runnable most of the window: it did not keep up with its
 * nodes' timers, so the window measures the machine. (Rounds 3-6 judged by the wait share
 * above one half; on a machine at load 20 that holds for any process, busy or not.)
 */
const STARVED_BUSY_SHARE = 0.7

export interface ScaleFigures {
  readonly nodes: number
  readonly hosts: number
  readonly relays: number
  readonly follows: { readonly min: number; readonly max: number; readonly mean: number }
  readonly startSeconds: number
  /** Until every node holds every followed organisation’s profile (or `syncSeconds`), and the share then. */
  readonly initialSyncSeconds: number
  readonly initialSync: number
  /** From the follows to every copy complete (or `syncSeconds`): the follow phase. */
  readonly sync: WindowFigures
  readonly idle: WindowFigures
  readonly load: WindowFigures
  readonly publications: number
  readonly bulkRecords: number
  readonly compression: number
  /** Simulated seconds per real second's k: every figure is per simulated second. */
  readonly dilation: number
  readonly propagation: {
    readonly p50Ms: number
    readonly p90Ms: number
    readonly p99Ms: number
    readonly maxMs: number
    /** Share of (probe, follower online when it was published) pairs delivered within the load window + settle. */
    readonly deliveredOnline: number
    /** Share of all (probe, follower) pairs delivered by the end (churned followers included). */
    readonly deliveredAll: number
  }
  /**
   * Share of (follower, followed) pairs whose copy holds every record of the author, once
   * every member is back: read until it is whole or the settle time is up.
   */
  readonly completeness: number
  /** Seconds from the last member back to that reading. */
  readonly completeSeconds: number
  readonly newMember: {
    readonly follows: number
    /** Until the first followed organisation's log is complete. */
    readonly firstSeconds: number
    /** Until every followed organisation's log is complete (NaN: not within the timeout). */
    readonly allSeconds: number
    readonly complete: number
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T)
    }),
  )
}

function windowFigures(
  before: HostSample[],
  after: HostSample[],
  onlineNodes: number,
  dilation: number,
): WindowFigures {
  const seconds = ((after[0]?.at ?? 0) - (before[0]?.at ?? 0)) / 1000
  const sum = (samples: HostSample[], pick: (s: HostSample['nodes'][number]) => number) =>
    samples.reduce((total, host) => total + host.nodes.reduce((t, n) => t + pick(n), 0), 0)
  const delta = (pick: (s: HostSample['nodes'][number]) => number) =>
    (sum(after, pick) - sum(before, pick)) / seconds / onlineNodes
  const cpuMs =
    after.reduce((t, h) => t + h.cpu.user + h.cpu.system, 0) / 1000 -
    before.reduce((t, h) => t + h.cpu.user + h.cpu.system, 0) / 1000
  const topics = new Set(after.flatMap((h) => h.nodes.flatMap((n) => Object.keys(n.delivered))))
  const reasons = new Set(after.flatMap((h) => h.nodes.flatMap((n) => Object.keys(n.said))))
  const closeReasons = new Set(after.flatMap((h) => h.nodes.flatMap((n) => Object.keys(n.closes))))
  const dhtTypes = new Set(after.flatMap((h) => h.nodes.flatMap((n) => Object.keys(n.dhtRequests))))
  const walkKinds = new Set(after.flatMap((h) => h.nodes.flatMap((n) => Object.keys(n.walks))))
  const protocols = new Set(
    after.flatMap((h) => h.nodes.flatMap((n) => Object.keys(n.traffic.protocols))),
  )
  const online = after.flatMap((h) => h.nodes.filter((n) => n.connections > 0))
  const mean = (pick: (s: HostSample['nodes'][number]) => number) =>
    online.reduce((t, n) => t + pick(n), 0) / Math.max(online.length, 1)
  const shortTopic = (topic: string) => topic.split('/')[3] ?? topic
  const hosts = after.map((host, i): HostCpu => {
    const start = before[i] as HostSample
    const wall = host.realMs - start.realMs
    const run = host.runMs - start.runMs
    const wait = host.waitMs - start.waitMs
    return {
      cpuShare: (host.cpu.user + host.cpu.system - start.cpu.user - start.cpu.system) / 1000 / wall,
      waitShare: run + wait > 0 ? wait / (run + wait) : 0,
      busyShare: wall > 0 ? (run + wait) / wall : 0,
      loopDelayP99Ms: host.loopDelayP99Ms / dilation,
      loopDelayMaxMs: host.loopDelayMaxMs / dilation,
    }
  })
  return {
    seconds,
    bytesInPerSecond: delta((n) => n.traffic.in),
    bytesOutPerSecond: delta((n) => n.traffic.out),
    messagesInPerSecond: delta((n) => Object.values(n.delivered).reduce((a, b) => a + b, 0)),
    messagesByTopic: Object.fromEntries(
      [...topics].map((topic) => [shortTopic(topic), delta((n) => n.delivered[topic] ?? 0)]),
    ),
    headsSaid: Object.fromEntries(
      [...reasons].map((reason) => [
        reason,
        {
          messages: delta((n) => n.said[reason]?.messages ?? 0),
          logs: delta((n) => n.said[reason]?.logs ?? 0),
        },
      ]),
    ),
    bytesByProtocol: Object.fromEntries(
      [...protocols].map((protocol) => [
        protocol,
        delta(
          (n) =>
            (n.traffic.protocols[protocol]?.in ?? 0) + (n.traffic.protocols[protocol]?.out ?? 0),
        ),
      ]),
    ),
    cpuMsPerSecond: cpuMs / seconds / onlineNodes,
    connections: mean((n) => n.connections),
    closesPerNode: Object.fromEntries(
      [...closeReasons].map((reason) => [
        reason,
        (sum(after, (n) => n.closes[reason] ?? 0) - sum(before, (n) => n.closes[reason] ?? 0)) /
          onlineNodes,
      ]),
    ),
    maxConnections: Math.max(0, ...online.map((n) => n.connections)),
    isolated: after.reduce(
      (t, h) => t + h.nodes.filter((n) => n.online && n.connections === 0).length,
      0,
    ),
    relayed: after.reduce((t, h) => t + h.nodes.filter((n) => n.online && n.relayed).length, 0),
    routingTable: mean((n) => n.routingTable),
    providerRecords: mean((n) => n.providerRecords),
    dhtAnsweredPerSecond: delta((n) => n.dhtAnswered),
    dhtPeerReadsPerSecond: delta((n) => n.dhtPeerReads),
    walksPerSecond: Object.fromEntries(
      [...walkKinds].map((kind) => [kind, delta((n) => n.walks[kind] ?? 0)]),
    ),
    dhtRequestsPerSecond: Object.fromEntries(
      [...dhtTypes].map((type) => [type, delta((n) => n.dhtRequests[type] ?? 0)]),
    ),
    dhtRefusedPerNode:
      (sum(after, (n) => n.dhtRefused) - sum(before, (n) => n.dhtRefused)) / onlineNodes,
    dhtExpiredPerNode:
      (sum(after, (n) => n.dhtExpired) - sum(before, (n) => n.dhtExpired)) / onlineNodes,
    rssMbPerNode:
      after.reduce((t, h) => t + h.rss, 0) / 1024 / 1024 / after.reduce((t, h) => t + h.online, 0),
    heapMbPerNode:
      after.reduce((t, h) => t + h.heapUsed, 0) /
      1024 /
      1024 /
      after.reduce((t, h) => t + h.online, 0),
    hosts,
    hostsCores: hosts.reduce((total, host) => total + host.cpuShare, 0),
    starved: hosts.some((host) => host.busyShare > STARVED_BUSY_SHARE),
  }
}

export async function simulate(options: ScaleOptions): Promise<ScaleFigures> {
  const log = options.log ?? (() => undefined)
  const n = options.nodes
  const hostCount = Math.min(options.hosts ?? 4, n)
  const relayCount = Math.min(options.relays ?? Math.max(2, Math.round(n / 100)), n - 1)
  const compression = options.compression ?? 1440
  const recordsPerDay = options.recordsPerDay ?? 3
  const idleSeconds = options.idleSeconds ?? 30
  const loadSeconds = options.loadSeconds ?? 60
  const settleSeconds = options.settleSeconds ?? 120
  const syncMs = (options.syncSeconds ?? 120) * 1000
  const offlineShare = options.offline ?? 0.1
  const next = random((options.seed ?? 1) + 1)
  const clock = simClock(options.dilation ?? 1, Date.now())
  const root = await mkdtemp(join(options.tmp ?? '/dev/shm', 'polder-scale-'))
  const arrivals: Arrival[] = []
  const execArgv = [
    ...(options.profileDir === undefined
      ? []
      : ['--cpu-prof', '--cpu-prof-dir', options.profileDir]),
    ...(options.hostHeapMb === undefined ? [] : [`--max-old-space-size=${options.hostHeapMb}`]),
  ]
  if (options.heapProfileDir !== undefined) process.env[HEAP_PROFILE_ENV] = options.heapProfileDir
  const newHost = () => new Host((list) => arrivals.push(...list), clock, execArgv)
  /**
   * Each relay runs in a host process of its own, as in the country, and the members share
   * `hostCount` hosts. libuv accepts one connection per listening socket per batch of
   * events: in a host shared with 49 members, at 400 nodes a batch took ~8 s (0.4 s
   * simulated), so everyone's bootstrap peers took a connection or two a simulated second,
   * their accept queues overflowed (512 of 511) and the last members to start timed out
   * dialling them (`connect ETIMEDOUT`, noise handshakes past their time), alone for good.
   */
  const hosts = [
    ...Array.from({ length: relayCount }, newHost),
    ...Array.from({ length: hostCount }, newHost),
  ]
  const hostIndexOf = (index: number) =>
    index < relayCount ? index : relayCount + ((index - relayCount) % hostCount)
  const hostOf = (index: number) => hosts[hostIndexOf(index)] as Host
  /** What is live in each host's heap now (with `--heap-prof-dir`), host 0's summary logged. */
  const heapProfiles = async (when: string, suffix: string): Promise<void> => {
    const heapDir = options.heapProfileDir
    if (heapDir === undefined) return
    await mkdir(heapDir, { recursive: true })
    const summaries = await Promise.all(
      hosts.map((host, h) =>
        host.request({
          cmd: 'heapProfile',
          file: join(heapDir, `n${n}-host${h}${suffix}.heapprofile`),
        }),
      ),
    )
    log(
      `  live heap ${when}, the first members' host (${n} nodes, MB): ${JSON.stringify(summaries[relayCount])}`,
    )
  }
  try {
    await Promise.all(hosts.map((host) => host.ready))
    const dids: string[] = []
    const started = clock.now()
    // relays first: they are everyone's bootstrap peers
    const relayAddresses: string[] = []
    for (let index = 0; index < relayCount; index++) {
      const { did, address } = await hostOf(index).request<{ did: string; address: string }>({
        cmd: 'start',
        init: { index, home: homeOf(root, index), bootstrap: [...relayAddresses], relay: true },
      })
      dids[index] = did
      relayAddresses.push(address)
    }
    const members = Array.from({ length: n - relayCount }, (_, i) => i + relayCount)
    // members come up at a steady pace, as organisations do, not all in one second: a
    // relay takes at most 10 connections in their handshakes at once (libp2p's
    // maxIncomingPendingConnections) and refuses the rest, and a member whose bootstrap
    // dials were all refused is alone until discovery's next round (5 minutes)
    const startGapMs = 1000 / (options.startsPerSecond ?? 5)
    let nextStart = clock.now()
    await inParallel(members, hostCount * 4, async (index) => {
      const wait = nextStart - clock.now()
      nextStart = Math.max(nextStart, clock.now()) + startGapMs
      if (wait > 0) await clock.sleep(wait)
      const { did } = await hostOf(index).request<{ did: string }>({
        cmd: 'start',
        init: { index, home: homeOf(root, index), bootstrap: relayAddresses, relay: false },
      })
      dids[index] = did
    })
    const startSeconds = (clock.now() - started) / 1000
    log(`  ${n} nodes started in ${startSeconds.toFixed(1)} s`)
    /**
     * What the hosts hold a node, MB: the follow phase is where a host's memory peaks (at 200
     * nodes the machine ran out of it), and whether that is V8's heap (live or not yet
     * collected) or buffers outside it (sockets, streams) decides what bounds it.
     */
    const memoryPerNode = async (): Promise<{ text: string; heapMb: number }> => {
      const usages = await Promise.all(hosts.map((host) => host.memory().catch(() => undefined)))
      const mb = (key: keyof HostMemory) =>
        usages.reduce((t, u) => t + (u?.[key] ?? 0), 0) / 1024 / 1024 / n
      const sum = (key: keyof HostMemory) => mb(key).toFixed(1)
      return {
        text: `MB a node: rss ${sum('rss')}, heap ${sum('heapUsed')} of ${sum('heapTotal')}, external ${sum('external')} (array buffers ${sum('arrayBuffers')}); streams: unsent ${sum('unsent')}, unread ${sum('unread')}`,
        heapMb: mb('heapUsed'),
      }
    }
    // what the nodes hold before they follow anyone: the start's share of the follow phase's peak
    log(`  after the start: ${(await memoryPerNode()).text}`)
    await heapProfiles('after the start', '-start')

    const range = followRange(n)
    const graph = followGraph({ nodes: n, ...range, seed: options.seed ?? 1 })
    const syncStart = clock.now()
    const syncBefore = await Promise.all(hosts.map((h) => h.sample()))
    await inParallel([...Array(n).keys()], hostCount * 4, async (index) => {
      const follows = graph.follows[index]?.map((i) => dids[i] as string) ?? []
      await hostOf(index).request({ cmd: 'follow', index, dids: follows })
    })
    /**
     * What each node holds of each DID asked: one request per host for all of its nodes (a
     * request per node made the readings every 2 s cost 2N IPC round trips).
     */
    const countAll = async (
      queries: readonly CountQuery[],
    ): Promise<Map<number, Record<string, number>>> => {
      const result = new Map<number, Record<string, number>>()
      await Promise.all(
        hosts.map(async (host, h) => {
          const mine = queries.filter((query) => hostIndexOf(query.index) === h)
          if (mine.length === 0) return
          const answers = await host.request<Record<string, number>[]>({
            cmd: 'counts',
            queries: mine,
          })
          mine.forEach((query, i) => {
            result.set(query.index, answers[i] ?? {})
          })
        }),
      )
      return result
    }
    /** Pairs (follower, followed) whose copy lacks records, from the last reading. */
    let incomplete: [number, number][] = []
    const complete = async (nodes: readonly number[]): Promise<number> => {
      const own = await ownCounts([...Array(n).keys()])
      const held = await countAll(
        nodes.map((index) => ({
          index,
          dids: (graph.follows[index] ?? []).map((i) => dids[i] as string),
        })),
      )
      let pairs = 0
      let done = 0
      const lacking: [number, number][] = []
      for (const index of nodes) {
        const counts = held.get(index) ?? {}
        for (const i of graph.follows[index] ?? []) {
          pairs++
          if ((counts[dids[i] as string] ?? 0) >= (own.get(i) ?? 0)) done++
          else lacking.push([index, i])
        }
      }
      incomplete = lacking
      return done / Math.max(pairs, 1)
    }
    /** Logs why the first few incomplete copies are incomplete (the replicator's view). */
    const diagnose = async (pairs = incomplete, limit = 12): Promise<void> => {
      for (const [follower, followed] of pairs.slice(0, limit)) {
        const [status] = await hostOf(follower)
          .request<LogDiagnosis[]>({
            cmd: 'diagnose',
            index: follower,
            dids: [dids[followed] as string],
          })
          .catch(() => [])
        log(
          `    incomplete: ${follower} <- ${followed}: ${JSON.stringify({ ...status, did: undefined })}`,
        )
      }
    }
    /**
     * Every incomplete copy's state, counted by kind (state, whether a holder is known, whether
     * the origin is connected), with the followers' holder searches still waiting: the first
     * few diagnosed above are all of nodes 0-2, which says nothing about the rest.
     */
    const summarize = async (pairs = incomplete): Promise<void> => {
      const byFollower = new Map<number, string[]>()
      for (const [follower, followed] of pairs) {
        const list = byFollower.get(follower) ?? []
        list.push(dids[followed] as string)
        byFollower.set(follower, list)
      }
      const kinds = new Map<string, number>()
      const searches: number[] = []
      let isolated = 0
      await inParallel([...byFollower.keys()], hostCount * 4, async (follower) => {
        const statuses = await hostOf(follower)
          .request<LogDiagnosis[]>({
            cmd: 'diagnose',
            index: follower,
            dids: byFollower.get(follower) ?? [],
          })
          .catch(() => [])
        const first = statuses[0]
        if (first === undefined) return
        searches.push(first.searchesWaiting)
        if (first.connections === 0) {
          isolated++
          // what became of its connections, for the first few
          if (isolated <= 3)
            log(
              `      no connection: node ${follower}, connects ${first.connects}, disconnects ${first.disconnects}, closes ${JSON.stringify(first.closes)}, offences ${JSON.stringify(first.offences)}, redials ${JSON.stringify(first.alone?.redials)}, a dial now: ${first.alone?.probe}`,
            )
        }
        for (const status of statuses) {
          const kind = `${status.state}, ${status.holders > 0 ? 'holders known' : 'no holder'}, origin ${status.originConnected ? 'connected' : 'not connected'}${status.missingHeads > 0 ? ', heads missing' : ''}`
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
        }
      })
      const authors = new Set(pairs.map(([, followed]) => followed))
      searches.sort((a, b) => a - b)
      log(
        `    incomplete copies: ${pairs.length} of ${byFollower.size} followers (${isolated} with no connection), ${authors.size} organisations; holder searches waiting a follower: median ${searches[searches.length >> 1] ?? 0}, max ${searches.at(-1) ?? 0}`,
      )
      for (const [kind, count] of [...kinds].sort((a, b) => b[1] - a[1]))
        log(`      ${count} ${kind}`)
    }
    const ownCounts = async (nodes: readonly number[]): Promise<Map<number, number>> => {
      const held = await countAll(nodes.map((index) => ({ index, dids: [dids[index] as string] })))
      return new Map(nodes.map((index) => [index, held.get(index)?.[dids[index] as string] ?? 0]))
    }
    const everyone = [...Array(n).keys()]
    let share = 0
    let diagnosed = false
    let heapProfilesTaken = 0
    let heapProfiledMb = 10
    for (const deadline = clock.now() + syncMs; clock.now() < deadline; await clock.sleep(2_000)) {
      share = await complete(everyone)
      if (share >= 1) break
      if (!diagnosed && clock.now() - syncStart > 30_000) {
        diagnosed = true
        await diagnose()
        await summarize()
      }
      const seconds = ((clock.now() - syncStart) / 1000).toFixed(0)
      const memory = await memoryPerNode()
      log(`    follows replicated: ${(share * 100).toFixed(1)}% after ${seconds} s; ${memory.text}`)
      // the follow phase's heap as it climbs: what the burst of pulls and gossip holds
      if (memory.heapMb >= heapProfiledMb + 10 && heapProfilesTaken < 4) {
        heapProfilesTaken++
        heapProfiledMb = memory.heapMb
        await heapProfiles(
          `in the follow phase at ${memory.heapMb.toFixed(0)} MB a node`,
          `-follow-${seconds}s`,
        )
      }
    }
    if (share < 1) {
      await diagnose()
      await summarize()
    }
    const initialSyncSeconds = (clock.now() - syncStart) / 1000
    const initialSync = share
    log(`  follows replicated (${(share * 100).toFixed(1)}%) in ${initialSyncSeconds.toFixed(1)} s`)
    const sync = windowFigures(
      syncBefore,
      await Promise.all(hosts.map((h) => h.sample())),
      n,
      clock.dilation,
    )
    log(`  sync: ${JSON.stringify({ ...sync, hosts: undefined })}`)

    // idle: nothing published, every timer of the protocol running
    const idleBefore = await Promise.all(hosts.map((h) => h.sample()))
    await clock.sleep(idleSeconds * 1000)
    const idleAfter = await Promise.all(hosts.map((h) => h.sample()))
    const idle = windowFigures(idleBefore, idleAfter, n, clock.dilation)
    log(`  idle: ${JSON.stringify(idle)}`)
    await heapProfiles('after idle', '')

    // load: publications, bulk imports, churn
    const online = new Set(everyone)
    const churnable = members
    const offlineTarget = Math.round(churnable.length * offlineShare)
    const shuffled = [...churnable].sort(() => next() - 0.5)
    const loadBefore = await Promise.all(hosts.map((h) => h.sample()))
    await Promise.all(
      shuffled.slice(0, offlineTarget).map(async (index) => {
        online.delete(index)
        await hostOf(index).request({ cmd: 'stop', index })
      }),
    )
    const probes = new Map<string, { author: number; sentAt: number; online: Set<number> }>()
    const perSecond = (n * recordsPerDay * compression) / 86_400
    const bulkImports = options.bulkImports ?? 2
    const bulkSize = options.bulkSize ?? 1_000
    const bulkAt = Array.from(
      { length: bulkImports },
      (_, i) => ((i + 0.5) / bulkImports) * loadSeconds * 1000,
    )
    // one member leaves and one comes back so often that each is away about loadSeconds / 2
    const churnEveryMs = offlineTarget > 0 ? (loadSeconds * 1000) / 2 / offlineTarget : Infinity
    const loadStart = clock.now()
    let nextChurn = loadStart + churnEveryMs
    const busy = new Set<number>()
    let published = 0
    let bulkRecords = 0
    const pending: Promise<unknown>[] = []
    let nextPublish = loadStart
    let counter = 0
    while (clock.now() - loadStart < loadSeconds * 1000) {
      const now = clock.now()
      if (now >= nextPublish) {
        const candidates = [...online]
        const author = candidates[Math.floor(next() * candidates.length)] as number
        const followersOnline = new Set(
          (graph.followers[author] ?? []).filter((f) => online.has(f)),
        )
        pending.push(
          hostOf(author)
            .request<{ ref: string; sentAt: number }>({
              cmd: 'publish',
              index: author,
              n: counter++,
            })
            .then(({ ref, sentAt }) => {
              probes.set(ref, { author, sentAt, online: followersOnline })
              published++
            })
            .catch((err: Error) => log(`  publish failed: ${err.message}`)),
        )
        // Poisson arrivals
        nextPublish = now + (-Math.log(1 - next()) / perSecond) * 1000
      }
      if (bulkAt.length > 0 && now - loadStart >= (bulkAt[0] as number)) {
        bulkAt.shift()
        const candidates = [...online]
        const author = candidates[Math.floor(next() * candidates.length)] as number
        pending.push(
          hostOf(author)
            .request({ cmd: 'bulk', index: author, count: bulkSize, n: 1_000_000 + counter })
            .then(() => {
              bulkRecords += bulkSize
            })
            .catch((err: Error) => log(`  bulk import failed: ${err.message}`)),
        )
        counter += bulkSize
      }
      if (now >= nextChurn) {
        nextChurn = now + churnEveryMs
        // a member still stopping or starting is neither here nor away
        const away = churnable.filter((i) => !online.has(i) && !busy.has(i))
        const here = churnable.filter((i) => online.has(i) && !busy.has(i))
        const back = away[Math.floor(next() * away.length)]
        const leave = here[Math.floor(next() * here.length)]
        if (back !== undefined && leave !== undefined) {
          online.delete(leave)
          busy.add(leave).add(back)
          pending.push(
            hostOf(leave)
              .request({ cmd: 'stop', index: leave })
              .finally(() => busy.delete(leave)),
          )
          pending.push(
            hostOf(back)
              .request({
                cmd: 'start',
                init: {
                  index: back,
                  home: homeOf(root, back),
                  bootstrap: relayAddresses,
                  relay: false,
                },
              })
              .then(() => online.add(back))
              .catch((err: Error) => log(`  restart failed: ${err.message}`))
              .finally(() => busy.delete(back)),
          )
        }
      }
      await clock.sleep(Math.max(1, Math.min(nextPublish, nextChurn) - clock.now()))
    }
    await Promise.allSettled(pending)
    const loadAfter = await Promise.all(hosts.map((h) => h.sample()))
    const load = windowFigures(loadBefore, loadAfter, n * (1 - offlineShare), clock.dilation)
    log(`  load: ${published} publications, ${bulkRecords} in bulk; ${JSON.stringify(load)}`)

    // everyone back; the repair brings what the churned members missed
    await Promise.all(
      churnable
        .filter((i) => !online.has(i))
        .map(async (index) => {
          await hostOf(index).request({
            cmd: 'start',
            init: { index, home: homeOf(root, index), bootstrap: relayAddresses, relay: false },
          })
          online.add(index)
        }),
    )
    // until every copy is complete, or the settle time is up
    const settleStart = clock.now()
    let completeness = 0
    for (const deadline = settleStart + settleSeconds * 1000; ; await clock.sleep(2_000)) {
      completeness = await complete(everyone)
      if (completeness >= 1 || clock.now() >= deadline) break
    }
    const completeSeconds = (clock.now() - settleStart) / 1000
    if (completeness < 1) await diagnose()
    log(
      `  completeness after churn: ${(completeness * 100).toFixed(2)}% in ${completeSeconds.toFixed(0)} s`,
    )

    // propagation
    const firstArrival = new Map<string, number>()
    for (const [node, ref, at] of arrivals) {
      const key = `${node} ${ref}`
      if (!firstArrival.has(key)) firstArrival.set(key, at)
    }
    const latencies: number[] = []
    let expectedOnline = 0
    let deliveredOnline = 0
    let expectedAll = 0
    let deliveredAll = 0
    for (const [ref, probe] of probes) {
      for (const follower of graph.followers[probe.author] ?? []) {
        const at = firstArrival.get(`${follower} ${ref}`)
        expectedAll++
        if (at !== undefined) deliveredAll++
        if (!probe.online.has(follower)) continue
        expectedOnline++
        if (at !== undefined) {
          deliveredOnline++
          latencies.push(at - probe.sentAt)
        }
      }
    }
    latencies.sort((a, b) => a - b)
    log(
      `  propagation: p50 ${percentile(latencies, 0.5)} ms, p99 ${percentile(latencies, 0.99)} ms; ` +
        `delivered ${deliveredOnline}/${expectedOnline} online, ${deliveredAll}/${expectedAll} all`,
    )

    // a new member: finds its follows through the relays and the DHT, and syncs them
    const newIndex = n
    const weights = [...graph.followers.map((f) => f.length).entries()].sort((a, b) => b[1] - a[1])
    const follows = weights
      .slice(0, options.newMemberFollows ?? range.maxFollows)
      .map(([index]) => index)
    const own = await ownCounts(follows)
    const joinStart = clock.now()
    await hostOf(newIndex).request({
      cmd: 'start',
      init: {
        index: newIndex,
        home: homeOf(root, newIndex),
        bootstrap: relayAddresses,
        relay: false,
      },
      follows: follows.map((i) => dids[i] as string),
    })
    let firstSeconds = Number.NaN
    let allSeconds = Number.NaN
    let done = 0
    for (const deadline = clock.now() + syncMs; clock.now() < deadline; await clock.sleep(250)) {
      const counts =
        (await countAll([{ index: newIndex, dids: follows.map((i) => dids[i] as string) }])).get(
          newIndex,
        ) ?? {}
      done = follows.filter((i) => (counts[dids[i] as string] ?? 0) >= (own.get(i) ?? 0)).length
      if (done > 0 && Number.isNaN(firstSeconds)) firstSeconds = (clock.now() - joinStart) / 1000
      if (done === follows.length) {
        allSeconds = (clock.now() - joinStart) / 1000
        break
      }
    }
    log(
      `  new member: ${done}/${follows.length} follows in ${allSeconds} s (first ${firstSeconds} s)`,
    )
    if (done < follows.length) {
      const counts = (
        await countAll([{ index: newIndex, dids: follows.map((i) => dids[i] as string) }])
      ).get(newIndex)
      await diagnose(
        follows
          .filter((i) => (counts?.[dids[i] as string] ?? 0) < (own.get(i) ?? 0))
          .map((i) => [newIndex, i]),
      )
    }

    const followCounts = graph.follows.map((f) => f.length)
    return {
      nodes: n,
      hosts: hostCount,
      relays: relayCount,
      follows: {
        min: Math.min(...followCounts),
        max: Math.max(...followCounts),
        mean: followCounts.reduce((a, b) => a + b, 0) / n,
      },
      startSeconds,
      initialSyncSeconds,
      initialSync,
      sync,
      idle,
      load,
      publications: published,
      bulkRecords,
      compression,
      dilation: clock.dilation,
      propagation: {
        p50Ms: percentile(latencies, 0.5),
        p90Ms: percentile(latencies, 0.9),
        p99Ms: percentile(latencies, 0.99),
        maxMs: latencies.at(-1) ?? Number.NaN,
        deliveredOnline: deliveredOnline / Math.max(expectedOnline, 1),
        deliveredAll: deliveredAll / Math.max(expectedAll, 1),
      },
      completeness,
      completeSeconds,
      newMember: {
        follows: follows.length,
        firstSeconds,
        allSeconds,
        complete: done / Math.max(follows.length, 1),
      },
    }
  } finally {
    await Promise.allSettled(hosts.map((host) => host.shutdown()))
    await rm(root, { recursive: true, force: true })
  }
}
