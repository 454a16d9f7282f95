/**
 * Propagation: N real node processes in a random topology of degree k, all following the
 * publisher; records published one by one at a steady rate; the time from sending each
 * publish to the record being found by a search on each follower: on its `record:added`
 * event the follower is asked `GET /v1/search` for the record's words until the record is
 * among the hits (all processes share this machine's clock). The event's own time is kept
 * too, to show what indexing adds.
 */
import { constants, getPriority, setPriority } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { type NodeEvent, subscribeEvents, TestNetwork, type TestNode } from '@polder/testnet'
import { countCpu, type ProcessIo, processIo } from './process-cpu.ts'
import { practice } from './records.ts'
import { percentile } from './report.ts'

export interface PropagationFigures {
  /** Publish to searchable on a follower. */
  readonly p50Ms: number
  readonly p99Ms: number
  /** Publish to the `record:added` event on a follower. */
  readonly eventP50Ms: number
  readonly eventP99Ms: number
  readonly maxMs: number
  /** Share of (record, follower) pairs delivered. */
  readonly delivered: number
  /**
   * CPU time (all threads, /proc) the followers spent over the measured publishes, per
   * record per follower, and the publisher's per record: what a delivery costs, which a
   * busy machine does not distort as it does the latencies.
   */
  readonly followerCpuMsPerRecord: number
  /** Of it, the followers' main (JavaScript) thread; the rest is V8's and libuv's threads. */
  readonly followerMainThreadCpuMsPerRecord: number
  readonly publisherCpuMsPerRecord: number
}

export async function propagation(options: {
  nodes: number
  degree: number
  records: number
  perSecond: number
}): Promise<PropagationFigures> {
  const network = await TestNetwork.create({
    nodes: options.nodes,
    topology: { random: options.degree, seed: 7 },
    follow: Array.from({ length: options.nodes - 1 }, (_, i) => [i + 1, 0] as const),
    // POLDER_BENCH_PROFILE_DIR: a CPU profile of node 1 (a follower) into that directory
    node: (index): { env: Record<string, string> } => ({
      env:
        process.env.POLDER_BENCH_PROFILE_DIR !== undefined && index === 1
          ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.POLDER_BENCH_PROFILE_DIR}` }
          : {},
    }),
  })
  const arrivals = new Map<string, number[]>()
  const events = new Map<string, number[]>()
  const foundAfterEvent = new Map<string, number[]>()
  const note = (map: Map<string, number[]>, ref: string, at: number) => {
    const list = map.get(ref) ?? []
    list.push(at)
    map.set(ref, list)
  }
  const subscriptions = network.nodes.slice(1).map((node: TestNode) =>
    subscribeEvents(node.url, (event: NodeEvent) => {
      if (event.event !== 'record:added') return
      const { ref, id, title } = event.data
      note(events, ref, event.receivedAt)
      const eventAt = event.receivedAt
      // the words to search for are the record's own, known from the event: a follower
      // whose event came before the publish's answer reached the bench (12-17 % of them in
      // a 20-node run at load 15-27, 25 ms each at the median) searched only after it
      const words = wordsOf(title?.nl)
      void searchable(node, id, words).then((at) => {
        if (at !== undefined) note(arrivals, ref, at)
        // the search's share (debug): the event read by the bench -> the search that found it
        if (at !== undefined) note(foundAfterEvent, ref, at - eventAt)
      })
    }),
  )
  // raised after the nodes started, which keep the usual priority
  const measurer = measurerFirst()
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  try {
    await Promise.all(subscriptions.map((subscription) => subscription.ready))
    const publisher = network.node(0)
    // the steady state is measured, not the network's first seconds: a record published
    // before and found by every follower means gossipsub's meshes are formed (on a busy
    // machine that takes longer than any fixed wait) and followers pulled the log once (a
    // log's first heads message carries no entries)
    const [warmUp] = await publisher.publish([practice(1_000_000)])
    const warmUpWords = wordsOf(practice(1_000_000).title.nl)
    const warmed = await Promise.all(
      network.nodes
        .slice(1)
        .map((node) => searchable(node, warmUp?.id ?? '', warmUpWords, 120_000)),
    )
    if (warmed.some((at) => at === undefined))
      throw new Error('a follower did not get the warm-up record within 120 s')
    const cpuCounters = await Promise.all(network.nodes.map((node) => countCpu(node.pid)))
    const searchesBefore = searches.count
    const ioBefore = await Promise.all(network.nodes.map((node) => processIo(node.pid)))
    loopDelay.enable()
    const sent = new Map<string, number>()
    /** Publish sent -> answered (committed at the publisher), per record (debug). */
    const answered = new Map<string, number>()
    const interval = 1000 / options.perSecond
    const start = Date.now()
    for (let i = 0; i < options.records; i++) {
      const due = start + i * interval
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()))
      const sentAt = Date.now()
      const ref = (id: string | undefined) => `polder://${publisher.did}/${id}`
      const pending = publisher.publish([practice(i)])
      const [record] = await pending
      sent.set(ref(record?.id), sentAt)
      answered.set(ref(record?.id), Date.now() - sentAt)
    }
    const followers = options.nodes - 1
    const deadline = Date.now() + 15_000
    const complete = () =>
      [...sent.keys()].every((ref) => (arrivals.get(ref)?.length ?? 0) >= followers)
    while (!complete() && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100))
    loopDelay.disable()
    const cpu = await Promise.all(cpuCounters.map((counter) => counter.stop()))
    const cpuMs = cpu.map(({ total }) => total * 1000)
    const followerCpuMs = cpuMs.slice(1).reduce((sum, ms) => sum + ms, 0)
    const followerMainMs = cpu.slice(1).reduce((sum, { main }) => sum + main * 1000, 0)
    if (process.env.POLDER_BENCH_DEBUG !== undefined) {
      process.stderr.write(`CPU ms per node: ${cpuMs.map((ms) => ms.toFixed(0)).join(' ')}\n`)
      // how late the bench itself ran (what it adds to every figure): a 10-ms timer's lateness
      const late = (p: number) => (loopDelay.percentile(p) / 1e6).toFixed(1)
      process.stderr.write(
        `bench's event loop late p50 ${late(50)} ms, p99 ${late(99)} ms; priority ${measurer.raised ? 'raised' : 'as the nodes (not allowed to raise it)'}\n`,
      )
      // system calls and bytes of reads and writes (sockets, pipes, files) per record per
      // follower: the frames a delivery costs, which the load does not move
      const ioAfter = await Promise.all(network.nodes.map((node) => processIo(node.pid)))
      const perRecord = (field: keyof ProcessIo) =>
        (
          ioAfter
            .slice(1)
            .reduce((sum, io, i) => sum + io[field] - (ioBefore[i + 1]?.[field] ?? 0), 0) /
          (sent.size * followers)
        ).toFixed(1)
      const searched = (searches.count - searchesBefore) / (sent.size * followers)
      process.stderr.write(`searches per record per follower: ${searched.toFixed(2)}\n`)
      process.stderr.write(
        `IO per record per follower: reads ${perRecord('syscr')} writes ${perRecord('syscw')} read bytes ${perRecord('rchar')} written bytes ${perRecord('wchar')} to storage ${perRecord('writeBytes')}\n`,
      )
    }
    const latencies: number[] = []
    const eventLatencies: number[] = []
    for (const [ref, sentAt] of sent) {
      for (const arrivedAt of arrivals.get(ref) ?? []) latencies.push(arrivedAt - sentAt)
      for (const at of events.get(ref) ?? []) eventLatencies.push(at - sentAt)
    }
    eventLatencies.sort((a, b) => a - b)
    if (process.env.POLDER_BENCH_DEBUG !== undefined) {
      // where a record's time goes: at the publisher, to the follower's event, then the search
      const stage = (values: number[]) => {
        const sorted = values.toSorted((a, b) => a - b)
        return `p50 ${percentile(sorted, 0.5).toFixed(0)} p99 ${percentile(sorted, 0.99).toFixed(0)}`
      }
      const measured = (map: Map<string, number[]>) =>
        [...sent.keys()].flatMap((ref) => map.get(ref) ?? [])
      process.stderr.write(
        `stages, ms: publish sent -> answered (committed) ${stage([...answered.values()])}; sent -> follower's event read ${stage(eventLatencies)}; event -> search found it ${stage(measured(foundAfterEvent))}\n`,
      )
      // per record: its latency on each follower
      for (const [ref, sentAt] of sent) {
        const each = (arrivals.get(ref) ?? []).map((arrivedAt) => arrivedAt - sentAt)
        process.stderr.write(`${ref.slice(-6)} ${each.join(' ')}\n`)
      }
    }
    latencies.sort((a, b) => a - b)
    return {
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      eventP50Ms: percentile(eventLatencies, 0.5),
      eventP99Ms: percentile(eventLatencies, 0.99),
      maxMs: latencies.at(-1) ?? Number.NaN,
      delivered: latencies.length / (sent.size * followers),
      followerCpuMsPerRecord: followerCpuMs / (sent.size * followers),
      followerMainThreadCpuMsPerRecord: followerMainMs / (sent.size * followers),
      publisherCpuMsPerRecord: (cpuMs[0] ?? Number.NaN) / sent.size,
    }
  } finally {
    measurer.restore()
    for (const subscription of subscriptions) subscription.close()
    await network.dispose()
  }
}

/**
 * Puts the bench's process ahead of the nodes it measures while it measures. It only reads
 * the followers' events and asks their searches (about a tenth of a core), but on two cores
 * shared with twenty busy nodes it waited for a core after every record: in a 20-node run
 * at load 15-27 its event loop ran late by 34 ms at the median and 428 ms at p99, and the
 * event's hop to it took 95-143 ms at the median, all of it in the figure though none of it
 * the network's (a user's client is not on the followers' machine). Raising a priority needs
 * root or CAP_SYS_NICE; without, the bench measures as before and says so (debug line).
 */
function measurerFirst(): { readonly raised: boolean; restore(): void } {
  const before = getPriority()
  try {
    setPriority(constants.priority.PRIORITY_HIGH)
    return { raised: true, restore: () => setPriority(before) }
  } catch {
    return { raised: false, restore: () => undefined }
  }
}

/** The words a search for the bench's record `practice(n)` asks, from its Dutch title. */
function wordsOf(title: string | undefined): string | undefined {
  const n = title === undefined ? undefined : /wijk (\d+)$/.exec(title)?.[1]
  return n === undefined ? undefined : `lantaarnpalen wijk ${n}`
}

/** Searches the bench asked (debug): more than one per record and follower means it polled. */
const searches = { count: 0 }

/**
 * When `node`'s search for `words` first finds the record `id`, or undefined after
 * `timeoutMs` (at once without words: not one of the bench's records). Never throws: it
 * runs unawaited beside the measurement.
 */
async function searchable(
  node: TestNode,
  id: string,
  words: string | undefined,
  timeoutMs = 15_000,
): Promise<number | undefined> {
  if (words === undefined) return undefined
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const query = { q: words, limit: 100, facets: 'kind' }
    // a search that fails (on a very busy machine, one may time out) is asked again: the
    // record counts as found when a search finds it, or as not delivered at the deadline
    searches.count++
    const result = await node.client.searchRecords({ query }).catch(() => undefined)
    if (result?.hits.some((hit) => hit.id === id) === true) return Date.now()
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  return undefined
}

/** Seconds until a follower that was offline while `count` records were published has them all. */
export async function catchUp(count: number): Promise<number> {
  const network = await TestNetwork.create({ nodes: 2, topology: 'line', follow: [[1, 0]] })
  try {
    const [publisher, follower] = network.nodes as [TestNode, TestNode]
    await follower.stop()
    for (let i = 0; i < count; i++) await publisher.publish([practice(i)])
    await follower.start()
    const start = performance.now()
    await follower.connect(publisher)
    while ((await follower.count(publisher.did)) < count) {
      if (performance.now() - start > 120_000) throw new Error('catch-up did not finish in 120 s')
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    return (performance.now() - start) / 1000
  } finally {
    await network.dispose()
  }
}

if (import.meta.main) {
  // node bench/src/propagation.ts [nodes] [records]: this figure alone
  const nodes = Number(process.argv[2] ?? 20)
  const records = Number(process.argv[3] ?? 200)
  const figures = await propagation({ nodes, degree: 4, records, perSecond: 10 })
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`)
}
