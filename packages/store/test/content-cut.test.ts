import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { encodeCanonical, type RecordState, validateRecord } from '@polder/schema'
import { CID } from 'multiformats/cid'
import { describe, expect, it } from 'vitest'
import { withoutFields } from '../src/content-cut.js'
import { contentKey } from '../src/own-content.js'

const IDENTITY = new Set(['id', 'author', 'created', 'updated', 'version', 'schemaVersion'])
const FIXTURES = fileURLToPath(new URL('../../schema/fixtures/records/', import.meta.url))

/** Every record of the record model's fixtures, validated: each state with its canonical bytes. */
function fixtures(): { state: RecordState; bytes: Uint8Array }[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => JSON.parse(readFileSync(`${FIXTURES}${file}`, 'utf8')) as unknown[])
    .map((raw) => {
      const result = validateRecord(raw)
      if (!result.ok) throw new Error('a fixture is invalid')
      return { state: result.value, bytes: result.bytes }
    })
}

/** The map without the identity fields, encoded on its own: what the cut must equal. */
function encodedContent(value: Record<string, unknown>): Buffer {
  return Buffer.from(
    encodeCanonical(
      Object.fromEntries(Object.entries(value).filter(([key]) => !IDENTITY.has(key))),
      Number.POSITIVE_INFINITY,
    ),
  )
}

/** Bytes as one type, whatever typed array holds them. */
const bytesOf = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

describe('a record’s content cut from its canonical bytes', () => {
  it('gives the bytes of the map without those fields, for every kind of the fixtures', () => {
    const all = fixtures()
    expect(new Set(all.map(({ state }) => state.kind)).size).toBeGreaterThan(5)
    for (const { state, bytes } of all) {
      expect(bytesOf(withoutFields(bytes, IDENTITY))).toEqual(encodedContent(state))
      // the same key as from the state alone (a copy: the key is remembered per object)
      expect(contentKey(state, bytes)).toBe(contentKey(structuredClone(state)))
    }
  })

  it('walks every head width, nested lists and maps, floats, bytes and CIDs', () => {
    const value = {
      id: 'x',
      a: 'é'.repeat(300),
      b: [1, -1, 23, 24, 255, 256, 65_535, 65_536, 2 ** 32, -(2 ** 40), 1.5, -0.25, 1e300],
      c: { nested: [{ deep: [true, false, null] }], id: 'content, not identity' },
      d: new Uint8Array(300),
      cid: CID.parse('bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'),
      e: Array.from({ length: 30 }, (_, i) => ({ [`k${i}`]: i })),
      version: 3,
    }
    const bytes = encodeCanonical(value, Number.POSITIVE_INFINITY)
    expect(bytesOf(withoutFields(bytes, IDENTITY))).toEqual(encodedContent(value))
    // 24 fields and more take a longer map head
    const wide = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`field${i}`, i]))
    const wideBytes = encodeCanonical({ ...wide, id: 'x' }, Number.POSITIVE_INFINITY)
    expect(bytesOf(withoutFields(wideBytes, IDENTITY))).toEqual(encodedContent(wide))
  })

  it('gives up on bytes that are not one whole canonical map', () => {
    const bytes = encodeCanonical({ id: 'x', title: 'y' })
    expect(withoutFields(bytes.subarray(0, bytes.length - 1), IDENTITY)).toBeUndefined()
    expect(withoutFields(new Uint8Array([...bytes, 0]), IDENTITY)).toBeUndefined()
    expect(withoutFields(encodeCanonical(['id']), IDENTITY)).toBeUndefined()
    expect(withoutFields(new Uint8Array(), IDENTITY)).toBeUndefined()
    expect(withoutFields(new Uint8Array([0xbf, 0xff]), IDENTITY)).toBeUndefined() // indefinite
  })
})
