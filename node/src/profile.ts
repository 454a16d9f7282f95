/**
 * The organisation's profile (its `organization` record) from `polder init` and the first
 * `polder start`: by flags (`--name --type --municipality --website --contact`) or, on a
 * terminal, by questions. Without one a node is "Naamloze organisatie" to everyone.
 */
import {
  MUNICIPALITIES,
  ORGANIZATION_TYPES,
  type PolderRecord,
  validateRecord,
} from '@polder/schema'
import { ConfigError } from './errors.js'

/** What the flags or the questions give; every field optional. */
export interface ProfileAnswers {
  readonly name?: string
  readonly type?: string
  readonly municipality?: string
  readonly website?: string
  readonly contact?: string
}

/** The record fields each answer fills, and the flag that gives it (for messages). */
const FLAGS: Record<string, string> = {
  title: '--name',
  orgType: '--type',
  places: '--municipality',
  website: '--website',
  contactEmail: '--contact',
}

export const TYPE_LIST = ORGANIZATION_TYPES.map((t) => `${t.code} (${t.label.nl} / ${t.label.en})`)
const TYPE_LIST_TEXT = TYPE_LIST.join(', ')

/** Whether any field was given. */
export const hasAnswers = (answers: ProfileAnswers): boolean =>
  Object.values(answers).some((value) => value !== undefined && value.trim() !== '')

/** An organisation type by code, Dutch or English label, or number in the list (1-based). */
export function orgTypeOf(answer: string): string | undefined {
  const text = answer.trim().toLowerCase()
  const index = Number(text)
  if (Number.isInteger(index) && index >= 1) return ORGANIZATION_TYPES[index - 1]?.code
  return ORGANIZATION_TYPES.find(
    (t) =>
      t.code === text || t.label.nl.toLowerCase() === text || t.label.en.toLowerCase() === text,
  )?.code
}

/**
 * A place from a municipality's CBS code or name (with its code and province), else a
 * place by name only (a district, a region).
 */
export function placeOf(answer: string): Record<string, string> {
  const text = answer.trim()
  const found = MUNICIPALITIES.find(
    (m) => m.code === text.toUpperCase() || m.name.toLowerCase() === text.toLowerCase(),
  )
  if (found !== undefined)
    return { name: found.name, country: 'NL', municipality: found.code, province: found.province }
  if (/^GM\d{4}$/i.test(text))
    return { name: text, country: 'NL', municipality: text.toUpperCase() }
  return { name: text, country: 'NL' }
}

/** The profile's fields from the answers; only what was answered. */
export function profileFields(answers: ProfileAnswers): Record<string, unknown> {
  const fields: Record<string, unknown> = {}
  const given = (value: string | undefined) =>
    value !== undefined && value.trim() !== '' ? value.trim() : undefined
  const name = given(answers.name)
  if (name !== undefined) fields.title = { nl: name }
  const type = given(answers.type)
  // an unknown type stays as given: checkProfile names it with the others
  if (type !== undefined) fields.orgType = orgTypeOf(type) ?? type
  const place = given(answers.municipality)
  if (place !== undefined) fields.places = [placeOf(place)]
  const website = given(answers.website)
  if (website !== undefined) fields.website = website
  const contact = given(answers.contact)
  if (contact !== undefined) fields.contactEmail = contact
  return fields
}

/** What a new profile cannot do without, in English and Dutch. */
const NEEDED: Record<string, string> = {
  title:
    '--name: a new profile needs the organisation’s name / een nieuw profiel heeft de naam van de organisatie nodig',
  orgType: `--type: a new profile needs the organisation’s type / een nieuw profiel heeft het type nodig; one of / een van: ${TYPE_LIST_TEXT}`,
}

/**
 * The new profile record (without its envelope) from the answers; a ConfigError naming
 * every wrong or missing flag and why when the record model refuses it.
 */
export function newProfile(answers: ProfileAnswers): Record<string, unknown> {
  const input = { kind: 'organization', languages: ['nl'], ...profileFields(answers) }
  checkProfile(input)
  return input
}

/** Refuses a profile the record model would refuse, naming every flag and why. */
export function checkProfile(record: Record<string, unknown>): void {
  // the envelope the store fills in, so that only the answers can be wrong
  const result = validateRecord({
    id: '01JD0000000000000000000000',
    schemaVersion: 1,
    author: 'did:key:z6MkqsmMgMovyYEBBRdcMs4kc6j3CKtxH1RRBv4B7XKiTPCZ',
    created: '2026-01-01T00:00:00.000Z',
    updated: '2026-01-01T00:00:00.000Z',
    version: 1,
    ...record,
  })
  if (result.ok) return
  const lines = new Set<string>()
  for (const p of result.problems) {
    const field = p.path.split('/')[1] ?? ''
    const needed = NEEDED[field]
    if (needed !== undefined && record[field] === undefined) lines.add(needed)
    else if (field === 'orgType')
      lines.add(
        `--type "${String(record.orgType)}": not an organisation type / geen organisatietype; one of / een van: ${TYPE_LIST_TEXT}`,
      )
    else lines.add(`${FLAGS[field] ?? (p.path || 'profile')}: ${p.message.en} / ${p.message.nl}`)
  }
  throw new ConfigError([...lines].join('; '))
}

/** The profile's name for a line of text. */
export const profileName = (record: PolderRecord): string =>
  record.title.nl ?? Object.values(record.title)[0] ?? ''
