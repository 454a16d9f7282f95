/**
 * A want-list's blocks sent part by part as they are read, not once the last is read.
 *
 * `@helia/bitswap` (3.x)'s ledger (`sendBlocksToPeer`) reads every block a peer wants, one
 * after another, and only then hands the whole message to the network, which cuts it into
 * parts of 4 MiB: a fetch of 100 MB went in steps of 8 MiB, the serving node sending
 * nothing until the step's last block was read, the fetching node idle meanwhile. Here each
 * ledger's send writes a part on its stream as soon as that part's blocks are read (the
 * first part one block alone, the next ones up to bitswap's 4 MiB), while the rest are
 * still being read (side by side: `block-prefetch.ts`). What is sent is what bitswap sends
 * (the same wants taken, statuses, presences and accounting; the bytes of each part a
 * bitswap 1.2.0 message), one stream per send as before.
 *
 * It replaces `sendBlocksToPeer` on each ledger `PeerWantLists` makes (through its
 * `ledgerMap`), reaching into the ledger's `wants`, `blockstore`, `peerId`,
 * `maxSizeReplaceHasWithBlock`, `doNotResendBlockWindow`, `removeExpiredWants` and
 * `sentBytes`; if a later version lacks them, or the network's send was not taken over
 * (`lean-block-send.ts`), nothing is changed.
 */
import type { AbortOptions, PeerId } from '@libp2p/interface'
import { varint } from 'multiformats'
import type { CID } from 'multiformats/cid'
import type { BlockEntry, OutgoingMessage, PresenceEntry } from './bitswap-frames.js'
import { type LeanNetwork, leanNetwork, sendStreamed } from './lean-block-send.js'

/** Bitswap's protons enum values, as its decoder gives them. */
const WANT_HAVE = 'WantHave'

/**
 * Bytes a block adds to a part besides its data: the field's tag and lengths and the CID
 * prefix (at most ~20 bytes); counted high so that a part never needs a second split.
 */
const BLOCK_OVERHEAD = 64

interface LedgerEntry {
  readonly cid: CID
  readonly wantType: string
  readonly sendDontHave: boolean
  status: 'want' | 'sending' | 'sent'
  expires?: number
  sentDoNotHave?: boolean
  haveBlock?: false
}

interface Ledger {
  readonly peerId: PeerId
  readonly wants: Map<string, LedgerEntry>
  readonly blockstore: {
    get(cid: CID, options?: AbortOptions): AsyncIterable<Uint8Array>
  }
  readonly maxSizeReplaceHasWithBlock: number
  readonly doNotResendBlockWindow: number
  removeExpiredWants(): void
  sentBytes(bytes: number): void
  sendBlocksToPeer(options?: AbortOptions): Promise<void>
}

const isLedger = (value: unknown): value is Ledger => {
  const ledger = value as Partial<Ledger> | undefined
  return (
    ledger?.wants instanceof Map &&
    typeof ledger.blockstore?.get === 'function' &&
    typeof ledger.maxSizeReplaceHasWithBlock === 'number' &&
    typeof ledger.doNotResendBlockWindow === 'number' &&
    typeof ledger.removeExpiredWants === 'function' &&
    typeof ledger.sentBytes === 'function' &&
    typeof ledger.sendBlocksToPeer === 'function'
  )
}

interface PeerWantLists {
  readonly network: unknown
  readonly ledgerMap: { set(peer: PeerId, ledger: unknown): unknown }
}

const isPeerWantLists = (value: unknown): value is PeerWantLists =>
  typeof (value as Partial<PeerWantLists> | undefined)?.ledgerMap?.set === 'function'

async function readBlock(ledger: Ledger, cid: CID): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const part of ledger.blockstore.get(cid)) parts.push(part)
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts)
}

/** Bitswap's `cidToPrefix`: version, codec, hash code and digest length as varints. */
function cidPrefix(cid: CID): Uint8Array {
  const values = [cid.version, cid.code, cid.multihash.code, cid.multihash.digest.byteLength]
  const prefix = new Uint8Array(values.reduce((n, value) => n + varint.encodingLength(value), 0))
  let offset = 0
  for (const value of values) {
    varint.encodeTo(value, prefix, offset)
    offset += varint.encodingLength(value)
  }
  return prefix
}

const emptyMessage = (): OutgoingMessage => ({
  wantlist: new Map(),
  blocks: new Map<string, BlockEntry>(),
  blockPresences: new Map<string, PresenceEntry>(),
})

/** What a send produced: its blocks' bytes, and a read that failed otherwise than "not found". */
interface SendOutcome {
  bytes: number
  failure?: unknown
}

/**
 * The messages of one send, in the ledger's order: each yielded as soon as its blocks are
 * read and the next block would not fit (the first after `firstBytes`, the others at
 * `maxBytes`). The entries' statuses change as bitswap's ledger changes them.
 */
async function* messagesOf(
  ledger: Ledger,
  entries: readonly [string, LedgerEntry][],
  firstBytes: number,
  maxBytes: number,
  outcome: SendOutcome,
): AsyncGenerator<OutgoingMessage> {
  let message = emptyMessage()
  let size = 0
  let limit = firstBytes
  const flush = () => {
    const full = message
    for (const block of full.blocks.values()) outcome.bytes += block.data.byteLength
    message = emptyMessage()
    size = 0
    limit = maxBytes
    return full
  }
  for (const [key, entry] of entries) {
    let block: Uint8Array
    try {
      block = await readBlock(ledger, entry.cid)
    } catch (err) {
      if ((err as Error).name !== 'NotFoundError') {
        outcome.failure = err
        return
      }
      // as bitswap: asked again later; a "don't have" once, if the peer wants one
      entry.status = 'want'
      entry.haveBlock = false
      if (!entry.sendDontHave || entry.sentDoNotHave === true) continue
      entry.sentDoNotHave = true
      message.blockPresences.set(key, { cid: entry.cid.bytes, type: 'DoNotHaveBlock' })
      continue
    }
    // a message that arrived while it was read may have changed it
    if (entry.status !== 'sending') continue
    if (entry.wantType === WANT_HAVE && block.byteLength >= ledger.maxSizeReplaceHasWithBlock) {
      message.blockPresences.set(key, { cid: entry.cid.bytes, type: 'HaveBlock' })
    } else {
      const itemSize = block.byteLength + BLOCK_OVERHEAD
      if (message.blocks.size > 0 && size + itemSize > limit) yield flush()
      message.blocks.set(key, { prefix: cidPrefix(entry.cid), data: block })
      size += itemSize
      // sent now if a block like this one would not fit: the next is not waited for
      if (size + itemSize > limit) yield flush()
    }
    entry.status = 'sent'
    entry.expires = Date.now() + ledger.doNotResendBlockWindow
  }
  if (message.blocks.size > 0 || message.blockPresences.size > 0) yield flush()
}

/** The ledger's `sendBlocksToPeer`, sending each part as soon as its blocks are read. */
async function sendPipelined(
  ledger: Ledger,
  network: LeanNetwork,
  firstBytes: number,
  options?: AbortOptions,
): Promise<void> {
  ledger.removeExpiredWants()
  const unsent = [...ledger.wants.entries()].filter(([, entry]) => entry.status === 'want')
  if (unsent.length === 0) return
  for (const [, entry] of unsent) entry.status = 'sending'
  const outcome: SendOutcome = { bytes: 0 }
  try {
    await sendStreamed(
      network,
      ledger.peerId,
      messagesOf(ledger, unsent, firstBytes, network.maxOutgoingMessageSize, outcome),
      options,
    )
  } finally {
    // wants a broken send never reached are wanted again, not stuck as "sending"
    for (const [, entry] of unsent) if (entry.status === 'sending') entry.status = 'want'
  }
  if (outcome.bytes > 0) ledger.sentBytes(outcome.bytes)
  if (outcome.failure !== undefined) throw outcome.failure
}

/**
 * Makes every ledger of `lists` send each part of a want-list's blocks as soon as they are
 * read; false if it could not. `firstBytes`: blocks' bytes in a send's first part.
 */
export function pipelineBlockSends(lists: unknown, firstBytes: number): boolean {
  if (!isPeerWantLists(lists)) return false
  const network = leanNetwork(lists.network)
  if (network === undefined) return false
  const ledgerMap = lists.ledgerMap
  const set = ledgerMap.set.bind(ledgerMap)
  ledgerMap.set = (peer, ledger) => {
    if (isLedger(ledger)) {
      ledger.sendBlocksToPeer = (options) => sendPipelined(ledger, network, firstBytes, options)
    }
    return set(peer, ledger)
  }
  return true
}
