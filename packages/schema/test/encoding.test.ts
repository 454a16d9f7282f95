import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decodeCanonical,
  decodeState,
  EncodingError,
  encodeCanonical,
  encodeState,
  LIMITS,
  RecordValidationError,
  retractRecord,
  validateRecord,
} from '../src/index.js'
import { practiceArbitrary } from './arbitraries.js'
import { AUTHOR, minimalRecords } from './helpers.js'

/** The same object with its keys, at every depth, in another order. */
function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, seed))
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value)
  const rotated = entries.map((_, i) => entries[(i + seed) % entries.length] as [string, unknown])
  return Object.fromEntries(rotated.reverse().map(([k, v]) => [k, shuffleKeys(v, seed)]))
}

describe('canonical encoding', () => {
  it('round-trips every kind: decode(encode(r)) equals r, and encodes to the same bytes again', () => {
    for (const record of Object.values(minimalRecords())) {
      const bytes = encodeState(record)
      const decoded = decodeState(bytes)
      expect(encodeState(decoded)).toEqual(bytes)
      const again = validateRecord(record)
      expect(again.ok && again.value).toEqual(decoded)
    }
  })

  it('round-trips tombstones', () => {
    const record = validateRecord(minimalRecords().practice)
    if (!record.ok) throw new Error('fixture invalid')
    const tombstone = retractRecord(record.value, { en: 'Withdrawn by the author' })
    expect(decodeState(encodeState(tombstone))).toEqual(tombstone)
  })

  it('property: any valid record round-trips through its canonical bytes', () => {
    fc.assert(
      fc.property(practiceArbitrary(AUTHOR), (input) => {
        const result = validateRecord(input)
        if (!result.ok) throw new Error(JSON.stringify(result.problems))
        const decoded = decodeState(result.bytes)
        expect(decoded).toEqual(result.value)
        expect(encodeState(decoded)).toEqual(result.bytes)
      }),
      { numRuns: 300 },
    )
  })

  it('property: key order does not change the bytes', () => {
    fc.assert(
      fc.property(practiceArbitrary(AUTHOR), fc.integer({ min: 1, max: 7 }), (input, seed) => {
        expect(encodeState(shuffleKeys(input, seed))).toEqual(encodeState(input))
      }),
      { numRuns: 200 },
    )
  })

  it('property: bytes that are not a valid record are refused with a named error, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        try {
          decodeState(bytes)
          return false
        } catch (err) {
          return err instanceof EncodingError || err instanceof RecordValidationError
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('property: a corrupted byte of a valid encoding never yields a different valid record silently', () => {
    fc.assert(
      fc.property(
        practiceArbitrary(AUTHOR),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (input, at, flip) => {
          const bytes = encodeState(input)
          const corrupt = bytes.slice()
          const index = at % corrupt.length
          corrupt[index] = (corrupt[index] as number) ^ flip
          try {
            const decoded = decodeState(corrupt)
            // a flip inside a string can still be a valid record, but then it is canonical
            // and differs from the original: never the same bytes meaning two things
            expect(encodeState(decoded)).toEqual(corrupt)
          } catch (err) {
            expect(err instanceof EncodingError || err instanceof RecordValidationError).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('treats -0 as 0, as the encoding does, so a value equals its decoded self', () => {
    const input = {
      ...minimalRecords().practice,
      outcomes: [{ dimension: 'social', description: { nl: 'x' }, value: -0 }],
    }
    const result = validateRecord(input)
    expect(
      result.ok &&
        Object.is(result.value.kind === 'practice' && result.value.outcomes[0]?.value, 0),
    ).toBe(true)
    expect(decodeState(encodeState(input))).toEqual(result.ok && result.value)
  })

  it('refuses non-canonical bytes of a valid record (defaults left out)', () => {
    const bare = minimalRecords().practice
    const nonCanonical = encodeCanonical(bare) // no license, tags, … filled in
    expect(() => decodeState(nonCanonical)).toThrow(/canonical/)
  })

  it('refuses oversized input before decoding it', () => {
    const huge = new Uint8Array(LIMITS.recordBytes + 1)
    expect(() => decodeCanonical(huge)).toThrow(EncodingError)
    expect(() => decodeState(huge)).toThrow(/limit/)
    expect(() => encodeCanonical({ text: 'x'.repeat(LIMITS.recordBytes) })).toThrow(EncodingError)
  })

  it('property: records past the size limit are refused, within it accepted', () => {
    const base = minimalRecords().practice
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 95_000 }),
        fc.integer({ min: 1, max: 4 }),
        (size, parts) => {
          const body = Object.fromEntries(
            ['nl', 'en', 'de', 'fy'].slice(0, parts).map((lang) => [lang, 'a'.repeat(size)]),
          )
          const result = validateRecord({ ...base, body })
          const encodedSize = encodeCanonical(
            { ...base, body },
            Number.POSITIVE_INFINITY,
          ).byteLength
          // defaults add a few dozen bytes: far from the boundary the answer is certain
          if (encodedSize + 200 < LIMITS.recordBytes) expect(result.ok).toBe(true)
          if (encodedSize > LIMITS.recordBytes) expect(result.ok).toBe(false)
        },
      ),
      { numRuns: 60 },
    )
  })
})
