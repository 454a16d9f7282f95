/**
 * The search page's state and the address bar: the viewer's URL uses the API's own
 * parameter names (`?q=…&theme=a,b&sort=date`), so a search is a link to share and the
 * API query is the same string.
 */
import type { FacetName } from '@polder/api'

/** Every facet of the search, in the order the filter panel shows them. */
export const FACETS = [
  'kind',
  'theme',
  'organization',
  'orgType',
  'status',
  'province',
  'municipality',
  'place',
  'year',
  'funding',
  'barrier',
  'sdg',
  'language',
  'country',
  'standard',
  'jointPilot',
] as const satisfies readonly FacetName[]

/**
 * Facets whose values are record references (endorsements per question, answers per
 * question, adoptions per practice): a link may filter on them, the panel does not list them.
 */
export const LINK_FACETS = [
  'endorses',
  'answers',
  'replicates',
] as const satisfies readonly FacetName[]

// a facet added to the search and forgotten here fails to compile
type Forgotten = Exclude<FacetName, (typeof FACETS)[number] | (typeof LINK_FACETS)[number]>
const allFacets: [Forgotten] extends [never] ? true : Forgotten = true
void allFacets

export type Sort = 'relevance' | 'date' | 'budget'
export type Order = 'asc' | 'desc'

export interface SearchState {
  readonly q: string
  readonly filters: Readonly<Partial<Record<FacetName, readonly string[]>>>
  readonly sort?: Sort
  readonly order?: Order
  /** Whole euros (or `currency`), as typed. */
  readonly budgetMin?: string
  readonly budgetMax?: string
  readonly currency?: string
}

export const EMPTY_SEARCH: SearchState = { q: '', filters: {} }

const SORTS: readonly string[] = ['relevance', 'date', 'budget']
const AMOUNT = /^\d+(\.\d+)?$/

const values = (raw: string | null): string[] =>
  raw === null
    ? []
    : raw
        .split(',')
        .map((value) => value.trim())
        .filter((value) => value.length > 0)

/** The state in a URL's query; unknown and malformed parameters are ignored. */
export function stateFromParams(params: URLSearchParams): SearchState {
  const filters: Partial<Record<FacetName, string[]>> = {}
  for (const facet of [...FACETS, ...LINK_FACETS]) {
    const list = params.getAll(facet).flatMap(values)
    if (list.length > 0) filters[facet] = [...new Set(list)]
  }
  const sort = params.get('sort')
  const order = params.get('order')
  const budgetMin = params.get('budgetMin')
  const budgetMax = params.get('budgetMax')
  const currency = params.get('currency')
  return {
    q: params.get('q') ?? '',
    filters,
    ...(sort !== null && SORTS.includes(sort) ? { sort: sort as Sort } : {}),
    ...(order === 'asc' || order === 'desc' ? { order } : {}),
    ...(budgetMin !== null && AMOUNT.test(budgetMin) ? { budgetMin } : {}),
    ...(budgetMax !== null && AMOUNT.test(budgetMax) ? { budgetMax } : {}),
    ...(currency !== null && /^[A-Z]{3}$/.test(currency) ? { currency } : {}),
  }
}

/** The state as query parameters, in a stable order, leaving out what is empty. */
export function paramsFromState(state: SearchState): URLSearchParams {
  const params = new URLSearchParams()
  const text = state.q.trim()
  if (text !== '') params.set('q', text)
  for (const facet of [...FACETS, ...LINK_FACETS]) {
    const list = state.filters[facet]
    if (list !== undefined && list.length > 0) params.set(facet, list.join(','))
  }
  if (state.sort !== undefined) params.set('sort', state.sort)
  if (state.order !== undefined) params.set('order', state.order)
  if (state.budgetMin !== undefined && AMOUNT.test(state.budgetMin))
    params.set('budgetMin', state.budgetMin)
  if (state.budgetMax !== undefined && AMOUNT.test(state.budgetMax))
    params.set('budgetMax', state.budgetMax)
  if (state.currency !== undefined && (state.budgetMin ?? state.budgetMax) !== undefined)
    params.set('currency', state.currency)
  return params
}

interface Page {
  readonly limit?: number
  readonly cursor?: string
  readonly facetLimit?: number
}

/** The `GET /v1/search` parameters of a state, with paging, for the API client. */
export function apiParams(state: SearchState, page: Page = {}): Record<string, string> {
  const params = paramsFromState(state)
  if (page.limit !== undefined) params.set('limit', String(page.limit))
  if (page.cursor !== undefined) params.set('cursor', page.cursor)
  if (page.facetLimit !== undefined) params.set('facetLimit', String(page.facetLimit))
  return Object.fromEntries(params)
}

/** The `GET /v1/search` query string of a state, with paging. */
export const apiQuery = (state: SearchState, page: Page = {}): string =>
  new URLSearchParams(apiParams(state, page)).toString()

/** Adds a filter value, or removes it when it is set. */
export function toggleFilter(state: SearchState, facet: FacetName, value: string): SearchState {
  const current = state.filters[facet] ?? []
  const next = current.includes(value)
    ? current.filter((item) => item !== value)
    : [...current, value]
  const filters = { ...state.filters }
  if (next.length === 0) delete filters[facet]
  else filters[facet] = next
  return { ...state, filters }
}

/** The same text, no filters and no budget range. */
export function clearFilters(state: SearchState): SearchState {
  const { budgetMin: _min, budgetMax: _max, currency: _currency, ...rest } = state
  return { ...rest, filters: {} }
}

export function hasFilters(state: SearchState): boolean {
  return (
    Object.values(state.filters).some((list) => list !== undefined && list.length > 0) ||
    state.budgetMin !== undefined ||
    state.budgetMax !== undefined
  )
}

export const isActive = (state: SearchState, facet: FacetName, value: string): boolean =>
  state.filters[facet]?.includes(value) ?? false
