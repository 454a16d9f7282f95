/**
 * Providers of a wanted block looked up in the DHT only when no connected peer sent it soon.
 *
 * `@helia/bitswap` (3.x) sends every want to the connected peers and, at the same time,
 * starts a DHT query for providers of that block, cancelled when the block arrives. Reading
 * a file from a connected peer (the usual case: the peer that announced the record) made a
 * query per block, a stream and a lookup on both nodes for each 256 KiB, for nothing. Here
 * the query starts only if the block has not come within {@link LOOKUP_AFTER_MS}: a file
 * nobody connected holds is found a quarter of a second later, through its root block.
 *
 * It wraps the bitswap network's `findAndConnect`; if a later version lacks it, nothing is
 * changed.
 */

/** How long a want waits for connected peers before providers are looked up, ms. */
export const LOOKUP_AFTER_MS = 250

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
export function delayProviderLookups(network: unknown, ms = LOOKUP_AFTER_MS): boolean {
  if (!isNetwork(network)) return false
  const findAndConnect = network.findAndConnect.bind(network)
  network.findAndConnect = async (cid, options) => {
    // bitswap aborts the signal once the block is here
    if (await waited(ms, options?.signal)) await findAndConnect(cid, options)
  }
  return true
}
