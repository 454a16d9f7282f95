/**
 * Whether bytes are DAG-CBOR in the one form our encoder writes, checked by reading them
 * once, without decoding or encoding anything: so a peer's record state can be proven
 * canonical without the re-encoding that costs a third of validating it.
 *
 * The form (`@ipld/dag-cbor`'s encoder): every integer and length in its shortest head,
 * definite lengths, map keys text strings sorted by length and then bytewise (RFC 7049's
 * canonical order) with no repeats, numbers that are safe integers as integers and every
 * other number as a 64-bit float, text strings valid UTF-8 (and not starting with a byte
 * order mark, which the decoder drops), and nothing after the value.
 * `cborg`'s strict decode (what `@ipld/dag-cbor` asks for) checks the shortest heads and
 * repeated keys only. Tags and `undefined` are answered "no": the caller falls back to the
 * full check, which decides as it always did.
 */

/** Deeper nesting is left to the full check (no record nests this deep). */
const MAX_DEPTH = 64

/** Decodes only to tell valid UTF-8 (the WHATWG decoder), for the few strings not ASCII. */
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Reads one value at a time; `pos` moves past what was read. */
class Reader {
  pos = 0
  readonly #view: DataView

  constructor(readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  /** The argument of a head of `minor` in its shortest form, or -1 when it is not. */
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
      // past 2^53 the value is not exact, which matters to no length that fits in memory
      return high > 0 ? high * 2 ** 32 + this.#view.getUint32(at + 4) : -1
    }
    // 28-30 are reserved, 31 is an indefinite length
    return -1
  }

  /** Skips `count` bytes; false when there are not as many. */
  skip(count: number): boolean {
    if (count < 0 || this.pos + count > this.bytes.byteLength) return false
    this.pos += count
    return true
  }

  /**
   * Whether the text string of `count` bytes at `pos` is valid UTF-8 that decodes to what it
   * says; skips it. A leading byte order mark does not: the decoder drops it.
   */
  text(count: number): boolean {
    const start = this.pos
    if (!this.skip(count)) return false
    const bytes = this.bytes
    if (
      count >= 3 &&
      bytes[start] === 0xef &&
      bytes[start + 1] === 0xbb &&
      bytes[start + 2] === 0xbf
    )
      return false
    for (let i = start; i < start + count; i++) {
      if ((bytes[i] as number) >= 0x80) {
        try {
          utf8.decode(bytes.subarray(start, start + count))
          return true
        } catch {
          return false
        }
      }
    }
    return true
  }

  /** Reads one value; false when it or anything in it is not in canonical form. */
  value(depth: number): boolean {
    if (this.pos >= this.bytes.byteLength) return false
    const initial = this.bytes[this.pos++] as number
    const major = initial >> 5
    const minor = initial & 31
    switch (major) {
      case 0: // unsigned integer
      case 1: // negative integer
        return this.argument(minor) >= 0
      case 2: // byte string
        return this.skip(this.argument(minor))
      case 3: // text string
        return this.text(this.argument(minor))
      case 4: {
        const count = this.argument(minor)
        if (count < 0 || depth >= MAX_DEPTH) return false
        for (let i = 0; i < count; i++) if (!this.value(depth + 1)) return false
        return true
      }
      case 5:
        return this.map(this.argument(minor), depth)
      case 7:
        return this.simple(minor)
      default: // tags: CIDs, which no record holds, are left to the full check
        return false
    }
  }

  /** A map of `count` entries: keys text strings in canonical order, each once. */
  map(count: number, depth: number): boolean {
    if (count < 0 || depth >= MAX_DEPTH) return false
    const bytes = this.bytes
    let previousStart = 0
    let previousLength = -1
    for (let i = 0; i < count; i++) {
      if (this.pos >= bytes.byteLength) return false
      const initial = bytes[this.pos++] as number
      if (initial >> 5 !== 3) return false
      const length = this.argument(initial & 31)
      const start = this.pos
      if (!this.text(length)) return false
      if (length < previousLength) return false
      if (length === previousLength) {
        let order = 0
        for (let j = 0; j < length && order === 0; j++)
          order = (bytes[start + j] as number) - (bytes[previousStart + j] as number)
        // equal is a repeated key
        if (order <= 0) return false
      }
      previousStart = start
      previousLength = length
      if (!this.value(depth + 1)) return false
    }
    return true
  }

  /** false, true, null, or a 64-bit float that our encoder would write as one. */
  simple(minor: number): boolean {
    if (minor === 20 || minor === 21 || minor === 22) return true
    if (minor !== 27) return false
    if (this.pos + 8 > this.bytes.byteLength) return false
    const value = this.#view.getFloat64(this.pos)
    this.pos += 8
    // a safe integer (-0 too) is written as an integer; NaN and infinities not at all
    return Number.isFinite(value) && !Number.isSafeInteger(value)
  }
}

/**
 * Whether `bytes` are exactly what `@ipld/dag-cbor` encodes for the value they hold. A
 * "yes" is a proof; a "no" may also be canonical bytes of a kind this does not read (tags,
 * deep nesting), so a caller checks those the long way.
 */
export function isCanonicalDagCbor(bytes: Uint8Array): boolean {
  const reader = new Reader(bytes)
  return reader.value(0) && reader.pos === bytes.byteLength
}
