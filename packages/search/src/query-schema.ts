/**
 * The search query, in zod: the one definition of its shape. The index checks every query
 * with it (a query may come from outside), the API takes it as the body of
 * `POST /v1/search` and maps its URL parameters onto it, and the `SearchQuery` type is
 * inferred from it. Pure: no I/O, so a client can import it (`@polder/search/query`). Built
 * on first use, as the record model's and the API's schemas are (a restart needs none).
 */
import { lazySchema, money } from '@polder/schema'
import * as z from 'zod'
import { MAX_LIMIT, MAX_QUERY_CHARS } from './constants.js'
import { facetChoices, facetCode } from './facet-values.js'
import { FACET_NAMES, type FacetName } from './facets.js'

export { FACET_NAMES, type FacetName, facetCode, MAX_LIMIT }

/** The groupings of an overview. */
export const OVERVIEW_DIMENSIONS = [
  'kind',
  'theme',
  'sdg',
  'province',
  'municipality',
  'funding',
  'year',
  'status',
  'standard',
  'orgType',
] as const satisfies readonly FacetName[]
export type OverviewDimension = (typeof OVERVIEW_DIMENSIONS)[number]

/** Per-target counts: endorsements per question, answers per question, adoptions per practice. */
export const OVERVIEW_TALLIES = ['endorses', 'answers', 'replicates'] as const
export type OverviewTally = (typeof OVERVIEW_TALLIES)[number]

/** Values one facet filter may list. */
export const MAX_FILTER_VALUES = 100
/** The most values per facet a query may ask for. */
export const MAX_FACET_LIMIT = 1_000
/** Longest cursor a client may send back. */
export const MAX_CURSOR_CHARS = 1_000

export const SORTS = ['relevance', 'date', 'budget'] as const
export const ORDERS = ['asc', 'desc'] as const

/** Values of one facet: a record matches when it has any of them. */
const facetFilter = () => z.array(z.union([z.string(), z.number()])).max(MAX_FILTER_VALUES)

const filters = (filter = facetFilter()) =>
  z
    .strictObject(
      Object.fromEntries(FACET_NAMES.map((name) => [name, filter.optional()])) as Record<
        FacetName,
        z.ZodOptional<typeof filter>
      >,
    )
    .superRefine((given, ctx) => {
      // a value a facet's vocabulary does not know matches nothing: say what it takes
      for (const name of FACET_NAMES) {
        given[name]?.forEach((value, index) => {
          // the body takes codes (a label is mapped to its code in URL parameters only)
          if (String(facetCode(name, value)) === String(value)) return
          // only now the message's list: for a municipality it folds every name of the list
          const choices = facetChoices(name, value)
          if (choices === undefined) return
          ctx.addIssue({
            code: 'custom',
            path: [name, index],
            message: `${value} is not a value of ${name}; ${choices.en}`,
            params: { problem: 'unknown-facet-value', facet: name, value, choices },
          })
        })
      }
    })

export const searchQuerySchema = lazySchema(() =>
  z.strictObject({
    text: z
      .string()
      .max(MAX_QUERY_CHARS)
      .optional()
      .describe('Words, "phrases" and prefix*; empty or absent browses everything'),
    filters: filters().optional().describe('Any value within a facet, all facets together'),
    budget: z
      .strictObject({ min: money().optional(), max: money().optional() })
      .optional()
      .describe('Budget range, inclusive, in one currency; records without a budget drop out'),
    sort: z.enum(SORTS).optional().describe("Default 'relevance' with text, 'date' without"),
    order: z.enum(ORDERS).optional().describe("Default 'desc': best, newest, largest first"),
    limit: z.number().int().min(1).max(MAX_LIMIT).optional().describe('Default 20'),
    cursor: z
      .string()
      .max(MAX_CURSOR_CHARS)
      .optional()
      .describe("From a previous result's cursor, with the same query"),
    history: z.boolean().optional().describe('Include earlier versions of records; default false'),
    facets: z.array(z.enum(FACET_NAMES)).optional().describe('Which facets to count; default all'),
    facetLimit: z
      .number()
      .int()
      .min(0)
      .max(MAX_FACET_LIMIT)
      .optional()
      .describe('Values per facet, most frequent first; default 100'),
  }),
)

/** A search query, as the index takes it. */
export type SearchQuery = z.input<typeof searchQuerySchema>
/** Values of one facet filter. */
export type FacetFilter = z.input<ReturnType<typeof facetFilter>>
