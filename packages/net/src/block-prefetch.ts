/**
 * The blocks of a peer's want-list read from disk together, not one after another.
 *
 * `@helia/bitswap` (3.x) answers a want-list by reading each wanted block in turn (every
 * read a few trips through libuv's thread pool: open, stat, read, close) and sends nothing
 * until the last one is read. A fetch of 100 MB asks for 32 blocks at a time: the serving
 * node spent 33-50 ms reading each 8 MiB before its first byte left, on loopback with
 * nothing else running, time in which neither node did anything for the fetch. Here the
 * reads of a want-list's blocks start as soon as it arrives, so they run side by side (the
 * thread pool has four threads) and bitswap's loop finds them read. What bitswap sends, and
 * when it decides to, is unchanged; a read it does not take (a want it no longer sends) is
 * dropped once it has handled the message.
 *
 * It reaches into bitswap's `PeerWantLists`: its `blockstore` (which each peer's ledger
 * reads from) and `receiveMessage`; if a later version lacks them, nothing is changed.
 */
import type { AbortOptions } from '@libp2p/interface'
import { CID } from 'multiformats/cid'

/** Blocks read ahead at most, over all peers: what bitswap holds anyway while it sends them. */
export const PREFETCH_LIMIT = 64

/** Bitswap's want type for a block itself (protons decodes the enum to its name). */
const WANT_BLOCK = 'WantBlock'

type Get = (cid: CID, options?: AbortOptions) => AsyncIterable<Uint8Array>

interface WantEntry {
  readonly cid: Uint8Array
  readonly cancel?: boolean
  readonly wantType?: string
}

interface PeerWantLists {
  blockstore: { get: Get }
  receiveMessage(
    peer: unknown,
    message: { wantlist?: { entries?: readonly WantEntry[] } },
  ): Promise<void>
}

const isPeerWantLists = (value: unknown): value is PeerWantLists => {
  const lists = value as Partial<PeerWantLists> | undefined
  return typeof lists?.receiveMessage === 'function' && typeof lists.blockstore?.get === 'function'
}

async function readAll(blocks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const part of blocks) parts.push(part)
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts)
}

const keyOf = (cid: CID) => Buffer.from(cid.multihash.bytes).toString('base64')

/** Makes bitswap read a want-list's blocks side by side; false if it could not. */
export function prefetchWantedBlocks(lists: unknown, limit = PREFETCH_LIMIT): boolean {
  if (!isPeerWantLists(lists)) return false
  const blockstore = lists.blockstore
  const get: Get = (cid, options) => blockstore.get(cid, options)
  const reads = new Map<string, Promise<Uint8Array>>()
  // each peer's ledger takes its blockstore from here when it is made; only `get` differs
  const prefetched: { get: Get } = Object.create(blockstore)
  prefetched.get = async function* (cid, options) {
    const read = reads.get(keyOf(cid))
    if (read === undefined) {
      yield* get(cid, options)
      return
    }
    reads.delete(keyOf(cid))
    yield await read
  }
  lists.blockstore = prefetched
  const receiveMessage = lists.receiveMessage.bind(lists)
  lists.receiveMessage = async (peer, message) => {
    const started: [string, Promise<Uint8Array>][] = []
    for (const entry of message.wantlist?.entries ?? []) {
      if (reads.size >= limit) break
      if (entry.cancel === true || (entry.wantType ?? WANT_BLOCK) !== WANT_BLOCK) continue
      let cid: CID
      try {
        cid = CID.decode(entry.cid)
      } catch {
        continue // bitswap's own decoding rejects it
      }
      const key = keyOf(cid)
      if (reads.has(key)) continue
      const read = readAll(get(cid))
      // a missing block fails where bitswap reads it, as it would have
      read.catch(() => {})
      reads.set(key, read)
      started.push([key, read])
    }
    try {
      await receiveMessage(peer, message)
    } finally {
      // a later message may have started the same block again since
      for (const [key, read] of started) if (reads.get(key) === read) reads.delete(key)
    }
  }
  return true
}
