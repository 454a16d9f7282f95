/**
 * The values a facet filter may take, for facets with a controlled vocabulary: a code, or
 * a label (Dutch or English, any case) that names exactly one code ("Utrecht" is PV26 as
 * a province, GM0344 as a municipality). Region facets also take any well-formed CBS code,
 * so records with a code of a newer vocabulary can still be found.
 */
import {
  BARRIERS,
  FUNDING_SOURCES,
  type Label,
  type Message,
  MUNICIPALITIES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  PROVINCES,
  QUESTION_STATUSES,
  RECORD_KINDS,
  SDGS,
  THEMES,
} from '@polder/schema'
import type { FacetName } from './facets.js'

interface FacetVocabulary {
  readonly terms: readonly { readonly code: string; readonly label: Label }[]
  /** Codes outside the list that are still accepted (a newer vocabulary's). */
  readonly pattern?: RegExp
  /** Too many to list in a message: only the terms whose label contains the value. */
  readonly long?: boolean
}

const region = (r: { code: string; name: string }) => ({
  code: r.code,
  label: { nl: r.name, en: r.name },
})

const VOCABULARIES: Partial<Record<FacetName, FacetVocabulary>> = {
  kind: { terms: RECORD_KINDS },
  theme: { terms: THEMES },
  orgType: { terms: ORGANIZATION_TYPES },
  // practices, initiatives and labs share one list; knowledge questions have their own
  status: { terms: [...PRACTICE_STATUSES, ...QUESTION_STATUSES] },
  funding: { terms: FUNDING_SOURCES },
  barrier: { terms: BARRIERS },
  sdg: { terms: SDGS.map((s) => ({ code: String(s.number), label: s.label })) },
  province: { terms: PROVINCES.map(region), pattern: /^PV[0-9]{2}$/ },
  municipality: { terms: MUNICIPALITIES.map(region), pattern: /^GM[0-9]{4}$/, long: true },
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()

/** The code a filter value stands for, or undefined when it names none (or several). */
export function facetCode(facet: FacetName, value: string | number): string | number | undefined {
  const vocabulary = VOCABULARIES[facet]
  if (vocabulary === undefined) return value
  const text = String(value)
  if (vocabulary.terms.some((term) => term.code === text))
    return facet === 'sdg' ? Number(text) : text
  if (vocabulary.pattern?.test(text)) return text
  const wanted = fold(text)
  const matches = vocabulary.terms.filter(
    (term) => fold(term.label.nl) === wanted || fold(term.label.en) === wanted,
  )
  const match = matches.length === 1 ? matches[0] : undefined
  if (match === undefined) return undefined
  return facet === 'sdg' ? Number(match.code) : match.code
}

/** What a facet takes, for a message: its codes with their labels, in both languages. */
export function facetChoices(facet: FacetName, value: string | number): Message | undefined {
  const vocabulary = VOCABULARIES[facet]
  if (vocabulary === undefined) return undefined
  let terms = vocabulary.terms
  if (vocabulary.long === true) {
    const wanted = fold(String(value))
    const near = terms.filter(
      (t) =>
        wanted.length > 0 &&
        (fold(t.label.nl).includes(wanted) || wanted.includes(fold(t.label.nl))),
    )
    const example = terms[0]
    if (near.length === 0 || near.length > 12) {
      const sample = example === undefined ? '' : ` (${example.code} ${example.label.nl})`
      return {
        en: `a CBS code${sample} or a name of the list at /v1/vocabularies`,
        nl: `een CBS-code${sample} of een naam uit de lijst op /v1/vocabularies`,
      }
    }
    terms = near
  }
  const list = (language: keyof Label) =>
    terms.map((t) => `${t.code} (${t.label[language]})`).join(', ')
  return { en: `one of ${list('en')}`, nl: `een van ${list('nl')}` }
}
