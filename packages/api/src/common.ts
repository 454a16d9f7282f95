/** Schemas several groups of routes share: records, path parameters, URL values. */
import { formats, RECORD_KINDS, recordSchema, tombstoneSchema } from '@polder/schema'
import * as z from 'zod'

export const KIND_CODES = RECORD_KINDS.map((kind) => kind.code) as [string, ...string[]]

/** A live record as stored (signed, with its envelope). */
export const recordOutSchema = recordSchema
/** One state of a record: a live version or a tombstone. */
export const recordStateSchema = z.union([recordSchema, tombstoneSchema])

export const didParams = z.strictObject({
  did: formats.did().describe("An organisation's did:key"),
})

export const recordParams = z.strictObject({
  id: z
    .union([formats.recordId(), formats.polderRef()])
    .describe('A record id of this node’s organisation, or a global reference polder://<did>/<id>'),
})

export const ownRecordParams = z.strictObject({
  id: formats.recordId().describe('A record id of this node’s organisation'),
})

/** `true` or `false` in a URL. */
export const boolString = z.enum(['true', 'false']).transform((value) => value === 'true')

/** A whole number in a URL. */
export const wholeNumber = z
  .string()
  .regex(/^[0-9]+$/, 'a whole number')
  .transform(Number)

/** A whole number in a URL, from 1 to `max`. */
export const count = (max: number) => wholeNumber.pipe(z.number().int().min(1).max(max))

/** `theme=a&theme=b` and `theme=a,b` both give `[a, b]`. */
export const listParam = z.union([z.string(), z.array(z.string())]).transform((value) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0),
)

/** Any JSON object (a JSON Schema, the OpenAPI document). */
export const jsonObject = z.record(z.string(), z.unknown())
