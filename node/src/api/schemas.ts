/**
 * The shapes of the API's requests, in zod: they validate every request (see
 * validation.ts) and the OpenAPI document is generated from them (see openapi.ts). Record
 * content is checked by the store against the record model, which gives its problems in
 * Dutch and English; here a record body is only required to be an object.
 */

import { formats, LIMITS, langMap, money, RECORD_KINDS } from '@polder/schema'
import { FACET_NAMES, type FacetName, type SearchQuery } from '@polder/search'
import * as z from 'zod'

/** Records in one bulk publish. */
export const MAX_BULK = 10_000

const KIND_CODES = RECORD_KINDS.map((kind) => kind.code) as [string, ...string[]]

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

const boolString = z.enum(['true', 'false']).transform((value) => value === 'true')
const count = (max: number) =>
  z
    .string()
    .regex(/^[0-9]+$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))

export const listQuery = z.strictObject({
  kind: z.enum(KIND_CODES).optional(),
  author: formats.did().optional().describe('Default: this node’s organisation'),
  after: formats.recordId().optional().describe('Records with an id after this one'),
  limit: count(10_000).optional().describe('Default 100'),
  retracted: boolString.optional().describe('Include tombstones'),
})

/** A record to publish: its fields as in `GET /v1/schema/{kind}`, without the envelope. */
const recordInput = z
  .looseObject({ kind: z.enum(KIND_CODES) })
  .describe('A record without its envelope (id, author, version, dates are set by the node)')

export const publishBody = z.union([
  recordInput,
  z.array(recordInput).min(1).max(MAX_BULK).describe('Many records, written all or nothing'),
])

export const editBody = z
  .record(z.string(), z.unknown())
  .describe('The fields to change; the rest stays as it is; null removes an optional field')

export const retractBody = z.strictObject({
  reason: langMap(LIMITS.summary).describe('Why, in one or more languages: { "nl": "…" }'),
})

export const blockBody = z
  .strictObject({ reason: z.string().max(1_000).optional() })
  .optional()
  .describe('Why, for the record')

export const vouchBody = z.strictObject({
  subject: formats.did(),
  name: formats.name().describe("The organisation's name, as you know it"),
  language: formats.languageTag().optional().describe('Language of the name; default nl'),
})

export const peerBody = z.strictObject({
  address: z.string().min(1).max(1_000).describe('A multiaddr, with /p2p/<peer id>'),
})

const facetFilters = Object.fromEntries(
  FACET_NAMES.map((name) => [
    name,
    z
      .array(z.union([z.string(), z.number()]))
      .max(100)
      .optional(),
  ]),
) as Record<FacetName, z.ZodOptional<z.ZodArray<z.ZodUnion<[z.ZodString, z.ZodNumber]>>>>

/** `POST /v1/search`: the search package's `SearchQuery`. */
export const searchBody = z.strictObject({
  text: z.string().max(1_000).optional().describe('Words, "phrases" and prefix*'),
  filters: z.strictObject(facetFilters).optional(),
  budget: z.strictObject({ min: money().optional(), max: money().optional() }).optional(),
  sort: z.enum(['relevance', 'date', 'budget']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(1_000).optional(),
  history: z.boolean().optional(),
  facets: z.array(z.enum(FACET_NAMES)).optional(),
  facetLimit: z.number().int().min(0).max(1_000).optional(),
})

/** `theme=a&theme=b` and `theme=a,b` both give `[a, b]`. */
const listParam = z.union([z.string(), z.array(z.string())]).transform((value) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0),
)

const facetParams = Object.fromEntries(
  FACET_NAMES.map((name) => [name, listParam.optional()]),
) as Record<FacetName, z.ZodOptional<typeof listParam>>

/** `GET /v1/search`: the same query as URL parameters, for links and bookmarks. */
export const searchQuery = z
  .strictObject({
    q: z.string().max(1_000).optional().describe('Words, "phrases" and prefix*'),
    ...facetParams,
    budgetMin: formats.amount().optional(),
    budgetMax: formats.amount().optional(),
    currency: formats.currency().optional().describe('Of budgetMin/budgetMax; default EUR'),
    sort: z.enum(['relevance', 'date', 'budget']).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: count(100).optional(),
    cursor: z.string().max(1_000).optional(),
    history: boolString.optional(),
    facets: listParam.pipe(z.array(z.enum(FACET_NAMES))).optional(),
    facetLimit: count(1_000).optional(),
  })
  .transform((p): SearchQuery => {
    const filters: Partial<Record<FacetName, string[]>> = {}
    for (const name of FACET_NAMES) {
      const values = p[name]
      if (values !== undefined && values.length > 0) filters[name] = values
    }
    const currency = p.currency ?? 'EUR'
    const bound = (amount: string | undefined) =>
      amount === undefined ? undefined : { amount, currency }
    return {
      text: p.q,
      filters,
      budget:
        p.budgetMin === undefined && p.budgetMax === undefined
          ? undefined
          : { min: bound(p.budgetMin), max: bound(p.budgetMax) },
      sort: p.sort,
      order: p.order,
      limit: p.limit,
      cursor: p.cursor,
      history: p.history,
      facets: p.facets,
      facetLimit: p.facetLimit,
    }
  })
