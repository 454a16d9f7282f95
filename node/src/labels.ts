/**
 * Words for what the API answers with codes: theme and kind labels from the record
 * model's vocabularies, organisation names from the node's directory, sizes, counts.
 */
import type { ApiClient } from '@polder/api'
import {
  FUNDING_SOURCES,
  MUNICIPALITIES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  PROVINCES,
  QUESTION_STATUSES,
  RECORD_KINDS,
  SDGS,
  STANDARDS,
  THEMES,
} from '@polder/schema'

export type Lang = 'nl' | 'en'

const THEME_LABELS = new Map(THEMES.map((theme) => [theme.code as string, theme.label]))
const KIND_LABELS = new Map(RECORD_KINDS.map((kind) => [kind.code as string, kind.label]))

/** A theme's label, or its code when this version of the vocabulary lacks it. */
export const themeLabel = (code: string, lang: Lang): string =>
  THEME_LABELS.get(code)?.[lang] ?? code

/** A record kind's label. */
export const kindLabel = (code: string, lang: Lang): string => KIND_LABELS.get(code)?.[lang] ?? code

/** "1 peer", "2 peers". */
export const count = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`

/** Bytes as a person reads them: "812 B", "1.6 MB". */
export function size(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** Names of the organisations the node knows of, by DID (those without a profile lack one). */
export async function orgNames(api: ApiClient, lang: Lang): Promise<Map<string, string>> {
  const { organizations } = await api.listOrgs()
  const names = new Map<string, string>()
  for (const org of organizations) {
    const name =
      org.name?.[lang] ?? (org.name === undefined ? undefined : Object.values(org.name)[0])
    if (name !== undefined) names.set(org.did, name)
  }
  return names
}

/** An organisation for a line of text: its name, else its DID. */
export const orgLabel = (names: ReadonlyMap<string, string>, did: string): string =>
  names.get(did) ?? did

/** Labels of the values of an overview's groupings, by dimension. */
const DIMENSION_LABELS: Record<string, ReadonlyMap<string, Readonly<Record<Lang, string>>>> = {
  kind: KIND_LABELS,
  theme: THEME_LABELS,
  sdg: new Map(SDGS.map((sdg) => [String(sdg.number), sdg.label])),
  province: new Map(PROVINCES.map((p) => [p.code, { nl: p.name, en: p.name }])),
  municipality: new Map(MUNICIPALITIES.map((m) => [m.code, { nl: m.name, en: m.name }])),
  funding: new Map(FUNDING_SOURCES.map((term) => [term.code as string, term.label])),
  status: new Map(
    [...PRACTICE_STATUSES, ...QUESTION_STATUSES].map((term) => [term.code as string, term.label]),
  ),
  standard: new Map(STANDARDS.map((standard) => [standard.code as string, standard.label])),
  orgType: new Map(ORGANIZATION_TYPES.map((term) => [term.code as string, term.label])),
}

/** A value of an overview grouping in words (a province's name for `PV23`), else the value. */
export const dimensionLabel = (dimension: string, value: string, lang: Lang): string =>
  DIMENSION_LABELS[dimension]?.get(value)?.[lang] ?? value

/** Money as people read it in the language: "€ 480.000" in Dutch, "€480,000" in English. */
export function money(amount: string, currency: string, lang: Lang): string {
  const format = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  })
  // a decimal string keeps every digit of a large sum
  return format.format(amount as `${number}`)
}
