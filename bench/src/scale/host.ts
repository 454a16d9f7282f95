/**
 * A host process of the simulation: runs many {@link SimNode}s in one Node.js process and
 * does what the orchestrator asks over IPC (start, stop, follow, publish, sample, count).
 * Arrivals of probe records at followers are reported back in batches, with this
 * machine's clock (every host shares it).
 */
import { readFile, rm } from 'node:fs/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { RecordState } from '@polder/schema'
import { practice } from '../records.ts'
import { DILATION_ENV } from './dilation.ts'
import {
  HEAP_PROFILE_ENV,
  startHeapSampling,
  watchHeap,
  writeHeapProfile,
} from './heap-sampling.ts'
import { SimNode, type SimNodeInit } from './sim-node.ts'

/** The tag that marks records whose propagation is measured. */
export const PROBE_TAG = 'scale-probe'

export type HostRequest =
  | { cmd: 'start'; init: SimNodeInit; follows?: readonly string[] }
  | { cmd: 'stop'; index: number }
  | { cmd: 'follow'; index: number; dids: readonly string[] }
  | { cmd: 'publish'; index: number; n: number }
  | { cmd: 'bulk'; index: number; count: number; n: number }
  | { cmd: 'sample' }
  | { cmd: 'memory' }
  | { cmd: 'counts'; queries: readonly CountQuery[] }
  | { cmd: 'diagnose'; index: number; dids: readonly string[] }
  | { cmd: 'heapProfile'; file: string }
  | { cmd: 'shutdown' }

/** A host's memory, and the bytes its nodes' streams hold unsent and unread. */
export interface HostMemory extends NodeJS.MemoryUsage {
  /** Bytes written to streams that the muxer has not sent yet (the peer's window is full). */
  readonly unsent: number
  /** Bytes received on streams that their readers have not taken yet. */
  readonly unread: number
}

/**
 * libp2p's streams keep what waits in buffers their interface leaves out: sent to a peer
 * whose window is full, or received and not yet read (gossipsub writes without waiting).
 */
function streamBuffers(): { unsent: number; unread: number } {
  let unsent = 0
  let unread = 0
  for (const node of nodes.values()) {
    for (const connection of node.network?.libp2p.getConnections() ?? []) {
      for (const stream of connection.streams) {
        const buffers = stream as unknown as {
          writeBuffer?: { byteLength: number }
          readBuffer?: { byteLength: number }
        }
        unsent += buffers.writeBuffer?.byteLength ?? 0
        unread += buffers.readBuffer?.byteLength ?? 0
      }
    }
  }
  return { unsent, unread }
}

export interface HostSample {
  readonly cpu: NodeJS.CpuUsage
  /**
   * The main thread's time on a CPU and waiting for one while runnable, in ms since the
   * process started (Linux `/proc/self/task/<tid>/schedstat`; 0 elsewhere): the wait says
   * whether the host got the CPU it asked for.
   */
  readonly runMs: number
  readonly waitMs: number
  /** Event-loop delay since the previous sample: p99 and max, in ms. */
  readonly loopDelayP99Ms: number
  readonly loopDelayMaxMs: number
  readonly rss: number
  /** The V8 heap in use (what a host runs out of first: its heap limit, ~4 GB here). */
  readonly heapUsed: number
  /** Simulated ms since the epoch (the host's dilated clock). */
  readonly at: number
  /** Real ms on a monotonic clock that is not dilated, for the host's share of a core. */
  readonly realMs: number
  readonly nodes: Awaited<ReturnType<SimNode['sample']>>[]
  readonly online: number
}

/** Records of each of `dids` held by node `index` (one request per host for all its nodes). */
export interface CountQuery {
  readonly index: number
  readonly dids: readonly string[]
}

/** Arrival of a probe record at a follower: [node index, record reference, ms since epoch]. */
export type Arrival = [number, string, number]

const nodes = new Map<number, SimNode>()
// a native timer the dilation does not reach: 20 simulated ms, or it wakes the host k
// times as often per simulated second (the harness's own cost, growing with k)
const loopDelay = monitorEventLoopDelay({
  resolution: 20 * Number(process.env[DILATION_ENV] ?? 1),
})
loopDelay.enable()
await startHeapSampling()
const heapProfileDir = process.env[HEAP_PROFILE_ENV]
let heapWatched = false
/**
 * From the first follow on (while nodes start, the process's own heap over a few nodes reads
 * as tens of MB a node), every 2 real seconds: the host's timers are dilated k times.
 */
function watchHeapFromNow(): void {
  if (heapProfileDir === undefined || heapWatched) return
  heapWatched = true
  watchHeap(heapProfileDir, () => nodes.size, 2_000 / Number(process.env[DILATION_ENV] ?? 1))
}

/** The main thread's [run, wait] ms from the scheduler's statistics (zeros where there are none). */
async function schedstat(): Promise<[number, number]> {
  try {
    const [run = 0, wait = 0] = (await readFile(`/proc/self/task/${process.pid}/schedstat`, 'utf8'))
      .split(' ')
      .map(Number)
    return [run / 1e6, wait / 1e6]
  } catch {
    return [0, 0]
  }
}
let arrivals: Arrival[] = []

function reportArrivals(): void {
  if (arrivals.length > 0) process.send?.({ arrivals })
  arrivals = []
}
setInterval(reportArrivals, 200).unref()

function watch(node: SimNode): void {
  node.store?.addEventListener('record:added', ({ detail }) => {
    const state: RecordState = detail.state
    if (state.author === node.did || !('tags' in state) || !state.tags?.includes(PROBE_TAG)) return
    arrivals.push([node.index, `polder://${state.author}/${state.id}`, Date.now()])
  })
}

function nodeOf(index: number): SimNode {
  const node = nodes.get(index)
  if (node === undefined) throw new Error(`no node ${index} on this host`)
  return node
}

function storeOf(index: number) {
  const store = nodeOf(index).store
  if (store === undefined) throw new Error(`node ${index} is offline`)
  return store
}

async function handle(request: HostRequest): Promise<unknown> {
  switch (request.cmd) {
    case 'start': {
      const node = nodes.get(request.init.index) ?? new SimNode(request.init)
      nodes.set(node.index, node)
      if (!node.online) await node.start(request.follows)
      watch(node)
      return { did: node.did, address: node.address() }
    }
    case 'stop':
      await nodeOf(request.index).stop()
      return null
    case 'follow':
      watchHeapFromNow()
      await nodeOf(request.index).follow(request.dids)
      return null
    case 'publish': {
      const store = storeOf(request.index)
      const record = practice(request.n)
      const sentAt = Date.now()
      const [published] = await store.publishMany([
        { ...record, tags: [...(record.tags ?? []), PROBE_TAG] },
      ])
      return { ref: `polder://${store.did}/${published?.id}`, sentAt }
    }
    case 'bulk': {
      const store = storeOf(request.index)
      const records = Array.from({ length: request.count }, (_, i) => practice(request.n + i))
      await store.publishMany(records)
      return null
    }
    case 'sample': {
      const samples = await Promise.all([...nodes.values()].map((node) => node.sample()))
      const [runMs, waitMs] = await schedstat()
      const delay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }
      loopDelay.reset()
      return {
        cpu: process.cpuUsage(),
        runMs,
        waitMs,
        loopDelayP99Ms: delay.p99,
        loopDelayMaxMs: delay.max,
        rss: process.memoryUsage().rss,
        heapUsed: process.memoryUsage().heapUsed,
        at: Date.now(),
        realMs: Number(process.hrtime.bigint() / 1_000_000n),
        nodes: samples,
        online: [...nodes.values()].filter((node) => node.online).length,
      } satisfies HostSample
    }
    case 'memory':
      return { ...process.memoryUsage(), ...streamBuffers() } satisfies HostMemory
    case 'counts':
      // an offline node holds nothing that can be read: its counts are left out (0)
      return request.queries.map(({ index, dids }) => {
        const store = nodeOf(index).store
        return Object.fromEntries(dids.map((did) => [did, store?.count(did) ?? 0]))
      })
    case 'diagnose': {
      return await nodeOf(request.index).diagnose(request.dids)
    }
    case 'heapProfile':
      return await writeHeapProfile(request.file)
    case 'shutdown':
      for (const node of nodes.values()) await node.stop().catch(() => undefined)
      reportArrivals()
      setImmediate(() => process.exit(0))
      return null
  }
}

process.on('message', (message: { id: number; request: HostRequest }) => {
  handle(message.request).then(
    (result) => process.send?.({ id: message.id, result }),
    (err: Error) => process.send?.({ id: message.id, error: err.stack ?? err.message }),
  )
})
// the orchestrator gone (killed, or it crashed): stop the nodes and leave nothing on tmpfs
process.once('disconnect', () => {
  setTimeout(() => process.exit(1), 10_000).unref()
  void Promise.allSettled(
    [...nodes.values()].map(async (node) => {
      await node.stop().catch(() => undefined)
      await rm(node.init.home, { recursive: true, force: true })
    }),
  ).then(() => process.exit(1))
})
process.send?.({ ready: true })
