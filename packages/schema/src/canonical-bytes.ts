/**
 * DAG-CBOR in the one form our encoder writes, read into the value it holds in one pass,
 * or refused: so a peer's record state (and a log entry block) is decoded and proven
 * canonical at once, without a second decoding by `cborg` (its tokens were most of the
 * decoding's allocations) and without the re-encoding that costs a third of validating it.
 *
 * The form (`@ipld/dag-cbor`'s encoder): every integer and length in its shortest head,
 * definite lengths, map keys text strings sorted by length and then bytewise (RFC 7049's
 * canonical order) with no repeats, numbers that are safe integers as integers and every
 * other number as a 64-bit float, text strings valid UTF-8 (and not starting with a byte
 * order mark, which the decoder drops), and nothing after the value.
 * `cborg`'s strict decode (what `@ipld/dag-cbor` asks for) checks the shortest heads and
 * repeated keys only. Tags (CIDs), `undefined` and integers beyond the safe range are
 * answered "no": the caller falls back to `@ipld/dag-cbor` and the full check, which decide
 * as they always did. What this reads is exactly what `@ipld/dag-cbor` decodes, except that
 * byte strings may be views of the bytes read rather than copies (see {@link ReadOptions}).
 */

/** Deeper nesting is left to the full check (no record nests this deep). */
const MAX_DEPTH = 64

/** Decodes (and so tells valid UTF-8, the WHATWG decoder) the few strings not ASCII. */
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** What a reader answers for bytes not in canonical form (no DAG-CBOR value is a symbol). */
const NO: unique symbol = Symbol('not canonical')
/** Reads one value at a time; `pos` moves past what was read. */
class Reader {
  pos = 0
  readonly #view: DataView

  constructor(
    readonly bytes: Uint8Array,
    /** Byte strings as views of `bytes` (no copy) rather than copies, as `cborg` makes. */
    readonly views: boolean,
    /** Where each field of the outermost map is written, when asked. */
    readonly fields: Map<string, FieldSpan> | undefined,
  ) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /**
   * The argument of a head of `minor` in its shortest form, or -1 when it is not (or is
   * beyond the safe integers, which `cborg` decodes as a bigint).
   */
  argument(minor: number): number {
    if (minor < 24) return minor
    const at = this.pos
    const length = this.bytes.byteLength
    if (minor === 24) {
      if (at + 1 > length) return -1
      this.pos += 1
      const value = this.bytes[at] as number
      return value >= 24 ? value : -1
    }
    if (minor === 25) {
      if (at + 2 > length) return -1
      this.pos += 2
      const value = this.#view.getUint16(at)
      return value > 0xff ? value : -1
    }
    if (minor === 26) {
      if (at + 4 > length) return -1
      this.pos += 4
      const value = this.#view.getUint32(at)
      return value > 0xffff ? value : -1
    }
    if (minor === 27) {
      if (at + 8 > length) return -1
      this.pos += 8
      const high = this.#view.getUint32(at)
      // 2^53 and beyond: a bigint for `cborg`, refused here
      if (high === 0 || high >= 0x200000) return -1
      return high * 2 ** 32 + this.#view.getUint32(at + 4)
    }
    // 28-30 are reserved, 31 is an indefinite length
    return -1
  }

  /**
   * The text string of `count` bytes at `pos` when it is valid UTF-8 that decodes to what
   * it says; NO otherwise. A leading byte order mark does not: the decoder drops it.
   */
  text(count: number): string | typeof NO {
    const start = this.pos
    const end = start + count
    if (count < 0 || end > this.bytes.byteLength) return NO
    this.pos = end
    const bytes = this.bytes
    let ascii = ''
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number
      if (byte >= 0x80) {
        if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf)
          return NO
        try {
          return utf8.decode(bytes.subarray(start, end))
        } catch {
          return NO
        }
      }
      // short strings (map keys, codes) are most of them: a native decode costs more
      if (count <= 32) ascii += String.fromCharCode(byte)
    }
    return count <= 32 ? ascii : utf8.decode(bytes.subarray(start, end))
  }

  /** Reads one value; NO when it or anything in it is not in canonical form. */
  value(depth: number): unknown {
    if (this.pos >= this.bytes.byteLength) return NO
    const initial = this.bytes[this.pos++] as number
    const major = initial >> 5
    const minor = initial & 31
    switch (major) {
      case 0: {
        // unsigned integer
        const value = this.argument(minor)
        return value >= 0 ? value : NO
      }
      case 1: {
        // negative integer, -1 - n: the safe ones only, as for the unsigned
        const value = this.argument(minor)
        return value >= 0 && value < Number.MAX_SAFE_INTEGER ? -1 - value : NO
      }
      case 2:
        return this.byteString(this.argument(minor))
      case 3:
        return this.text(this.argument(minor))
      case 4:
        return this.array(this.argument(minor), depth)
      case 5:
        return this.map(this.argument(minor), depth)
      case 7:
        return this.simple(minor)
      default: // tags: CIDs, which no record holds, are left to the full check
        return NO
    }
  }

  byteString(count: number): Uint8Array | typeof NO {
    const start = this.pos
    if (count < 0 || start + count > this.bytes.byteLength) return NO
    this.pos += count
    const { buffer, byteOffset } = this.bytes
    return this.views
      ? new Uint8Array(buffer, byteOffset + start, count)
      : // a copy in a plain Uint8Array, as `cborg` makes (a Buffer's slice is a view)
        new Uint8Array(this.bytes.subarray(start, start + count))
  }

  array(count: number, depth: number): unknown[] | typeof NO {
    if (count < 0 || depth >= MAX_DEPTH) return NO
    // no more items than bytes left: a huge count in a short input is refused before allocating
    if (count > this.bytes.byteLength - this.pos) return NO
    const items: unknown[] = new Array(count)
    for (let i = 0; i < count; i++) {
      const item = this.value(depth + 1)
      if (item === NO) return NO
      items[i] = item
    }
    return items
  }

  /** A map of `count` entries: keys text strings in canonical order, each once. */
  map(count: number, depth: number): Record<string, unknown> | typeof NO {
    if (count < 0 || depth >= MAX_DEPTH) return NO
    const bytes = this.bytes
    const object: Record<string, unknown> = {}
    let previousStart = 0
    let previousLength = -1
    for (let i = 0; i < count; i++) {
      if (this.pos >= bytes.byteLength) return NO
      const keyStart = this.pos
      const initial = bytes[this.pos++] as number
      if (initial >> 5 !== 3) return NO
      const length = this.argument(initial & 31)
      const start = this.pos
      const key = this.text(length)
      if (key === NO) return NO
      if (length < previousLength) return NO
      if (length === previousLength) {
        let order = 0
        for (let j = 0; j < length && order === 0; j++)
          order = (bytes[start + j] as number) - (bytes[previousStart + j] as number)
        // equal is a repeated key
        if (order <= 0) return NO
      }
      previousStart = start
      previousLength = length
      const value = this.value(depth + 1)
      if (value === NO) return NO
      if (depth === 0) this.fields?.set(key, { start: keyStart, end: this.pos })
      // as `cborg` does: an own property, not the prototype's setter
      if (key === '__proto__')
        Object.defineProperty(object, key, {
          value,
          configurable: true,
          enumerable: true,
          writable: true,
        })
      else object[key] = value
    }
    return object
  }

  /** false, true, null, or a 64-bit float that our encoder would write as one. */
  simple(minor: number): unknown {
    if (minor === 20) return false
    if (minor === 21) return true
    if (minor === 22) return null
    if (minor !== 27) return NO
    if (this.pos + 8 > this.bytes.byteLength) return NO
    const value = this.#view.getFloat64(this.pos)
    this.pos += 8
    // a safe integer (-0 too) is written as an integer; NaN and infinities not at all
    return Number.isFinite(value) && !Number.isSafeInteger(value) ? value : NO
  }
}

/** Where a field of a map is written: its key's first byte to its value's end. */
export interface FieldSpan {
  readonly start: number
  readonly end: number
}

export interface ReadOptions {
  /**
   * Byte strings as views of the bytes read instead of copies (for a log entry's record
   * states, which are read and let go). @default false
   */
  readonly views?: boolean
  /**
   * Filled with where each field of the outermost map is written (key and value), so that
   * a caller can cut a canonical encoding of some of the fields out of the bytes.
   */
  readonly fields?: Map<string, FieldSpan>
}

/**
 * The value of `bytes` when they are exactly what `@ipld/dag-cbor` encodes for it: the
 * value its `decode` returns (plain objects, arrays, strings, numbers, booleans, null and
 * byte strings). Undefined otherwise, which may also be canonical bytes of a kind this does
 * not read (tags, deep nesting, integers beyond the safe range), so a caller decodes and
 * checks those the long way.
 */
export function readCanonicalDagCbor(bytes: Uint8Array, options: ReadOptions = {}): unknown {
  const reader = new Reader(bytes, options.views === true, options.fields)
  const value = reader.value(0)
  return value === NO || reader.pos !== bytes.byteLength ? undefined : value
}

/**
 * Whether `bytes` are exactly what `@ipld/dag-cbor` encodes for the value they hold. A
 * "yes" is a proof; a "no" may also be canonical bytes of a kind this does not read.
 */
export function isCanonicalDagCbor(bytes: Uint8Array): boolean {
  return readCanonicalDagCbor(bytes) !== undefined
}
