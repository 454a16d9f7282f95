/**
 * A record as the index sees it: the text of each FTS column, split by language, and its
 * facets and sort keys. Dutch text is indexed once, as Dutch stems; other languages once,
 * as written (FTS5's porter stems English). Names, tags and places, which have no
 * language, are indexed once, with the Dutch stems: every query term is also searched by
 * its Dutch stem as a prefix, so both "fiets" and "fietsen" find the tag "fietsen", and
 * "Zwolle" finds the place. Indexing them twice would count them twice in BM25.
 */
import {
  BARRIERS,
  type LangMap,
  type Money,
  type PolderRecord,
  THEMES,
  toMinorUnits,
} from '@polder/schema'
import { dutchStem } from './dutch-stem.js'
import { facetsOf, type StoredFacet } from './facets.js'
import { words } from './tokenize.js'

/** The FTS columns of one version, in the order of `COLUMNS` without `org`. */
export interface IndexedText {
  readonly title: string
  readonly summary: string
  readonly body: string
  readonly titleNl: string
  readonly summaryNl: string
  readonly bodyNl: string
}

export interface IndexedDoc {
  readonly text: IndexedText
  readonly facets: [StoredFacet, string][]
  readonly budget: bigint | undefined
  readonly currency: string | undefined
}

const THEME_LABELS = new Map<string, LangMap>(THEMES.map((t) => [t.code, t.label]))
const BARRIER_LABELS = new Map<string, LangMap>(BARRIERS.map((b) => [b.code, b.label]))

/** Dutch is `nl` and its regional tags (`nl-BE`). */
export const isDutch = (language: string): boolean =>
  language === 'nl' || language.startsWith('nl-')

/** Dutch stems of a text, as space-separated words. */
export const stems = (text: string): string => words(text).map(dutchStem).join(' ')

/** Texts gathered per language group: Dutch, every other language. */
export class Split {
  readonly nl: string[] = []
  readonly other: string[] = []

  /** Adds every language of a text to its group. */
  lang(...maps: (LangMap | undefined)[]): this {
    for (const map of maps) {
      if (map === undefined) continue
      for (const [language, text] of Object.entries(map)) {
        ;(isDutch(language) ? this.nl : this.other).push(text)
      }
    }
    return this
  }

  /** Adds text without a language (names, tags, places). */
  neutral(...texts: (string | undefined)[]): this {
    for (const text of texts) if (text !== undefined) this.nl.push(text)
    return this
  }
}

/** A version's text per column group, each split into Dutch and every other language. */
export interface DocTexts {
  readonly title: Split
  readonly summary: Split
  readonly body: Split
}

/** Where each field of a record goes: its title, summary (with labels, tags, places) or body. */
export function docTexts(record: PolderRecord): DocTexts {
  const title = new Split().lang(record.title)
  const summary = new Split()
    .lang(record.summary, 'abstract' in record ? record.abstract : undefined)
    .lang(...record.themes.map((theme) => THEME_LABELS.get(theme)))
    .neutral(...record.tags, ...record.places.map((place) => place.name))
  const body = new Split().lang(record.body)
  if ('worked' in record) body.lang(record.worked, record.didNotWork, record.recommendations)
  if ('adaptations' in record) body.lang(record.adaptations)
  if ('facilities' in record) body.lang(record.facilities, record.regulatoryRoom?.description)
  if ('outcomes' in record) body.lang(...record.outcomes.map((o) => o.description))
  if ('datasets' in record) {
    for (const dataset of record.datasets) body.lang(dataset.title, dataset.description)
  }
  if ('barriers' in record) {
    for (const note of record.barriers)
      body.lang(BARRIER_LABELS.get(note.barrier), note.description)
  }
  if ('partners' in record) body.neutral(...record.partners.map((p) => p.name))
  if ('funding' in record) body.neutral(...record.funding.map((f) => f.funder))
  if ('programme' in record) body.neutral(record.programme)
  if ('researchers' in record) body.neutral(...record.researchers.map((r) => r.name))
  return { title, summary, body }
}

/** What the index stores of a live record, in every language it has. */
export function indexedDoc(record: PolderRecord): IndexedDoc {
  const { title, summary, body } = docTexts(record)
  const budget = 'budget' in record ? record.budget : undefined
  return {
    text: {
      title: title.other.join('\n'),
      summary: summary.other.join('\n'),
      body: body.other.join('\n'),
      titleNl: stems(title.nl.join(' ')),
      summaryNl: stems(summary.nl.join(' ')),
      bodyNl: stems(body.nl.join(' ')),
    },
    facets: facetsOf(record),
    budget: minorUnits(budget),
    currency: budget?.currency,
  }
}

function minorUnits(money: Money | undefined): bigint | undefined {
  if (money === undefined) return undefined
  try {
    return toMinorUnits(money)
  } catch {
    return undefined // a malformed amount cannot be ranged; the record is still found by text
  }
}
