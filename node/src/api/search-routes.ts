/**
 * Search over everything this node holds: `GET /v1/search` with the query in the URL (a
 * link a browser can bookmark) and `POST /v1/search` with a JSON body of the same shape
 * as the search package's `SearchQuery`.
 */
import { FACET_NAMES, type FacetName, type SearchQuery } from '@polder/search'
import type { FastifyInstance } from 'fastify'
import type { SearchService } from '../search.js'
import { problem } from './problem.js'

export interface SearchRoutesInit {
  readonly search: SearchService
}

type Query = Record<string, string | string[] | undefined>

/** `theme=a&theme=b` and `theme=a,b` both give `[a, b]`. */
const list = (value: string | string[] | undefined): string[] | undefined => {
  if (value === undefined) return undefined
  const values = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(','))
  const kept = values.map((v) => v.trim()).filter((v) => v.length > 0)
  return kept.length > 0 ? kept : undefined
}

const single = (query: Query, name: string): string | undefined => {
  const value = query[name]
  if (Array.isArray(value)) throw new BadParameter(`${name} may be given once`)
  return value
}

class BadParameter extends Error {
  override readonly name = 'SearchQueryError'
}

const integer = (query: Query, name: string): number | undefined => {
  const value = single(query, name)
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value)) throw new BadParameter(`${name} must be a whole number`)
  return Number(value)
}

const KNOWN = new Set<string>([
  ...FACET_NAMES,
  'q',
  'sort',
  'order',
  'limit',
  'cursor',
  'history',
  'facets',
  'facetLimit',
  'budgetMin',
  'budgetMax',
  'currency',
])

/** A `SearchQuery` from URL parameters; unknown parameters are refused, not ignored. */
export function queryFromUrl(query: Query): SearchQuery {
  for (const name of Object.keys(query)) {
    if (!KNOWN.has(name)) throw new BadParameter(`Unknown parameter: ${name}`)
  }
  const filters: Partial<Record<FacetName, string[]>> = {}
  for (const facet of FACET_NAMES) {
    const values = list(query[facet])
    if (values !== undefined) filters[facet] = values
  }
  const currency = single(query, 'currency') ?? 'EUR'
  const money = (name: string) => {
    const amount = single(query, name)
    if (amount === undefined) return undefined
    if (!/^\d+(\.\d+)?$/.test(amount)) throw new BadParameter(`${name} must be an amount`)
    return { amount, currency }
  }
  const min = money('budgetMin')
  const max = money('budgetMax')
  const sort = single(query, 'sort')
  if (sort !== undefined && !['relevance', 'date', 'budget'].includes(sort))
    throw new BadParameter('sort is relevance, date or budget')
  const order = single(query, 'order')
  if (order !== undefined && order !== 'asc' && order !== 'desc')
    throw new BadParameter('order is asc or desc')
  const history = single(query, 'history')
  if (history !== undefined && history !== 'true' && history !== 'false')
    throw new BadParameter('history is true or false')
  const facets = list(query.facets)
  for (const facet of facets ?? []) {
    if (!(FACET_NAMES as readonly string[]).includes(facet))
      throw new BadParameter(`Unknown facet: ${facet}`)
  }
  const text = single(query, 'q')
  const limit = integer(query, 'limit')
  const facetLimit = integer(query, 'facetLimit')
  const cursor = single(query, 'cursor')
  return {
    ...(text === undefined ? {} : { text }),
    filters,
    ...(min === undefined && max === undefined ? {} : { budget: { min, max } }),
    ...(sort === undefined ? {} : { sort: sort as SearchQuery['sort'] }),
    ...(order === undefined ? {} : { order: order as SearchQuery['order'] }),
    ...(limit === undefined ? {} : { limit }),
    ...(cursor === undefined ? {} : { cursor }),
    ...(history === undefined ? {} : { history: history === 'true' }),
    ...(facets === undefined ? {} : { facets: facets as FacetName[] }),
    ...(facetLimit === undefined ? {} : { facetLimit }),
  }
}

export function searchRoutes({ search }: SearchRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const answer = (query: SearchQuery) => ({ ...search.search(query), index: search.status })

    app.get<{ Querystring: Query }>('/v1/search', async (request) =>
      answer(queryFromUrl(request.query)),
    )

    app.post<{ Body: unknown }>('/v1/search', async (request, reply) => {
      const body = request.body
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return reply
          .code(400)
          .type('application/problem+json')
          .send(problem(400, 'bad-query', 'The body must be a JSON search query object'))
      }
      return answer(body as SearchQuery) // checked field by field by the index
    })

    app.get('/v1/search/status', async () => search.status)
  }
}
