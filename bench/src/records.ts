/** Records that look like the fixtures: bilingual, with places, themes and a budget. */
import { readdirSync, readFileSync } from 'node:fs'
import type { NewRecord, PolderRecord } from '@polder/schema'

const THEMES = [
  'mobility',
  'energy-climate',
  'climate-adaptation',
  'data-standards',
  'circular-economy',
] as const
const PLACES = [
  { name: 'Zwolle', country: 'NL', municipality: 'GM0193', province: 'PV23' },
  { name: 'Eindhoven', country: 'NL', municipality: 'GM0772', province: 'PV30' },
  { name: 'Groningen', country: 'NL', municipality: 'GM0014', province: 'PV20' },
]

export function practice(n: number): NewRecord {
  return {
    kind: 'practice',
    languages: ['nl', 'en'],
    title: { nl: `Slimme lantaarnpalen in wijk ${n}`, en: `Smart street lights in district ${n}` },
    summary: {
      nl: 'Dimbare LED-verlichting met bewegingssensoren bespaart energie en houdt straten veilig.',
      en: 'Dimmable LED lighting with motion sensors saves energy and keeps streets safe.',
    },
    status: 'pilot',
    themes: [THEMES[n % THEMES.length] as (typeof THEMES)[number]],
    tags: ['verlichting', 'sensoren'],
    places: [PLACES[n % PLACES.length] as (typeof PLACES)[number]],
    budget: { amount: `${100_000 + (n % 50) * 1_000}.00`, currency: 'EUR' },
    funding: [
      {
        source: 'municipal',
        funder: 'Gemeente',
        contribution: { amount: '50000.00', currency: 'EUR' },
      },
    ],
  }
}

const FIXTURE_DIR = new URL('../../packages/schema/fixtures/records/', import.meta.url)

interface FixtureText {
  readonly title: Record<string, string>
  readonly summary: Record<string, string>
}

export interface FixtureTexts {
  readonly texts: readonly FixtureText[]
  readonly vocabulary: { readonly nl: readonly string[]; readonly en: readonly string[] }
}

/** Titles and summaries of the fixtures, and the words of all their text per language. */
export function fixtureTexts(): FixtureTexts {
  const records = readdirSync(FIXTURE_DIR).flatMap(
    (file) => JSON.parse(readFileSync(new URL(file, FIXTURE_DIR), 'utf8')) as PolderRecord[],
  )
  const texts = records
    .filter((r) => r.summary !== undefined)
    .map((r) => ({ title: { ...r.title }, summary: { ...(r.summary ?? {}) } }))
  const wordsOf = (lang: 'nl' | 'en') => [
    ...new Set(
      records.flatMap((r) =>
        [r.title[lang], r.summary?.[lang], r.body?.[lang]]
          .join(' ')
          .split(/[^\p{L}\p{N}-]+/u)
          .filter((w) => w.length >= 4),
      ),
    ),
  ]
  return { texts, vocabulary: { nl: wordsOf('nl'), en: wordsOf('en') } }
}

/** A small seeded generator (mulberry32), so every run makes the same corpus. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * A practice with a varied text: every 7th keeps the `practice(n)` street-lights text (a
 * large but not universal cluster); the others take a random fixture title, another
 * fixture's summary, tags and a few random words of the fixtures' vocabulary. A word of a
 * query then matches a few hundred to a few tens of thousands of records, as in a real
 * commons, rather than every record.
 */
export function variedPractice(n: number, { texts, vocabulary }: FixtureTexts): NewRecord {
  const base = practice(n)
  const next = random(n + 1)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T
  const words = (lang: 'nl' | 'en', k: number) =>
    Array.from({ length: k }, () => pick(vocabulary[lang])).join(' ')
  const a = pick(texts)
  const b = pick(texts)
  const varied = n % 7 !== 0
  return {
    ...base,
    title: varied
      ? { nl: `${a.title.nl} ${words('nl', 2)} ${n}`, en: `${a.title.en} ${words('en', 2)} ${n}` }
      : base.title,
    summary: varied
      ? { nl: `${b.summary.nl} ${words('nl', 8)}`, en: `${b.summary.en} ${words('en', 8)}` }
      : base.summary,
    tags: varied ? [words('nl', 1), words('en', 1)] : base.tags,
    startDate: `${2018 + (n % 8)}-03-01`,
  } as NewRecord
}
