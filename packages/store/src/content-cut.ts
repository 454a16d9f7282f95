/**
 * A record's content bytes cut from its canonical encoding: the state's DAG-CBOR map
 * without the entries of some top-level fields. Canonical DAG-CBOR sorts map keys and
 * encodes every value on its own, so dropping entries leaves exactly the encoding of the
 * map without those fields, under a new head: the same bytes as encoding that map, for a
 * walk over the item heads instead of an encoding of every value.
 */

/** The argument of the head {@link headEnd} read last (a length, a count, a number). */
let argument = 0

/** Where the head of the item at `at` ends; its argument in {@link argument}. */
function headEnd(bytes: Uint8Array, at: number): number {
  const info = (bytes[at] as number) & 31
  if (info < 24) {
    argument = info
    return at + 1
  }
  if (info > 27) throw new RangeError('not canonical CBOR (indefinite length or reserved head)')
  const width = 1 << (info - 24) // 1, 2, 4 or 8 bytes
  if (at + width >= bytes.byteLength) throw new RangeError('CBOR head past the end')
  let value = 0
  for (let i = 1; i <= width; i++) value = value * 256 + (bytes[at + i] as number)
  argument = value
  return at + 1 + width
}

/** Where the item at `at` ends. */
function skip(bytes: Uint8Array, at: number): number {
  if (at >= bytes.byteLength) throw new RangeError('CBOR item past the end')
  const major = (bytes[at] as number) >> 5
  const end = headEnd(bytes, at)
  switch (major) {
    case 2: // bytes
    case 3: // text
      return end + argument
    case 4:
    case 5: {
      let next = end
      const items = major === 4 ? argument : 2 * argument
      for (let i = 0; i < items; i++) next = skip(bytes, next)
      return next
    }
    case 6: // a tag (a CID) and its item
      return skip(bytes, end)
    default: // integers, simple values and floats: the head is all of it
      return end
  }
}

/** The head of a map of `count` entries, as canonical CBOR writes it. */
function mapHead(count: number): number[] {
  if (count < 24) return [0xa0 | count]
  if (count < 256) return [0xb8, count]
  return [0xb9, count >> 8, count & 255]
}

/** The key at `at`, when it is a short ASCII text; undefined otherwise. */
function asciiKey(bytes: Uint8Array, at: number, end: number): string | undefined {
  let key = ''
  for (let i = at; i < end; i++) {
    const code = bytes[i] as number
    if (code > 127) return undefined
    key += String.fromCharCode(code)
  }
  return key
}

/**
 * The canonical bytes of the top-level map `bytes` without the entries whose keys are in
 * `drop`; undefined when `bytes` is not a canonical map with text keys (or not whole).
 */
export function withoutFields(
  bytes: Uint8Array,
  drop: ReadonlySet<string>,
): Uint8Array | undefined {
  try {
    if (bytes.byteLength === 0 || (bytes[0] as number) >> 5 !== 5) return undefined
    const start = headEnd(bytes, 0)
    const count = argument
    // the kept entries as runs of adjacent ones: [from, to, from, to, ...]
    const runs: number[] = []
    let size = 0
    let at = start
    let kept = 0
    for (let i = 0; i < count; i++) {
      if ((bytes[at] as number) >> 5 !== 3) return undefined
      const keyStart = headEnd(bytes, at)
      const keyLength = argument
      const valueEnd = skip(bytes, keyStart + keyLength)
      const key = keyLength <= 16 ? asciiKey(bytes, keyStart, keyStart + keyLength) : undefined
      if (key === undefined || !drop.has(key)) {
        if (runs.at(-1) === at) runs[runs.length - 1] = valueEnd
        else runs.push(at, valueEnd)
        size += valueEnd - at
        kept++
      }
      at = valueEnd
    }
    if (at !== bytes.byteLength) return undefined
    const prefix = mapHead(kept)
    // from Node's pool: a fresh ArrayBuffer per record costs more than the copy
    const out = Buffer.allocUnsafe(prefix.length + size)
    out.set(prefix)
    let offset = prefix.length
    for (let i = 0; i < runs.length; i += 2) {
      const from = runs[i] as number
      const to = runs[i + 1] as number
      out.set(bytes.subarray(from, to), offset)
      offset += to - from
    }
    return out
  } catch (err) {
    if (err instanceof RangeError) return undefined
    throw err
  }
}
