/**
 * What bitswap peers send this node: a block it never asked for is data it cannot use (a
 * wrong block for a wanted CID hashes to another CID), and its sender is named, so the
 * node can count it as an offence and cut the peer off like any other that sends refused
 * data. Bitswap itself only drops such a block, silently.
 *
 * It hooks into two internals of `@helia/bitswap` (3.x): the want-list's `addEntry`, which
 * every want passes through, and its `block` event, which names the sender before the
 * block is matched against the wants. If a later version lacks them, blocks are not
 * watched (and the node works as before).
 */
import { bitswap } from '@helia/block-brokers'
import type { PeerId } from '@libp2p/interface'
import { TypedEventEmitter } from 'main-event'
import type { MultihashDigest } from 'multiformats'
import { prefetchWantedBlocks } from './block-prefetch.js'
import { KnownDigests } from './known-digests.js'
import { FIRST_MESSAGE_BLOCK_BYTES, sendOnOpenConnections } from './lean-block-send.js'
import { notifyLimitedPeers } from './limited-peers.js'
import { pipelineBlockSends } from './pipelined-send.js'
import { delayProviderLookups } from './provider-lookup.js'
import { renewCancelledWants } from './want-renewal.js'

export interface BlockWatchEvents {
  /** A peer sent a block whose CID this node never asked for. */
  'block:unasked': CustomEvent<{ readonly sender: PeerId; readonly cid: string }>
}

/** Multihashes asked for, remembered: late copies of a block asked for are not offences. */
const REMEMBERED = 100_000

interface CidLike {
  readonly multihash: MultihashDigest
  toString(): string
}

/** The parts of `@helia/bitswap`'s want-list this watches; see the module comment. */
interface WantList extends EventTarget {
  addEntry(cid: CidLike, options?: unknown): Promise<unknown>
}

const keyOf = (cid: CidLike) => Buffer.from(cid.multihash.bytes).toString('base64')

export class BlockWatch extends TypedEventEmitter<BlockWatchEvents> {
  readonly #asked = new Set<string>()
  /** Whether bitswap could be hooked. */
  watching = false
  /** When the last block from any peer arrived (`performance.now()`). */
  lastBlockAt = Number.NEGATIVE_INFINITY
  /** The digests bitswap computed of the blocks it received, for Helia's check (`known-digests.ts`). */
  readonly digests = new KnownDigests()

  asked(cid: CidLike): void {
    const key = keyOf(cid)
    this.#asked.delete(key)
    this.#asked.add(key)
    if (this.#asked.size > REMEMBERED) {
      const oldest = this.#asked.values().next().value
      if (oldest !== undefined) this.#asked.delete(oldest)
    }
  }

  received(sender: PeerId, cid: CidLike): void {
    this.lastBlockAt = performance.now()
    if (this.#asked.has(keyOf(cid))) return
    this.safeDispatchEvent('block:unasked', { detail: { sender, cid: cid.toString() } })
  }
}

/**
 * How soon a block sent to a peer is sent again when the peer asks again, ms (bitswap's
 * default is 5 s): a peer that gave up on a block and asks anew gets it at once.
 */
const RESEND_AFTER_MS = 200

/**
 * Helia's bitswap block broker, with `watch` told what is asked for and who sends what,
 * wants asked for again after being given up sent again (`want-renewal.ts`), providers
 * looked up only for blocks connected peers did not send soon, while no other blocks flow
 * (`provider-lookup.ts`), messages sent on open connections, relayed ones included, their
 * blocks not copied (`lean-block-send.ts`), and peers connected only through a relay
 * given the want-list (`limited-peers.ts`); a want-list's blocks are read side by side
 * (`block-prefetch.ts`) and sent part by part as they are read (`pipelined-send.ts`).
 */
export function watchedBitswap(watch: BlockWatch): ReturnType<typeof bitswap> {
  const factory = bitswap({
    // files move over relayed connections too (within the relay's limits)
    runOnLimitedConnections: true,
    doNotResendBlockWindow: RESEND_AFTER_MS,
  })
  return (components) => {
    const broker = factory(components)
    // internals, see the module comment
    const internals = (
      broker as unknown as {
        bitswap?: { wantList?: Partial<WantList>; network?: unknown; peerWantLists?: unknown }
      }
    ).bitswap
    const wantList = internals?.wantList
    renewCancelledWants(wantList)
    delayProviderLookups(internals?.network, { lastBlockAt: () => watch.lastBlockAt })
    sendOnOpenConnections(internals?.network)
    prefetchWantedBlocks(internals?.peerWantLists)
    pipelineBlockSends(internals?.peerWantLists, FIRST_MESSAGE_BLOCK_BYTES)
    notifyLimitedPeers(internals?.network)
    if (typeof wantList?.addEntry !== 'function' || typeof wantList.addEventListener !== 'function')
      return broker
    const addEntry = wantList.addEntry.bind(wantList)
    wantList.addEntry = (cid: CidLike, options?: unknown) => {
      watch.asked(cid)
      return addEntry(cid, options)
    }
    wantList.addEventListener('block', (event) => {
      const detail = (event as CustomEvent<{ sender?: PeerId; cid?: CidLike; block?: Uint8Array }>)
        .detail
      if (detail?.cid !== undefined && detail.block instanceof Uint8Array)
        watch.digests.remember(detail.block, detail.cid.multihash)
      if (detail?.sender !== undefined && detail.cid !== undefined)
        watch.received(detail.sender, detail.cid)
    })
    watch.watching = true
    return broker
  }
}
