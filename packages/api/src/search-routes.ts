/**
 * Search: `GET /v1/search` with the query in the URL (a link a browser can bookmark) and
 * `POST /v1/search` with the search package's query as a JSON body — one schema, the
 * search package's; the URL parameters are mapped onto it. Both answer with the index's
 * state, so a client can say when results are still partial (a rebuild in progress).
 */
import { formats, LIMITS, langMap, lazySchema, money, RECORD_KINDS } from '@polder/schema'
import {
  FACET_NAMES,
  type FacetName,
  facetCode,
  MAX_FACET_LIMIT,
  MAX_LIMIT,
  type SearchQuery,
  searchQuerySchema,
} from '@polder/search/query'
import * as z from 'zod'
import { boolString, listParam, wholeNumberIn } from './common.js'
import { searchStatusSchema } from './node-routes.js'
import { json, route } from './route.js'

export { FACET_NAMES, type FacetName, type SearchQuery, searchQuerySchema }

/** The URL parameters of `GET /v1/search`: the search query's, facets as lists. */
function urlParams() {
  const shape = searchQuerySchema.unwrap().shape
  const facetParams = Object.fromEntries(
    FACET_NAMES.map((name) => [name, listParam.optional()]),
  ) as Record<FacetName, z.ZodOptional<typeof listParam>>
  return z
    .strictObject({
      q: shape.text,
      ...facetParams,
      budgetMin: formats.amount().optional(),
      budgetMax: formats.amount().optional(),
      currency: formats.currency().optional().describe('Of budgetMin/budgetMax; default EUR'),
      sort: shape.sort,
      order: shape.order,
      limit: wholeNumberIn(1, MAX_LIMIT).pipe(shape.limit.unwrap()).optional(),
      cursor: shape.cursor,
      history: boolString.optional().describe(shape.history.description ?? ''),
      facets: listParam.pipe(shape.facets.unwrap()).optional(),
      facetLimit: wholeNumberIn(0, MAX_FACET_LIMIT).pipe(shape.facetLimit.unwrap()).optional(),
    })
    .transform((p): SearchQuery => {
      const filters: Partial<Record<FacetName, (string | number)[]>> = {}
      for (const name of FACET_NAMES) {
        const values = p[name]
        // a label names its code (`province=Utrecht` is PV26); the query schema refuses
        // what names none, with the codes and labels it takes
        if (values !== undefined && values.length > 0)
          filters[name] = values.map((value) => facetCode(name, value) ?? value)
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
    .pipe(searchQuerySchema)
}

/** `GET /v1/search`: the query as URL parameters, mapped onto the search query. */
export const searchParams = lazySchema(urlParams)

const KINDS = RECORD_KINDS.map((kind) => kind.code) as [string, ...string[]]

export const searchHitSchema = lazySchema(() =>
  z.strictObject({
    author: z.string(),
    id: z.string(),
    version: z.number().int(),
    kind: z.enum(KINDS),
    title: langMap(LIMITS.title),
    summary: langMap(LIMITS.summary).optional(),
    snippet: z.string().describe('HTML-escaped text around the match, matched words in <mark>'),
    score: z.number().describe('Higher is more relevant; 0 without text'),
    updated: z.string(),
    budget: money().optional(),
  }),
)

export const facetCountSchema = lazySchema(() =>
  z.strictObject({
    value: z.string(),
    count: z.number().int().min(0),
    label: langMap(LIMITS.title).optional().describe("The organisation's name"),
  }),
)

export const searchAnswerSchema = lazySchema(() =>
  z.strictObject({
    total: z.number().int().min(0).describe('Matching records in all pages'),
    hits: z.array(searchHitSchema),
    facets: z.partialRecord(z.enum(FACET_NAMES), z.array(facetCountSchema)),
    cursor: z.string().optional().describe('Pass back for the next page; absent on the last'),
    relaxed: z.boolean().describe('No record had every word: records with any of them are shown'),
    broad: z.boolean().describe('So many matched that title matches come first, newest first'),
    index: searchStatusSchema,
  }),
)

const summary = 'Full-text search with facets over every record this node holds'

export const searchRoutes = {
  searchRecords: route({
    method: 'GET',
    path: '/v1/search',
    summary,
    tags: ['search'],
    query: searchParams,
    responses: { 200: json(searchAnswerSchema) },
  }),
  searchRecordsByBody: route({
    method: 'POST',
    path: '/v1/search',
    summary: `${summary} (the query as JSON)`,
    tags: ['search'],
    body: searchQuerySchema,
    responses: { 200: json(searchAnswerSchema) },
  }),
  getSearchStatus: route({
    method: 'GET',
    path: '/v1/search/status',
    summary: 'The search index: ready or rebuilding',
    tags: ['search'],
    responses: { 200: json(searchStatusSchema) },
  }),
} as const
