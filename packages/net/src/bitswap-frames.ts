/**
 * Bitswap 1.2.0 messages encoded without copying their blocks.
 *
 * `@helia/bitswap` (3.x) encodes each block twice before it leaves: once alone, only to
 * learn its encoded size while splitting a message into parts of at most 4 MiB, then into
 * the part's buffer. A 100 MB file was 200 MB of copies and 4 MiB buffers on the sending
 * node. Here a part is a list of byte arrays: the protobuf framing (field tags and lengths,
 * written here) and the blocks' own bytes, which the stream then encrypts from where
 * they lie. The bytes on the wire are those of `BitswapMessage.encode` (fields in the
 * same order, defaults left out the same way), split the same way.
 *
 * The message shape is that of bitswap's `QueuedBitswapMessage`.
 */
import { Uint8ArrayList } from 'uint8arraylist'

/** Bitswap's protons enums are string enums; their numbers on the wire. */
const WANT_TYPES: Record<string, number> = { WantBlock: 0, WantHave: 1 }
const PRESENCE_TYPES: Record<string, number> = { HaveBlock: 0, DoNotHaveBlock: 1 }

export interface WantEntry {
  readonly cid: Uint8Array
  readonly priority?: number | null
  readonly cancel?: boolean | null
  readonly wantType?: string | null
  readonly sendDontHave?: boolean | null
}

export interface BlockEntry {
  readonly prefix: Uint8Array
  readonly data: Uint8Array
}

export interface PresenceEntry {
  readonly cid: Uint8Array
  readonly type: string
}

/** Bitswap's `QueuedBitswapMessage` (its `pendingBytes` is never sent: bitswap drops it too). */
export interface OutgoingMessage {
  full?: boolean
  readonly wantlist: Map<string, WantEntry>
  readonly blocks: Map<string, BlockEntry>
  readonly blockPresences: Map<string, PresenceEntry>
}

/** The largest block bitswap sends (kubo's limit; bitswap refuses larger ones too). */
export const MAX_BLOCK_SIZE = 4_193_648

/** Bytes of `value` as a protobuf varint (negative int32s take 10, as in protobuf). */
function varintLength(value: number): number {
  if (value < 0) return 10
  let bytes = 1
  while (value >= 0x80) {
    value = Math.floor(value / 128)
    bytes++
  }
  return bytes
}

/** Writes protobuf fields into one small buffer; large byte fields are left to the caller. */
class FieldWriter {
  readonly #bytes: number[] = []

  varint(value: number): this {
    if (value < 0) {
      // int32 below zero: its 64-bit two's complement, ten bytes
      let big = BigInt.asUintN(64, BigInt(value))
      for (let i = 0; i < 9; i++) {
        this.#bytes.push(Number(big & 0x7fn) | 0x80)
        big >>= 7n
      }
      this.#bytes.push(Number(big))
      return this
    }
    while (value >= 0x80) {
      this.#bytes.push((value % 128) | 0x80)
      value = Math.floor(value / 128)
    }
    this.#bytes.push(value)
    return this
  }

  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType)
  }

  raw(bytes: Uint8Array): this {
    for (const byte of bytes) this.#bytes.push(byte)
    return this
  }

  get length(): number {
    return this.#bytes.length
  }

  done(): Uint8Array {
    return Uint8Array.from(this.#bytes)
  }
}

const LEN = 2
const VARINT = 0

/** A want-list entry, as `WantlistEntry.encode` writes it (without its own length). */
function wantEntry(entry: WantEntry): Uint8Array {
  const w = new FieldWriter()
  if (entry.cid.byteLength > 0) w.tag(1, LEN).varint(entry.cid.byteLength).raw(entry.cid)
  if (entry.priority != null && entry.priority !== 0) w.tag(2, VARINT).varint(entry.priority)
  if (entry.cancel != null) w.tag(3, VARINT).varint(entry.cancel ? 1 : 0)
  if (entry.wantType != null) w.tag(4, VARINT).varint(WANT_TYPES[entry.wantType] ?? 0)
  if (entry.sendDontHave != null) w.tag(5, VARINT).varint(entry.sendDontHave ? 1 : 0)
  return w.done()
}

function presenceEntry(entry: PresenceEntry): Uint8Array {
  const w = new FieldWriter()
  if (entry.cid.byteLength > 0) w.tag(1, LEN).varint(entry.cid.byteLength).raw(entry.cid)
  const type = PRESENCE_TYPES[entry.type] ?? 0
  if (type !== 0) w.tag(2, VARINT).varint(type)
  return w.done()
}

/** A block's framing up to its data: its tag in the message, its length, its prefix. */
function blockHead(block: BlockEntry): Uint8Array {
  const w = new FieldWriter()
  const inner =
    (block.prefix.byteLength > 0
      ? 1 + varintLength(block.prefix.byteLength) + block.prefix.byteLength
      : 0) +
    (block.data.byteLength > 0 ? 1 + varintLength(block.data.byteLength) : 0) +
    block.data.byteLength
  w.tag(3, LEN).varint(inner)
  if (block.prefix.byteLength > 0) w.tag(1, LEN).varint(block.prefix.byteLength).raw(block.prefix)
  if (block.data.byteLength > 0) w.tag(2, LEN).varint(block.data.byteLength)
  return w.done()
}

/** Size of a length-delimited field `field` holding `bytes` bytes. */
const fieldSize = (field: number, bytes: number) =>
  varintLength(field * 8 + LEN) + varintLength(bytes) + bytes

/** The error bitswap's splitter throws, by the same name. */
export class BlockTooLargeError extends Error {
  override name = 'BlockTooLargeError'
}

/**
 * The message in parts of at most `maxSize` encoded bytes (blocks first, then presences,
 * then wants, as bitswap fills them), each part a list of byte arrays without its length
 * prefix. Blocks' data is not copied. The first part holds blocks up to `firstBlockBytes`
 * (at least one block; at most `maxSize` in all): with the default, parts are bitswap's own.
 */
export function* encodeParts(
  message: OutgoingMessage,
  maxSize: number,
  firstBlockBytes = maxSize,
): Generator<Uint8ArrayList> {
  const blocks = [...message.blocks.values()]
  const presences = [...message.blockPresences.values()].map(presenceEntry)
  const wants = [...message.wantlist.values()].map(wantEntry)
  let block = 0
  let presence = 0
  let want = 0
  for (let first = true; ; first = false) {
    const part = new Uint8ArrayList()
    const partBlocks: Uint8Array[][] = []
    const partPresences: Uint8Array[] = []
    const partWants: Uint8Array[] = []
    // an empty message with its want-list holding only `full`: what bitswap counts first
    let size = fieldSize(1, 2)
    let more = false
    for (; block < blocks.length; block++) {
      const entry = blocks[block] as BlockEntry
      const head = blockHead(entry)
      const itemSize = head.byteLength + entry.data.byteLength
      if (itemSize > MAX_BLOCK_SIZE + 16) {
        throw new BlockTooLargeError(
          'Cannot send block as after encoding it is over the max message size',
        )
      }
      const limit = first && partBlocks.length > 0 ? Math.min(firstBlockBytes, maxSize) : maxSize
      if (size + itemSize > limit) {
        more = true
        break
      }
      partBlocks.push(entry.data.byteLength > 0 ? [head, entry.data] : [head])
      size += itemSize
    }
    for (; presence < presences.length; presence++) {
      const entry = presences[presence] as Uint8Array
      const itemSize = fieldSize(4, entry.byteLength)
      if (size + itemSize > maxSize) {
        more = true
        break
      }
      partPresences.push(entry)
      size += itemSize
    }
    let wantBytes = 0
    for (; want < wants.length; want++) {
      const entry = wants[want] as Uint8Array
      const itemSize = fieldSize(1, entry.byteLength)
      if (size + itemSize > maxSize) {
        more = true
        break
      }
      partWants.push(entry)
      wantBytes += itemSize
      size += itemSize
    }
    // field 1: the want-list, its entries and `full` (set only on the last part)
    const full = (message.full ?? false) && !more
    part.append(
      new FieldWriter()
        .tag(1, LEN)
        .varint(wantBytes + 2)
        .done(),
    )
    for (const entry of partWants) {
      part.append(new FieldWriter().tag(1, LEN).varint(entry.byteLength).done(), entry)
    }
    part.append(
      new FieldWriter()
        .tag(2, VARINT)
        .varint(full ? 1 : 0)
        .done(),
    )
    for (const pieces of partBlocks) part.append(...pieces)
    for (const entry of partPresences) {
      part.append(new FieldWriter().tag(4, LEN).varint(entry.byteLength).done(), entry)
    }
    yield part
    if (!more) return
  }
}
