/**
 * Publish and edit forms from the node's JSON Schemas (`GET /v1/schema/:kind`): the
 * schema becomes a tree of field templates, the form's value is the record itself, and
 * the node's validation problems (JSON Pointers) are placed at the field they name.
 */
import type { Problem } from '@polder/schema'

/** The subset of JSON Schema the record schemas use. */
export interface JsonSchema {
  readonly type?: string
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: readonly string[]
  readonly items?: JsonSchema
  readonly enum?: readonly (string | number)[]
  readonly const?: unknown
  readonly format?: string
  readonly maxLength?: number
  readonly minItems?: number
  readonly maxItems?: number
  readonly minimum?: number
  readonly maximum?: number
  readonly default?: unknown
  readonly propertyNames?: JsonSchema
  readonly additionalProperties?: boolean | JsonSchema
}

interface Base {
  readonly name: string
  readonly required: boolean
}

export type Field =
  | (Base & { readonly type: 'text'; readonly input: TextInput; readonly maxLength?: number })
  | (Base & { readonly type: 'langText'; readonly multiline: boolean; readonly maxLength?: number })
  | (Base & {
      readonly type: 'select'
      readonly options: readonly string[]
      readonly source: Source
    })
  | (Base & { readonly type: 'multiSelect'; readonly options: readonly string[] })
  | (Base & { readonly type: 'number'; readonly integer: boolean })
  | (Base & { readonly type: 'boolean' })
  | (Base & { readonly type: 'stringList' })
  | (Base & { readonly type: 'languages' })
  | (Base & { readonly type: 'group'; readonly fields: readonly Field[] })
  | (Base & { readonly type: 'repeat'; readonly item: Field; readonly max?: number })

export type TextInput = 'text' | 'date' | 'url' | 'email' | 'amount' | 'currency'
/** Where a select's options and labels come from. */
export type Source = 'enum' | 'municipality' | 'province'

/** Set by the node when it writes a record, never by the form. */
export const IDENTITY_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'schemaVersion',
  'author',
  'created',
  'updated',
  'version',
  'kind',
])

/** The envelope's descriptive fields lead; then the kind's own fields; then the rest. */
const LEADING = ['languages', 'title', 'summary', 'body']

const TEXT_INPUTS: Readonly<Record<string, TextInput>> = {
  date: 'date',
  uri: 'url',
  email: 'email',
  amount: 'amount',
  currency: 'currency',
}

/** Long texts get a text area. */
const MULTILINE_FROM = 301

const isLangMap = (schema: JsonSchema): boolean =>
  schema.type === 'object' &&
  schema.propertyNames?.format === 'language-tag' &&
  typeof schema.additionalProperties === 'object'

function fieldOf(name: string, schema: JsonSchema, required: boolean): Field {
  if (isLangMap(schema)) {
    const text = schema.additionalProperties as JsonSchema
    return {
      type: 'langText',
      name,
      required,
      multiline: (text.maxLength ?? 0) >= MULTILINE_FROM,
      ...(text.maxLength === undefined ? {} : { maxLength: text.maxLength }),
    }
  }
  if (schema.type === 'object') {
    const fields = fieldsOfObject(schema)
    return { type: 'group', name, required, fields }
  }
  if (schema.type === 'array') {
    const item = schema.items ?? {}
    if (name === 'languages' && item.format === 'language-tag')
      return { type: 'languages', name, required }
    if (item.type === 'string' && item.enum !== undefined)
      return { type: 'multiSelect', name, required, options: item.enum.map(String) }
    if (item.type === 'string' && item.format === undefined)
      return { type: 'stringList', name, required }
    return {
      type: 'repeat',
      name,
      required,
      item: fieldOf(name, item, true),
      ...(schema.maxItems === undefined ? {} : { max: schema.maxItems }),
    }
  }
  if (schema.type === 'boolean') return { type: 'boolean', name, required }
  if (schema.type === 'number' || schema.type === 'integer')
    return { type: 'number', name, required, integer: schema.type === 'integer' }
  if (schema.enum !== undefined)
    return { type: 'select', name, required, options: schema.enum.map(String), source: 'enum' }
  if (schema.format === 'municipality-code')
    return { type: 'select', name, required, options: [], source: 'municipality' }
  if (schema.format === 'province-code')
    return { type: 'select', name, required, options: [], source: 'province' }
  return {
    type: 'text',
    name,
    required,
    input: TEXT_INPUTS[schema.format ?? ''] ?? 'text',
    ...(schema.maxLength === undefined ? {} : { maxLength: schema.maxLength }),
  }
}

function fieldsOfObject(schema: JsonSchema, skip: ReadonlySet<string> = new Set()): Field[] {
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !skip.has(name))
    .map(([name, property]) => fieldOf(name, property, required.has(name)))
}

/** The form of a record kind: every field a person writes, in reading order. */
export function formFields(schema: JsonSchema): Field[] {
  const names = Object.keys(schema.properties ?? {})
  const own = names.slice(names.indexOf('kind') + 1)
  const rank = (name: string): number => {
    const leading = LEADING.indexOf(name)
    if (leading >= 0) return leading
    if (own.includes(name)) return LEADING.length + own.indexOf(name)
    return LEADING.length + own.length + names.indexOf(name)
  }
  return fieldsOfObject(schema, IDENTITY_FIELDS).sort((a, b) => rank(a.name) - rank(b.name))
}

export type Value = unknown
export type Path = readonly (string | number)[]
export type FormValue = Readonly<Record<string, Value>>

/** A new record's starting value: its kind, the given languages and the schema's defaults. */
export function initialValue(
  kind: string,
  schema: JsonSchema,
  languages: readonly string[],
): FormValue {
  const value: Record<string, Value> = { kind, languages: [...languages] }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (IDENTITY_FIELDS.has(name) || name === 'languages') continue
    if (property.default !== undefined) value[name] = structuredClone(property.default)
  }
  return value
}

/** The value a new item of a repeated field starts with. */
export function emptyItem(field: Field): Value {
  switch (field.type) {
    case 'group':
    case 'langText':
      return {}
    case 'repeat':
    case 'multiSelect':
    case 'stringList':
    case 'languages':
      return []
    case 'boolean':
      return false
    case 'number':
      return undefined
    default:
      return ''
  }
}

export function getAt(value: Value, path: Path): Value {
  let current: Value = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, Value>)[key]
  }
  return current
}

/** A copy of `value` with `next` at `path` (objects and arrays on the way are copied). */
export function setAt(value: Value, path: Path, next: Value): Value {
  if (path.length === 0) return next
  const [key, ...rest] = path as [string | number, ...(string | number)[]]
  if (typeof key === 'number') {
    const list = Array.isArray(value) ? [...value] : []
    list[key] = setAt(list[key], rest, next)
    return list
  }
  const object =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { ...(value as Record<string, Value>) }
      : {}
  object[key] = setAt(object[key], rest, next)
  return object
}

/** A copy without the item at `index` of the list at `path`. */
export function removeAt(value: Value, path: Path, index: number): Value {
  const list = getAt(value, path)
  return setAt(value, path, Array.isArray(list) ? list.filter((_item, at) => at !== index) : [])
}

/**
 * What the form holds, as the node expects it: empty texts, empty objects and empty
 * items dropped (an empty optional field is an absent one); lists stay, even empty.
 */
export function cleanValue(value: Value): Value {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (Array.isArray(value)) {
    return value.map(cleanValue).filter((item) => item !== undefined)
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, cleanValue(item)] as const)
      .filter(([, item]) => item !== undefined)
    return entries.length === 0 ? undefined : Object.fromEntries(entries)
  }
  return value ?? undefined
}

/** The record to publish from the form's value. */
export const recordOf = (value: FormValue): Record<string, Value> =>
  (cleanValue(value) as Record<string, Value> | undefined) ?? {}

/** An existing record as a form value: its own fields without the identity. */
export function editableOf(record: Readonly<Record<string, Value>>): FormValue {
  return Object.fromEntries(
    Object.entries(record).filter(([name]) => !IDENTITY_FIELDS.has(name) || name === 'kind'),
  )
}

/**
 * The changes for `PATCH /v1/records/:id`: every own field except the kind, and `null` for
 * each field the record had that the form left empty (the node then removes it).
 */
export function changesOf(
  value: FormValue,
  before: Readonly<Record<string, unknown>> = {},
): Record<string, Value | null> {
  const { kind: _kind, ...changes } = recordOf(value)
  const removed = Object.keys(editableOf(before as Record<string, Value>)).filter(
    (name) => name !== 'kind' && !(name in changes),
  )
  return { ...changes, ...Object.fromEntries(removed.map((name) => [name, null])) }
}

/** A list of choices with `item` added, or taken out when it is in it. */
export const toggled = (list: readonly string[], item: string): string[] =>
  list.includes(item) ? list.filter((other) => other !== item) : [...list, item]

/** RFC 6901 pointer of a path. */
export const pointerOf = (path: Path): string =>
  path.map((key) => `/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')

/** A DOM id for the field at a pointer. */
export const fieldId = (pointer: string): string =>
  `field${pointer.replace(/[^A-Za-z0-9_-]/g, '-')}`

/** Every pointer the form shows a field for, with the current value (lists vary in length). */
export function fieldPointers(fields: readonly Field[], value: Value, at: Path = []): string[] {
  const out: string[] = []
  for (const field of fields) {
    const path = [...at, field.name]
    out.push(pointerOf(path))
    const current = getAt(value, path)
    if (field.type === 'group') out.push(...fieldPointers(field.fields, value, path))
    if (field.type === 'langText' && current !== null && typeof current === 'object')
      for (const language of Object.keys(current)) out.push(pointerOf([...path, language]))
    if (field.type === 'repeat' && Array.isArray(current)) {
      current.forEach((_item, index) => {
        const itemPath = [...path, index]
        out.push(pointerOf(itemPath))
        if (field.item.type === 'group')
          out.push(...fieldPointers(field.item.fields, value, itemPath))
        else if (field.item.type === 'langText') {
          const text = getAt(value, itemPath)
          if (text !== null && typeof text === 'object')
            for (const language of Object.keys(text)) out.push(pointerOf([...itemPath, language]))
        }
      })
    }
  }
  return out
}

export interface PlacedProblems {
  /** Problems by the pointer of the field that shows them. */
  readonly byField: ReadonlyMap<string, readonly Problem[]>
  /** Problems about the record as a whole, or a field the form does not show. */
  readonly unplaced: readonly Problem[]
}

/** Checks computed from several values: meaningless while one of those values is malformed. */
const CROSS_FIELD = new Set([
  'funding-exceeds-budget',
  'funding-currency',
  'money-decimals',
  'end-before-start',
])

const malformed = (problem: Problem) =>
  problem.code === 'invalid_type' || problem.code.startsWith('invalid_format')

/**
 * One message per failing value: a value that is malformed shows that alone, not also the
 * checks across fields computed from it, and a field shows each of its problems once.
 */
export function oneProblemPerValue(problems: readonly Problem[]): Problem[] {
  const anyMalformed = problems.some(malformed)
  const seen = new Set<string>()
  return problems.filter((problem) => {
    if (anyMalformed && CROSS_FIELD.has(problem.code)) return false
    if (seen.has(problem.path)) return false
    seen.add(problem.path)
    return true
  })
}

/** Each problem at the deepest shown field that contains its path, one per value. */
export function placeProblems(
  problems: readonly Problem[],
  pointers: readonly string[],
): PlacedProblems {
  const shown = new Set(pointers)
  const byField = new Map<string, Problem[]>()
  const unplaced: Problem[] = []
  for (const problem of oneProblemPerValue(problems)) {
    let pointer = problem.path
    while (pointer !== '' && !shown.has(pointer))
      pointer = pointer.slice(0, pointer.lastIndexOf('/'))
    if (pointer === '') unplaced.push(problem)
    else byField.set(pointer, [...(byField.get(pointer) ?? []), problem])
  }
  return { byField, unplaced }
}

/**
 * Identity the node would give a new record, so `POST /v1/validate` checks a draft
 * without publishing it; problems at these fields are not the writer's to fix.
 */
export function draftIdentity(schema: JsonSchema, author: string, now: Date): FormValue {
  const version = schema.properties?.schemaVersion?.const
  const time = now.toISOString()
  return {
    id: '0'.repeat(26),
    schemaVersion: typeof version === 'number' ? version : 1,
    author,
    created: time,
    updated: time,
    version: 1,
  }
}

/** Problems a writer can fix: not those of the identity the node sets. */
export const writersProblems = (problems: readonly Problem[]): Problem[] =>
  problems.filter((problem) => !IDENTITY_FIELDS.has(problem.path.split('/')[1] ?? ''))
