/**
 * DAG-CBOR of plain JSON values, written straight into one buffer: byte for byte what
 * `@ipld/dag-cbor`'s encoder writes for them (sorted keys, shortest heads, 64-bit floats),
 * at a fraction of its cost. Every record a node publishes is encoded at validation, and
 * the general encoder (a token per key, a sort through token comparisons, a chunk list)
 * was a quarter of validating one. Anything else — a key that is not ASCII, a `/` key (a
 * CID's form), bytes, `undefined`, a non-finite number, an object that is not a plain one —
 * gives `undefined`, and the caller uses the general encoder, which decides as before.
 */

/** Nesting past this is left to the general encoder (no record nests this deep). */
const MAX_DEPTH = 64

const MAJOR_UINT = 0x00
const MAJOR_NEGINT = 0x20
const MAJOR_STRING = 0x60
const MAJOR_ARRAY = 0x80
const MAJOR_MAP = 0xa0
const FALSE = 0xf4
const TRUE = 0xf5
const NULL = 0xf6
const FLOAT64 = 0xfb

/** A value the fast path does not take: the general encoder decides. */
class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain()

const utf8 = new TextEncoder()

/** Text this long or longer goes through the native encoder; shorter is copied by hand. */
const SHORT = 32

/** Bytes of a head whose argument is `n`. */
const headSize = (n: number): number =>
  n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x100000000 ? 5 : 9

class Writer {
  bytes = new Uint8Array(4096)
  view = new DataView(this.bytes.buffer)
  pos = 0

  reserve(n: number): void {
    if (this.pos + n <= this.bytes.byteLength) return
    let size = this.bytes.byteLength * 2
    while (size < this.pos + n) size *= 2
    const grown = new Uint8Array(size)
    grown.set(this.bytes.subarray(0, this.pos))
    this.bytes = grown
    this.view = new DataView(grown.buffer)
  }

  /** A head: major type and its argument in the shortest form (arguments up to 2^53). */
  head(major: number, n: number): void {
    this.reserve(9)
    const { bytes, view } = this
    if (n < 24) bytes[this.pos++] = major | n
    else if (n < 0x100) {
      bytes[this.pos++] = major | 24
      bytes[this.pos++] = n
    } else if (n < 0x10000) {
      bytes[this.pos++] = major | 25
      view.setUint16(this.pos, n)
      this.pos += 2
    } else if (n < 0x100000000) {
      bytes[this.pos++] = major | 26
      view.setUint32(this.pos, n)
      this.pos += 4
    } else {
      bytes[this.pos++] = major | 27
      view.setUint32(this.pos, Math.floor(n / 0x100000000))
      view.setUint32(this.pos + 4, n >>> 0)
      this.pos += 8
    }
  }

  /** Writes a text string; says whether it was ASCII. */
  string(value: string): boolean {
    const length = value.length
    if (length >= SHORT) return this.#longString(value)
    // short (keys, codes): one byte a code unit, copied as it is checked
    this.head(MAJOR_STRING, length)
    this.reserve(length)
    const start = this.pos
    const { bytes } = this
    for (let i = 0; i < length; i++) {
      const code = value.charCodeAt(i)
      if (code > 0x7f) {
        this.pos = start - headSize(length)
        this.#longString(value)
        return false
      }
      bytes[start + i] = code
    }
    this.pos += length
    return true
  }

  /**
   * The native UTF-8 encoder, straight into the buffer after room for the head the text
   * would have as ASCII; moved when its UTF-8 is longer. Lone surrogates become U+FFFD,
   * as the general encoder writes them.
   */
  #longString(value: string): boolean {
    const length = value.length
    this.reserve(9 + length * 3)
    const guess = headSize(length)
    const { written } = utf8.encodeInto(value, this.bytes.subarray(this.pos + guess))
    const start = this.pos
    const size = headSize(written)
    if (size !== guess) {
      this.bytes.copyWithin(start + size, start + guess, start + guess + written)
    }
    this.head(MAJOR_STRING, written)
    this.pos = start + size + written
    return written === length
  }

  number(value: number): void {
    if (Number.isSafeInteger(value)) {
      // -0 is the integer 0, as the general encoder writes it
      if (value >= 0) this.head(MAJOR_UINT, value)
      else this.head(MAJOR_NEGINT, -1 - value)
      return
    }
    if (!Number.isFinite(value)) throw NOT_PLAIN
    this.reserve(9)
    this.bytes[this.pos++] = FLOAT64
    this.view.setFloat64(this.pos, value)
    this.pos += 8
  }

  encode(value: unknown): Uint8Array | undefined {
    this.pos = 0
    try {
      this.value(value, 0)
    } catch (err) {
      if (err instanceof NotPlain) return undefined
      throw err
    }
    return copyOf(this.bytes.subarray(0, this.pos))
  }

  value(value: unknown, depth: number): void {
    switch (typeof value) {
      case 'string':
        this.string(value)
        return
      case 'number':
        this.number(value)
        return
      case 'boolean':
        this.reserve(1)
        this.bytes[this.pos++] = value ? TRUE : FALSE
        return
      case 'object':
        if (value === null) {
          this.reserve(1)
          this.bytes[this.pos++] = NULL
          return
        }
        if (depth >= MAX_DEPTH) throw NOT_PLAIN
        if (Array.isArray(value)) {
          this.head(MAJOR_ARRAY, value.length)
          for (let i = 0; i < value.length; i++) this.value(value[i], depth + 1)
          return
        }
        if (Object.getPrototypeOf(value) !== Object.prototype) throw NOT_PLAIN
        this.map(value as Record<string, unknown>, depth)
        return
      default:
        throw NOT_PLAIN
    }
  }

  map(object: Record<string, unknown>, depth: number): void {
    const keys = Object.keys(object)
    sortKeys(keys)
    this.head(MAJOR_MAP, keys.length)
    for (const key of keys) {
      // a non-ASCII key sorts by its UTF-8 bytes, not as sorted here; `/` is a CID's form
      if (!this.string(key) || key === '/') throw NOT_PLAIN
      this.value(object[key], depth + 1)
    }
  }
}

/**
 * RFC 7049's canonical order of text keys, shorter first, then bytewise (for ASCII, by
 * code unit): an insertion sort, since an object has a few dozen keys at most.
 */
function sortKeys(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string
    let j = i - 1
    for (; j >= 0; j--) {
      const other = keys[j] as string
      if (other.length < key.length || (other.length === key.length && other < key)) break
      keys[j + 1] = other
    }
    keys[j + 1] = key
  }
}

/** Node's Buffer where there is one (small copies from its pool), absent in a browser. */
const NativeBuffer = (globalThis as { Buffer?: { allocUnsafe(size: number): Uint8Array } }).Buffer

/**
 * A copy of the bytes written, a plain Uint8Array as dag-cbor gives: a new ArrayBuffer for
 * each record cost more than encoding it, so the copy comes from Node's buffer pool.
 */
function copyOf(bytes: Uint8Array): Uint8Array {
  if (NativeBuffer === undefined) return bytes.slice()
  const pooled = NativeBuffer.allocUnsafe(bytes.byteLength)
  pooled.set(bytes)
  return new Uint8Array(pooled.buffer, pooled.byteOffset, pooled.byteLength)
}

let writer = new Writer()
/** A getter's code could ask for an encoding while one is under way: it gets a writer of its own. */
let busy = false

/** The DAG-CBOR bytes of a plain JSON value, or `undefined` when it is not one (see above). */
export function encodeJsonCbor(value: unknown): Uint8Array | undefined {
  if (busy) return new Writer().encode(value)
  busy = true
  try {
    const bytes = writer.encode(value)
    // a buffer grown for one large value is not kept for every later small one
    if (writer.bytes.byteLength > 1 << 20) writer = new Writer()
    return bytes
  } finally {
    busy = false
  }
}
