import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isCanonicalDagCbor, readCanonicalDagCbor } from '../src/canonical-bytes.js'
import { decodeState, EncodingError, encodeState } from '../src/index.js'
import { practiceArbitrary } from './arbitraries.js'
import { AUTHOR, minimalRecords } from './helpers.js'

const hex = (text: string): Uint8Array =>
  Uint8Array.from(Buffer.from(text.replace(/ /g, ''), 'hex'))

/** Values of the kinds DAG-CBOR holds without tags: what a record's encoding may carry. */
const plainValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'binary' }),
    // a leading byte order mark, which decoding drops
    fc.string({ unit: 'binary' }).map((text) => `\uFEFF${text}`),
    fc.integer(),
    fc.maxSafeInteger(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 8 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('value'), { maxKeys: 5 }),
  ),
})).value

/** Whether decoding and encoding again gives the same bytes: what "canonical" means. */
function roundTrips(bytes: Uint8Array): boolean {
  try {
    return Buffer.compare(dagCbor.encode(dagCbor.decode(bytes)), bytes) === 0
  } catch {
    return false
  }
}

describe('isCanonicalDagCbor', () => {
  it('says yes to what the encoder writes: every kind of record, and any plain value', () => {
    for (const record of Object.values(minimalRecords()))
      expect(isCanonicalDagCbor(encodeState(record))).toBe(true)
    fc.assert(
      fc.property(plainValue, (value) => {
        let bytes: Uint8Array
        try {
          bytes = dagCbor.encode(value)
        } catch {
          return // a lone surrogate or a -0 that the encoder refuses or rewrites
        }
        expect(isCanonicalDagCbor(bytes)).toBe(roundTrips(bytes))
      }),
      { numRuns: 2000 },
    )
  })

  it('property: a "yes" is a proof: bytes it accepts decode and encode to themselves', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          plainValue.map((value) => {
            try {
              return dagCbor.encode(value)
            } catch {
              return new Uint8Array()
            }
          }),
          practiceArbitrary(AUTHOR).map((record) => encodeState(record)),
        ),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }),
        (bytes, flips) => {
          const corrupt = bytes.slice()
          for (const [at, flip] of flips)
            if (corrupt.length > 0) {
              const index = at % corrupt.length
              corrupt[index] = (corrupt[index] as number) ^ flip
            }
          const read = readCanonicalDagCbor(corrupt)
          if (read !== undefined) {
            expect(roundTrips(corrupt)).toBe(true)
            expect(read).toStrictEqual(dagCbor.decode(corrupt))
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('property: random bytes it accepts decode and encode to themselves', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        if (isCanonicalDagCbor(bytes)) expect(roundTrips(bytes)).toBe(true)
      }),
      { numRuns: 5000 },
    )
  })

  it('says no to each way of writing a value other than the encoder does', () => {
    const cases: Record<string, string> = {
      'an integer in a longer head than it needs': '18 05',
      'a length in a longer head than it needs': '78 01 61',
      'an indefinite-length array': '9f 01 ff',
      'an indefinite-length text string': '7f 61 61 ff',
      'map keys out of order (bytewise)': 'a2 61 62 01 61 61 02',
      'map keys out of order (shorter first)': 'a2 62 61 61 01 61 61 02',
      'a repeated map key': 'a2 61 61 01 61 61 02',
      'a map key that is not a text string': 'a1 01 02',
      'a half-width float': 'f9 3e 00',
      'a single-width float': 'fa 3f c0 00 00',
      'a whole number as a float': 'fb 3f f0 00 00 00 00 00 00',
      'minus zero as a float': 'fb 80 00 00 00 00 00 00 00',
      NaN: 'fb 7f f8 00 00 00 00 00 00',
      'an infinity': 'fb 7f f0 00 00 00 00 00 00',
      undefined: 'f7',
      'a simple value of its own': 'f0',
      'text that is not UTF-8': '62 c3 28',
      'a UTF-16 surrogate written as UTF-8': '63 ed a0 80',
      'text that starts with a byte order mark (dropped by decoding)': '64 ef bb bf 61',
      'a map key that starts with a byte order mark': 'a1 63 ef bb bf 01',
      'bytes after the value': '01 01',
      'a value cut short': '82 01',
      'a tag': 'c1 01',
      nothing: '',
    }
    for (const [what, bytes] of Object.entries(cases))
      expect([what, isCanonicalDagCbor(hex(bytes))]).toEqual([what, false])
    // and yes to the same values as the encoder writes them
    expect(isCanonicalDagCbor(hex('a2 61 61 02 62 61 61 01'))).toBe(true)
    expect(isCanonicalDagCbor(hex('fb 3f f8 00 00 00 00 00 00'))).toBe(true)
  })

  it('property: what it reads is the value @ipld/dag-cbor decodes from the same bytes', () => {
    fc.assert(
      fc.property(plainValue, fc.boolean(), (value, views) => {
        let bytes: Uint8Array
        try {
          bytes = dagCbor.encode(value)
        } catch {
          return
        }
        const read = readCanonicalDagCbor(bytes, { views })
        if (read === undefined) expect(roundTrips(bytes)).toBe(false)
        else expect(read).toStrictEqual(dagCbor.decode(bytes))
      }),
      { numRuns: 2000 },
    )
    for (const record of Object.values(minimalRecords())) {
      const bytes = encodeState(record)
      expect(readCanonicalDagCbor(bytes)).toStrictEqual(dagCbor.decode(bytes))
    }
  })

  it('reads a "__proto__" key as an own field, byte strings as copies or views', () => {
    const bytes = hex('a2 61 61 43 01 02 03 69 5f 5f 70 72 6f 74 6f 5f 5f 01')
    const read = readCanonicalDagCbor(bytes) as Record<string, unknown>
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype)
    expect(Object.keys(read)).toEqual(['a', '__proto__'])
    expect(read).toStrictEqual(dagCbor.decode(bytes))
    expect((read.a as Uint8Array).buffer).not.toBe(bytes.buffer)
    const viewed = readCanonicalDagCbor(bytes, { views: true }) as { a: Uint8Array }
    expect(viewed.a.buffer).toBe(bytes.buffer)
    expect([...viewed.a]).toEqual([1, 2, 3])
  })

  it('says no to integers beyond the safe range, which dag-cbor decodes as bigints', () => {
    expect(readCanonicalDagCbor(hex('1b 00 1f ff ff ff ff ff ff'))).toBe(2 ** 53 - 1)
    expect(readCanonicalDagCbor(hex('1b 00 20 00 00 00 00 00 00'))).toBeUndefined()
    expect(readCanonicalDagCbor(hex('3b 00 1f ff ff ff ff ff fe'))).toBe(-(2 ** 53 - 1))
    expect(readCanonicalDagCbor(hex('3b 00 1f ff ff ff ff ff ff'))).toBeUndefined()
    expect(typeof dagCbor.decode(hex('3b 00 1f ff ff ff ff ff ff')) as unknown).toBe('bigint')
  })

  it('decodeState: a valid record in bytes of another key order is refused as not canonical', () => {
    const bytes = encodeState(minimalRecords().practice)
    const value = dagCbor.decode(bytes) as Record<string, unknown>
    const keys = Object.keys(value)
    expect(keys.length).toBeLessThan(24)
    // the top-level map by hand, its keys in reverse order: a map the encoder never writes
    const parts: Uint8Array[] = [Uint8Array.of(0xa0 + keys.length)]
    for (const key of keys.reverse()) parts.push(dagCbor.encode(key), dagCbor.encode(value[key]))
    const reversed = Uint8Array.from(Buffer.concat(parts))
    expect(dagCbor.decode(reversed)).toEqual(value)
    expect(isCanonicalDagCbor(reversed)).toBe(false)
    expect(() => decodeState(reversed)).toThrow(EncodingError)
    expect(() => decodeState(reversed)).toThrow(/canonical/)
    expect(decodeState(bytes)).toEqual(value)
  })
})
