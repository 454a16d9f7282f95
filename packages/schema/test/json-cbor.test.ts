/**
 * The fast encoder of plain JSON values writes exactly what `@ipld/dag-cbor` writes (record
 * hashes and signatures depend on every byte), and leaves everything else to it.
 */
import * as dagCbor from '@ipld/dag-cbor'
import fc from 'fast-check'
import { CID } from 'multiformats/cid'
import { describe, expect, it } from 'vitest'
import { validateRecord } from '../src/index.js'
import { encodeJsonCbor } from '../src/json-cbor.js'
import { practiceArbitrary } from './arbitraries.js'
import { fixtureRecords } from './fixtures.js'
import { AUTHOR, minimalRecords } from './helpers.js'

const same = (value: unknown) => {
  const fast = encodeJsonCbor(value)
  // a plain Uint8Array, as dag-cbor's (a Buffer would serialise and compare differently)
  expect(Object.getPrototypeOf(fast)).toBe(Uint8Array.prototype)
  expect(Buffer.from(fast as Uint8Array).toString('hex')).toBe(
    Buffer.from(dagCbor.encode(value)).toString('hex'),
  )
}

/** JSON values with the corners of the encoding: every integer width, floats, text. */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: 'grapheme', maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
    fc.maxSafeInteger(),
    fc.constantFrom(0, -0, 23, 24, 255, 256, 65_535, 65_536, 2 ** 32 - 1, 2 ** 32, -24, -25),
    fc.constantFrom(-257, -65_537, 2 ** 53, -(2 ** 53), 1e21, 0.1, -1.5, 5e-324),
    // lone surrogates: written as U+FFFD by both (validation refuses them in records)
    fc.constantFrom('\uD800', 'a\uDC00b', `${'x'.repeat(70)}\uDBFF`),
    // text whose UTF-8 needs a longer head than its length would (written, then moved)
    fc.constantFrom(...[11, 12, 20, 100, 127, 128, 200, 32_767, 32_768].map((n) => 'é'.repeat(n))),
    fc.constantFrom(...[23, 24, 31, 32, 255, 256, 65_535, 65_536].map((n) => 'x'.repeat(n))),
    fc.constantFrom('😀'.repeat(6), `${'x'.repeat(40)}😀`, `ab${'€'.repeat(90)}`),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 30 }),
    fc.dictionary(fc.string({ maxLength: 30 }), tie('value'), {
      maxKeys: 30,
      noNullPrototype: true,
    }),
  ),
})).value

describe('DAG-CBOR of plain JSON values', () => {
  it('writes the bytes dag-cbor writes for every fixture and every kind', () => {
    for (const { record } of fixtureRecords()) {
      const result = validateRecord(record)
      same(result.ok ? result.value : record)
    }
    for (const record of Object.values(minimalRecords())) same(record)
  })

  it('property: the same bytes as dag-cbor for any valid record', () => {
    fc.assert(
      fc.property(practiceArbitrary(AUTHOR), (input) => {
        const result = validateRecord(input)
        if (result.ok) same(result.value)
      }),
      { numRuns: 200 },
    )
  })

  it('property: the same bytes as dag-cbor for any JSON value with ASCII keys', () => {
    const asciiKeys = (value: unknown): boolean =>
      Array.isArray(value)
        ? value.every(asciiKeys)
        : value === null || typeof value !== 'object'
          ? true
          : Object.entries(value).every(
              ([key, field]) => /^[\x20-\x7e]*$/.test(key) && key !== '/' && asciiKeys(field),
            )
    fc.assert(
      fc.property(jsonValue, (value) => {
        if (asciiKeys(value)) same(value)
      }),
      { numRuns: 1_000 },
    )
  })

  it('leaves to dag-cbor what is not plain JSON or sorts by bytes', () => {
    const cid = CID.parse('bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy')
    for (const value of [
      { a: undefined },
      [1, undefined],
      Number.NaN,
      Number.POSITIVE_INFINITY,
      new Uint8Array([1, 2]),
      { link: cid },
      { '/': 'x' },
      Object.create(null),
      { é: 1, e: 2 },
      new Map([['a', 1]]),
      10n,
    ]) {
      expect(encodeJsonCbor(value)).toBeUndefined()
    }
  })

  it('encodes values larger than its first buffer, and small ones after them', () => {
    const large = { text: 'x'.repeat(100_000), list: Array.from({ length: 5_000 }, (_, i) => i) }
    same(large)
    same({ small: 'één' })
  })
})
