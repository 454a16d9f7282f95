/** fast-check arbitraries of valid records, for property-based tests. */
import fc from 'fast-check'
import { createRecordId, type Did, MUNICIPALITIES, THEMES } from '../src/index.js'

const LANGS = ['nl', 'en', 'fy', 'de', 'en-GB'] as const

/** Non-blank text without surrounding whitespace (validation trims). */
const text = (max: number) =>
  fc
    .string({ minLength: 1, maxLength: max, unit: 'grapheme' })
    .map((value) => value.trim())
    .filter((value) => value.length > 0)

const langMap = (max: number) =>
  fc
    .uniqueArray(fc.constantFrom(...LANGS), { minLength: 1, maxLength: 3 })
    .chain((langs) => fc.tuple(...langs.map((lang) => text(max).map((t) => [lang, t] as const))))
    .map((entries) => Object.fromEntries(entries))

const money = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 99 }))
  .map(([whole, cents]) => ({
    amount: `${whole}.${String(cents).padStart(2, '0')}`,
    currency: 'EUR',
  }))

const place = fc.record(
  {
    name: text(50),
    country: fc.constant('NL'),
    municipality: fc.constantFrom(...MUNICIPALITIES.map((m) => m.code)),
    point: fc.record({
      lat: fc.double({ min: 50, max: 54, noNaN: true }),
      lon: fc.double({ min: 3, max: 7.5, noNaN: true }),
    }),
  },
  { requiredKeys: ['name', 'country'] },
)

const isoDate = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2040-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString())

/** A valid practice by `author`, with arbitrary texts, places, tags, budget and outcomes. */
export function practiceArbitrary(author: Did) {
  return fc
    .record({
      created: isoDate,
      version: fc.integer({ min: 1, max: 1000 }),
      title: langMap(300),
      summary: langMap(2000),
      body: langMap(5000),
      tags: fc.array(text(40), { maxLength: 10 }),
      themes: fc.uniqueArray(fc.constantFrom(...THEMES.map((t) => t.code)), { maxLength: 5 }),
      places: fc.array(place, { maxLength: 4 }),
      status: fc.constantFrom('idea', 'pilot', 'scaled', 'ended'),
      budget: money,
      outcomes: fc.array(
        fc.record({
          dimension: fc.constantFrom('social', 'ecological', 'economic'),
          description: langMap(200),
          value: fc.double({ noNaN: true, noDefaultInfinity: true }),
        }),
        { maxLength: 3 },
      ),
    })
    .map((fields) => ({
      ...fields,
      kind: 'practice',
      id: createRecordId(Date.parse(fields.created)),
      schemaVersion: 1,
      author,
      updated: fields.created,
      languages: Object.keys(fields.title),
    }))
}
