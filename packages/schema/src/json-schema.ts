/** JSON Schema (draft 2020-12) of each record kind, generated from the zod schemas, for the API. */
import * as z from 'zod'
import { KIND_SCHEMAS, type RecordKind } from './kinds/index.js'
import { tombstoneObject } from './kinds/tombstone.js'
import { NODE_FILLED_FIELDS } from './validate.js'

export type JsonSchema = Record<string, unknown>

/**
 * `draft`: what an author sends to publish (the node fills in the envelope's identity;
 * `id` and `created` may be given, as an import does). `stored`: a record as the node
 * stores and serves it, envelope included.
 */
export type SchemaForm = 'draft' | 'stored'

/** Fields of a draft that may be given though the node would fill them in. */
const DRAFT_MAY_GIVE: ReadonlySet<string> = new Set(['id', 'created'])

function toJsonSchema(schema: z.ZodType, title: string): JsonSchema {
  return {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
    title,
  }
}

/** The stored record's schema without the fields the node fills in, `id` and `created` optional. */
function draftOf(stored: JsonSchema): JsonSchema {
  const properties = { ...(stored.properties as Record<string, unknown>) }
  const filled = new Set<string>(NODE_FILLED_FIELDS)
  for (const field of filled) if (!DRAFT_MAY_GIVE.has(field)) delete properties[field]
  const required = (stored.required as string[] | undefined)?.filter((f) => !filled.has(f))
  return { ...stored, properties, ...(required === undefined ? {} : { required }) }
}

/** The JSON Schema of one kind, as a client sends it (defaults may be left out). */
export function recordJsonSchema(kind: RecordKind, form: SchemaForm = 'stored'): JsonSchema {
  const stored = toJsonSchema(KIND_SCHEMAS[kind], `Polder ${kind} record`)
  return form === 'stored' ? stored : { ...draftOf(stored), title: `Polder ${kind} draft` }
}

/** The JSON Schema of a tombstone. */
export function tombstoneJsonSchema(): JsonSchema {
  return toJsonSchema(tombstoneObject(), 'Polder tombstone')
}
