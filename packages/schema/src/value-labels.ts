/**
 * Labels of the values of the controlled vocabularies, so that a message listing the
 * allowed values can name each in the reader's language ("pilot (Pilot)", "scaled
 * (Opgeschaald)") instead of bare codes.
 */
import type { Message } from './problems.js'
import {
  BARRIERS,
  FUNDING_SOURCES,
  IMPACT_DIMENSIONS,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  RECORD_KINDS,
  RELATION_TYPES,
} from './vocabularies/lists.js'
import { PROVINCES } from './vocabularies/regions.js'
import { THEMES } from './vocabularies/themes.js'
import type { Label } from './vocabularies/vocabulary.js'

const VOCABULARIES: readonly (readonly { readonly code: string; readonly label: Label }[])[] = [
  RECORD_KINDS,
  THEMES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  BARRIERS,
  IMPACT_DIMENSIONS,
  FUNDING_SOURCES,
  RELATION_TYPES,
  PROVINCES.map((p) => ({ code: p.code, label: { nl: p.name, en: p.name } })),
]

/** The labels of `codes` when they are exactly the codes of one vocabulary. */
function labelsOf(codes: readonly string[]): Map<string, Label> | undefined {
  const wanted = new Set(codes)
  for (const vocabulary of VOCABULARIES) {
    if (vocabulary.length !== wanted.size) continue
    if (vocabulary.every((term) => wanted.has(term.code))) {
      return new Map(vocabulary.map((term) => [term.code, term.label]))
    }
  }
  return undefined
}

/** `a (label), b (label)` in each language; plain JSON values when they have no labels. */
export function listValues(values: readonly unknown[]): Message {
  const codes = values.filter((value): value is string => typeof value === 'string')
  const labels = codes.length === values.length ? labelsOf(codes) : undefined
  const list = (language: keyof Label) =>
    values
      .map((value) => {
        const label = typeof value === 'string' ? labels?.get(value) : undefined
        return label === undefined ? JSON.stringify(value) : `${value} (${label[language]})`
      })
      .join(', ')
  return { en: list('en'), nl: list('nl') }
}
