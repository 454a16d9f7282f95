/** JSON Schema (draft 2020-12) of each record kind, generated from the zod schemas, for the API. */
import * as z from 'zod'
import { KIND_SCHEMAS, type RecordKind, tombstoneSchema } from './kinds/index.js'

export type JsonSchema = Record<string, unknown>

function toJsonSchema(schema: z.ZodType, title: string): JsonSchema {
  return {
    ...z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
    title,
  }
}

/** The JSON Schema of one kind, as a client should send it (defaults may be left out). */
export function recordJsonSchema(kind: RecordKind): JsonSchema {
  return toJsonSchema(KIND_SCHEMAS[kind], `Polder ${kind} record`)
}

/** The JSON Schema of a tombstone. */
export function tombstoneJsonSchema(): JsonSchema {
  return toJsonSchema(tombstoneSchema, 'Polder tombstone')
}
