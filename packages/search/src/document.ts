/** A record as the index stores it: the text of each column, its facets and sort keys. */
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

export interface IndexedText {
  readonly title: string
  readonly summary: string
  readonly body: string
  readonly meta: string
  readonly titleNl: string
  readonly textNl: string
}

export interface IndexedDoc {
  readonly text: IndexedText
  readonly facets: [StoredFacet, string][]
  readonly budget: bigint | undefined
  readonly currency: string | undefined
}

const THEME_LABELS = new Map<string, LangMap>(THEMES.map((t) => [t.code, t.label]))
const BARRIER_LABELS = new Map<string, LangMap>(BARRIERS.map((b) => [b.code, b.label]))

const all = (...maps: (LangMap | undefined)[]): string[] =>
  maps.flatMap((map) => (map === undefined ? [] : Object.values(map)))

/** Dutch stems of a text, as space-separated words for the `*_nl` columns. */
export const stems = (text: string): string => words(text).map(dutchStem).join(' ')

/** What the index stores of a live record, in every language it has. */
export function indexedDoc(record: PolderRecord): IndexedDoc {
  const summary = [
    ...all(record.summary),
    ...all('abstract' in record ? record.abstract : undefined),
  ]
  const body = [
    ...all(record.body),
    ...('worked' in record ? all(record.worked, record.didNotWork, record.recommendations) : []),
    ...('adaptations' in record ? all(record.adaptations) : []),
    ...('facilities' in record ? all(record.facilities, record.regulatoryRoom?.description) : []),
    ...('outcomes' in record ? record.outcomes.flatMap((o) => all(o.description)) : []),
    ...('datasets' in record ? record.datasets.flatMap((d) => all(d.title, d.description)) : []),
  ]
  const barriers =
    'barriers' in record
      ? record.barriers.flatMap((b) => [
          ...all(BARRIER_LABELS.get(b.barrier)),
          ...all(b.description),
        ])
      : []
  const meta = [
    ...record.tags,
    ...record.places.map((place) => place.name),
    ...record.themes.flatMap((theme) => all(THEME_LABELS.get(theme))),
    ...barriers,
    ...('partners' in record ? record.partners.map((p) => p.name) : []),
    ...('funding' in record ? record.funding.flatMap((f) => (f.funder ? [f.funder] : [])) : []),
    ...('programme' in record && record.programme ? [record.programme] : []),
    ...('researchers' in record ? record.researchers.map((r) => r.name) : []),
  ]
  const title = all(record.title).join('\n')
  const text = {
    title,
    summary: summary.join('\n'),
    body: body.join('\n'),
    meta: meta.join('\n'),
  }
  const budget = 'budget' in record ? record.budget : undefined
  return {
    text: {
      ...text,
      titleNl: stems(title),
      textNl: stems(`${text.summary} ${text.body} ${text.meta}`),
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
