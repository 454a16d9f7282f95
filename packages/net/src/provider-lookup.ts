/**
 * Providers of a wanted block looked up in the DHT only when no connected peer sent it soon.
 *
 * `@helia/bitswap` (3.x) sends every want to the connected peers and, at the same time,
 * starts a DHT query for providers of that block, cancelled when the block arrives. Reading
 * a file from a connected peer (the usual case: the peer that announced the record) made a
 * query per block, a stream and a lookup on both nodes for each 256 KiB, for nothing. Here
 * the query starts only if the block has not come within {@link LOOKUP_AFTER_MS} and no
 * block at all came from any peer for {@link FLOW_GAP_MS}: while blocks flow (in messages
 * of up to 4 MiB, which arrive whole: a second apart at 4 MB/s), a want waits its turn
 * behind the others asked for before it (a read-ahead of 32 blocks on a busy machine waits
 * seconds for its last), and a query then was one more stream per block on both nodes (310
 * for 100 MB). A want still waiting after {@link LOOKUP_WHILE_FLOWING_MS} is looked up
 * even while blocks flow (they may be another file's, from a peer that lacks this one). A
 * file nobody connected holds is found a quarter of a second later, through its root block.
 *
 * It wraps the bitswap network's `findAndConnect`; if a later version lacks it, nothing is
 * changed.
 */

/** How long a want waits for connected peers before providers are looked up, ms. */
export const LOOKUP_AFTER_MS = 250

/** Blocks arriving less than this apart are a flow, ms. */
export const FLOW_GAP_MS = 1_000

/** How long a want waits while other blocks keep arriving, ms. */
export const LOOKUP_WHILE_FLOWING_MS = 3_000

export interface LookupDelay {
  /** A want waits at least this long, ms. @default LOOKUP_AFTER_MS */
  readonly ms?: number
  /** Blocks arriving less than this apart are a flow, ms. @default FLOW_GAP_MS */
  readonly flowGapMs?: number
  /** And while blocks keep arriving, up to this long, ms. @default LOOKUP_WHILE_FLOWING_MS */
  readonly whileFlowingMs?: number
  /** When the last block from any peer arrived (`performance.now()`). @default never */
  readonly lastBlockAt?: () => number
}

interface BitswapNetwork {
  findAndConnect(cid: unknown, options?: { signal?: AbortSignal }): Promise<void>
}

const isNetwork = (value: unknown): value is BitswapNetwork =>
  typeof (value as Partial<BitswapNetwork> | undefined)?.findAndConnect === 'function'

/** Resolves after `ms`, or false at once when `signal` aborts first. */
function waited(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted === true) return Promise.resolve(false)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(false)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Makes the bitswap network look providers up only after a wait; false if it could not. */
export function delayProviderLookups(network: unknown, delay: LookupDelay = {}): boolean {
  if (!isNetwork(network)) return false
  const ms = delay.ms ?? LOOKUP_AFTER_MS
  const flowGapMs = delay.flowGapMs ?? FLOW_GAP_MS
  const whileFlowingMs = delay.whileFlowingMs ?? LOOKUP_WHILE_FLOWING_MS
  const lastBlockAt = delay.lastBlockAt ?? (() => Number.NEGATIVE_INFINITY)
  const findAndConnect = network.findAndConnect.bind(network)
  network.findAndConnect = async (cid, options) => {
    const wanted = performance.now()
    // bitswap aborts the signal once the block is here
    for (let wait = ms; ; ) {
      if (!(await waited(wait, options?.signal))) return
      const now = performance.now()
      const quiet = now - lastBlockAt()
      const left = wanted + whileFlowingMs - now
      if (quiet >= flowGapMs || left <= 0) break
      // blocks still flow: look again once they have stopped, or at the limit
      wait = Math.max(1, Math.min(flowGapMs - quiet, left))
    }
    await findAndConnect(cid, options)
  }
  return true
}
