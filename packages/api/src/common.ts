/**
 * Schemas several groups of routes share: records, path parameters, URL values. Every schema
 * of the contract is built on its first use (`lazySchema`): a restart builds none of them
 * before its API answers.
 */
import { formats, lazySchema, RECORD_KINDS, recordSchema, tombstoneSchema } from '@polder/schema'
import * as z from 'zod'

export const KIND_CODES = RECORD_KINDS.map((kind) => kind.code) as [string, ...string[]]

/** A live record as stored (signed, with its envelope). */
export const recordOutSchema = recordSchema
/** One state of a record: a live version or a tombstone. */
export const recordStateSchema = lazySchema(() => z.union([recordSchema, tombstoneSchema]))

export const didParams = lazySchema(() =>
  z.strictObject({
    did: formats.did().describe("An organisation's did:key"),
  }),
)

export const recordParams = lazySchema(() =>
  z.strictObject({
    id: z
      .union([formats.recordId(), formats.polderRef()])
      .describe(
        'A record id of this node’s organisation, or a global reference polder://<did>/<id>',
      ),
  }),
)

export const ownRecordParams = lazySchema(() =>
  z.strictObject({
    id: formats.recordId().describe('A record id of this node’s organisation'),
  }),
)

/** `true` or `false` in a URL. */
export const boolString = lazySchema(() =>
  z.enum(['true', 'false']).transform((value) => value === 'true'),
)

/**
 * A whole number in a URL, from `min` to `max`; anything else is one problem that says
 * so ("expected a whole number from 1 to 100"), whatever was sent (`-5`, `ten`, `2.5`).
 */
export const wholeNumberIn = (min: number, max: number) =>
  z
    .string()
    .refine(
      (value) => /^[0-9]{1,16}$/.test(value) && Number(value) >= min && Number(value) <= max,
      { params: { problem: 'whole-number-range', min, max } },
    )
    .transform(Number)
    .describe(`A whole number from ${min} to ${max}`)

/** A whole number in a URL, from 1 to `max`. */
export const count = (max: number) => wholeNumberIn(1, max)

/** `theme=a&theme=b` and `theme=a,b` both give `[a, b]`. */
export const listParam = lazySchema(() =>
  z.union([z.string(), z.array(z.string())]).transform((value) =>
    (Array.isArray(value) ? value : [value])
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .filter((v) => v.length > 0),
  ),
)

/** Any JSON object (a JSON Schema, the OpenAPI document). */
export const jsonObject = lazySchema(() => z.record(z.string(), z.unknown()))
