/**
 * The CSV columns of each kind, from the record model's JSON Schema: nested objects
 * flattened with `_` (`budget_amount`), language maps as one column per language
 * (`title_nl`, `title_en`), lists of values joined with `;`, lists of objects as JSON.
 * Identity columns (id, author, version, created, updated) are written on export and
 * ignored on import.
 */
import { KIND_SCHEMAS, type RecordKind } from '@polder/schema'
import { objectSchema, type Schema, schemaOf } from '../json-schema-walk.js'

/** The languages that get their own column. */
export const CSV_LANGUAGES = ['nl', 'en'] as const

export type ColumnType = 'string' | 'number' | 'integer' | 'boolean' | 'list' | 'json' | 'text'

export interface Column {
  readonly name: string
  /** Where the value goes in the record: field names, then the language for `text`. */
  readonly path: readonly string[]
  readonly type: ColumnType
  /** Set by the node, not by a row: written on export, ignored on import. */
  readonly identity: boolean
}

const IDENTITY = new Set(['id', 'author', 'version', 'created', 'updated'])
const SKIPPED = new Set(['schemaVersion', 'kind'])

const isLanguageMap = (schema: Schema): boolean =>
  (schema as { propertyNames?: unknown }).propertyNames !== undefined &&
  schema.properties === undefined

function scalarType(schema: Schema): ColumnType {
  const types = [schema.type].flat()
  if (types.includes('integer')) return 'integer'
  if (types.includes('number')) return 'number'
  if (types.includes('boolean')) return 'boolean'
  return 'string'
}

function addColumns(columns: Column[], schema: Schema, prefix: readonly string[]): void {
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    if (prefix.length === 0 && SKIPPED.has(field)) continue
    const path = [...prefix, field]
    const name = path.join('_')
    const identity = prefix.length === 0 && IDENTITY.has(field)
    const alternatives = [property, ...(property.anyOf ?? []), ...(property.oneOf ?? [])]
    const array = alternatives.find((s) => s.type === 'array')
    if (array !== undefined) {
      const items = array.items
      const objectItems = items !== undefined && objectSchema(items) !== undefined
      columns.push({ name, path, type: objectItems ? 'json' : 'list', identity })
    } else if (alternatives.some(isLanguageMap)) {
      for (const language of CSV_LANGUAGES) {
        columns.push({
          name: `${name}_${language}`,
          path: [...path, language],
          type: 'text',
          identity,
        })
      }
    } else {
      const nested = alternatives.find((s) => s.properties !== undefined)
      if (nested !== undefined) addColumns(columns, nested, path)
      else
        columns.push({
          name,
          path,
          type: scalarType(alternatives.find((s) => s.type !== undefined) ?? property),
          identity,
        })
    }
  }
}

const byKind = new Map<RecordKind, Column[]>(
  (Object.keys(KIND_SCHEMAS) as RecordKind[]).map((kind) => {
    const columns: Column[] = [{ name: 'kind', path: ['kind'], type: 'string', identity: false }]
    addColumns(columns, schemaOf(kind, false) as Schema, [])
    return [kind, columns]
  }),
)

/** The columns of one kind, in a stable order: `kind`, identity, envelope, the kind's own. */
export function columnsOf(kind: RecordKind): readonly Column[] {
  return byKind.get(kind) ?? []
}

/** The columns of several kinds together (an export of mixed kinds), each name once. */
export function unionColumns(kinds: Iterable<RecordKind>): Column[] {
  const seen = new Map<string, Column>()
  for (const kind of kinds)
    for (const column of columnsOf(kind)) if (!seen.has(column.name)) seen.set(column.name, column)
  return [...seen.values()]
}

/** Every column name any kind has. */
export const ALL_COLUMNS: ReadonlySet<string> = new Set(
  unionColumns(byKind.keys()).map((c) => c.name),
)

export const isRecordKind = (kind: string): kind is RecordKind => Object.hasOwn(KIND_SCHEMAS, kind)
