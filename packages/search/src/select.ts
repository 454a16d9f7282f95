/** Filtering, facet counting, sorting and paging over the typed-array doc columns. */
import { type Money, toMinorUnits } from '@polder/schema'
import { DEFAULT_LIMIT, MAX_LIMIT } from './constants.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { CURRENT, type DocColumns, OLD } from './doc-cache.js'
import { SearchQueryError } from './errors.js'
import { type AuthorLabels, FacetCounts, isFacet } from './facet-counts.js'
import type { FacetName } from './facets.js'
import type { FacetCount, SearchQuery } from './types.js'

export interface Candidate {
  readonly rowid: number
  readonly score: number
}

/** Matching versions: rowids, and their scores when the sort is by relevance. */
export interface Matches {
  readonly rowids: Int32Array
  readonly scores: Float64Array | undefined
}

export interface Selection {
  readonly total: number
  readonly page: readonly Candidate[]
  readonly counts: Partial<Record<FacetName, FacetCount[]>>
  readonly cursor: string | undefined
}

/** What facets need of the authors: their type by author id, their names and type by DID. */
export interface AuthorFacts extends AuthorLabels {
  /** One past the highest author id. */
  readonly size: number
  readonly orgTypeOf: (author: number) => string | undefined
}

export type Predicate = (rowid: number) => boolean
/** A sort key: a number, or null when the version has none (no budget): those come last. */
export type SortKey = (rowid: number, score: number) => number | null

/** A query's filters: the test of one version, and its parts for those that can skip it. */
export interface Filter {
  readonly accept: Predicate
  /** Per facet set: 1 when the facet filters keep it; undefined without facet filters. */
  readonly sets: Uint8Array | undefined
  /** Per author id: 1 when the `orgType` filter keeps it; undefined without one. */
  readonly authors: Uint8Array | undefined
  /** The budget range in minor units, with its currency's id + 1 (0: any); undefined without. */
  readonly budget: BudgetRange | undefined
  readonly history: boolean
}

export interface BudgetRange {
  readonly min: number
  readonly max: number
  readonly currencyId: number
}

/**
 * Applies filters to the matches, counts facets over the rest and cuts one page. Ties
 * (equal scores, budgets or dates) go newest first, then by rowid, so pages are stable.
 *
 * Each match's key is turned into one number where larger comes first (a missing key is
 * -Infinity), so the loop over every match compares numbers only: most matches fall below
 * the last of a full page and cost two array reads and one comparison.
 */
export function select(
  matches: Matches,
  query: SearchQuery,
  cache: DocColumns,
  authors: AuthorFacts,
  filter: Filter = filterOf(query, cache, authors),
): Selection {
  const limit = pageSize(query.limit)
  const hasText = matches.scores !== undefined || query.text !== undefined
  const sort = sortOf(query, matches.scores !== undefined, hasText, cache)
  const { key, descending } = sort
  const rank = (k: number | null): number =>
    k === null ? Number.NEGATIVE_INFINITY : descending ? k : -k
  const { state, facetSet, author, budget, currency, updated } = cache
  /** Negative when `a` comes first: rank, then newest, then lowest rowid. */
  const order = (aRank: number, a: number, bRank: number, b: number): number =>
    bRank - aRank || (updated[b] ?? 0) - (updated[a] ?? 0) || a - b
  const after = query.cursor === undefined ? undefined : cursorRank(query.cursor, rank)
  const counting = new FacetCounts(query, cache)
  const perSet = counting.perSet
  // The filter's parts, tested here rather than through `filter.accept`: this loop runs
  // once per match (up to every version), and a call per match cost more than the tests.
  const { sets, authors: authorOk, history } = filter
  const range = filter.budget
  const min = range?.min ?? Number.NEGATIVE_INFINITY
  const max = range?.max ?? Number.POSITIVE_INFINITY
  const currencyId = range?.currencyId ?? 0
  const sign = descending ? 1 : -1
  const page: Ranked[] = []
  // The last of a full page: a match ranked below it is not kept.
  let barRank = Number.NEGATIVE_INFINITY
  let barRowid = -1
  let barUpdated = 0
  let full = false
  let total = 0
  const { rowids, scores } = matches
  for (let i = 0; i < rowids.length; i++) {
    const rowid = rowids[i] as number
    const s = state[rowid]
    if (s !== CURRENT && (!history || s !== OLD)) continue
    const set = facetSet[rowid] ?? 0
    if (sets !== undefined && sets[set] !== 1) continue
    if (authorOk !== undefined && authorOk[author[rowid] ?? 0] !== 1) continue
    if (range !== undefined) {
      const amount = budget[rowid] ?? Number.NaN // NaN fails both comparisons
      if (!(amount >= min && amount <= max)) continue
      if (currencyId !== 0 && currency[rowid] !== currencyId) continue
    }
    total++
    perSet[set] = (perSet[set] ?? 0) + 1
    const score = scores === undefined ? 0 : (scores[i] as number)
    // `rank(key(rowid, score))`, without the two calls
    let own: number
    if (sort.by === 'score') own = sign * score
    else if (sort.by === 'date') own = sign * (updated[rowid] ?? 0)
    else {
      const amount = budget[rowid] ?? Number.NaN
      own = Number.isNaN(amount) ? Number.NEGATIVE_INFINITY : sign * amount
    }
    if (after !== undefined && order(own, rowid, after.rank, after.rowid) <= 0) continue
    if (full) {
      if (own < barRank) continue
      if (own === barRank) {
        // `order(own, rowid, barRank, barRowid) >= 0`: the bar is newer, or as new and lower
        const at = updated[rowid] ?? 0
        if (barUpdated > at || (barUpdated === at && rowid > barRowid)) continue
      }
    }
    insertTop(page, { rowid, score, rank: own }, limit + 1, order)
    if (page.length > limit) {
      full = true
      const bar = page[limit] as Ranked
      barRank = bar.rank
      barRowid = bar.rowid
      barUpdated = updated[barRowid] ?? 0
    }
  }
  return selectionOf(page, limit, total, key, counting.result(authors, query.facetLimit))
}

/** The selection of `page` (at most `limit + 1` long: one more means there is a next page). */
export function selectionOf(
  page: Candidate[],
  limit: number,
  total: number,
  key: SortKey,
  counts: Partial<Record<FacetName, FacetCount[]>>,
): Selection {
  const more = page.length > limit
  if (more) page.pop()
  const last = page.at(-1)
  return {
    total,
    page: page.map(({ rowid, score }) => ({ rowid, score })),
    counts,
    cursor:
      more && last !== undefined
        ? encodeCursor({ key: key(last.rowid, last.score), rowid: last.rowid })
        : undefined,
  }
}

interface Ranked extends Candidate {
  /** The sort key as one number, larger first. */
  readonly rank: number
}

/** Where a cursor stands, as a rank; a key of another type is not one of our cursors. */
export function cursorRank(
  cursor: string,
  rank: (key: number | null) => number,
): { rank: number; rowid: number } {
  const { key, rowid } = decodeCursor(cursor)
  if (typeof key === 'string') throw new SearchQueryError('Invalid cursor')
  return { rank: rank(key), rowid }
}

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1)
    throw new SearchQueryError('limit must be a positive integer')
  return Math.min(limit, MAX_LIMIT)
}

export function sortOf(
  query: SearchQuery,
  scored: boolean,
  hasText: boolean,
  cache: DocColumns,
): Sort {
  const descending = (query.order ?? 'desc') === 'desc'
  const sort = query.sort ?? (hasText ? 'relevance' : 'date')
  if (sort === 'relevance' && scored)
    return { by: 'score', key: (_rowid, score) => score, descending }
  if (sort === 'budget') {
    return {
      by: 'budget',
      key: (rowid) => {
        const budget = cache.budget[rowid] ?? Number.NaN
        return Number.isNaN(budget) ? null : budget
      },
      descending,
    }
  }
  if (sort !== 'date' && sort !== 'relevance')
    throw new SearchQueryError(`Unknown sort: ${String(sort)}`)
  return { by: 'date', key: (rowid) => cache.updated[rowid] ?? 0, descending }
}

/** A sort: what its key is (for a loop that reads it inline), the key, and its direction. */
export interface Sort {
  readonly by: 'score' | 'date' | 'budget'
  readonly key: SortKey
  readonly descending: boolean
}

/** Keeps `top` sorted and at most `size` long: a page costs O(n) for n matches, not a sort. */
function insertTop(
  top: Ranked[],
  candidate: Ranked,
  size: number,
  order: (aRank: number, a: number, bRank: number, b: number) => number,
): void {
  let low = 0
  let high = top.length
  while (low < high) {
    const mid = (low + high) >> 1
    const at = top[mid] as Ranked
    if (order(at.rank, at.rowid, candidate.rank, candidate.rowid) <= 0) low = mid + 1
    else high = mid
  }
  if (low >= size) return
  top.splice(low, 0, candidate)
  if (top.length > size) top.pop()
}

/** Whether a version passes a query's filters (and is current, unless `history`). */
export function predicate(query: SearchQuery, cache: DocColumns, authors: AuthorFacts): Predicate {
  return filterOf(query, cache, authors).accept
}

/** A query's filters, checked (an unknown facet or a bad budget is a SearchQueryError). */
export function filterOf(query: SearchQuery, cache: DocColumns, authors: AuthorFacts): Filter {
  const history = query.history === true
  // Filters on stored facets: one mask over facet sets, all facets together.
  let setOk: Uint8Array | undefined
  let authorOk: Uint8Array | undefined
  for (const [facet, values] of Object.entries(query.filters ?? {})) {
    if (!isFacet(facet)) throw new SearchQueryError(`Unknown facet: ${facet}`)
    if (values === undefined) continue
    if (!Array.isArray(values))
      throw new SearchQueryError(`Filter ${facet} must be a list of values`)
    const wanted = values.map((value) => {
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new SearchQueryError(`Filter ${facet} takes strings or numbers, not ${typeof value}`)
      }
      return String(value)
    })
    if (facet === 'orgType') {
      const types = new Set(wanted)
      authorOk = new Uint8Array(authors.size)
      for (let id = 1; id < authors.size; id++) {
        authorOk[id] = types.has(authors.orgTypeOf(id) ?? '') ? 1 : 0
      }
      continue
    }
    const ok = new Uint8Array(cache.values.size)
    for (const value of wanted) {
      const id = cache.values.find(facet, value)
      if (id !== undefined) ok[id] = 1
    }
    const having = cache.sets.having(ok)
    if (setOk !== undefined) {
      for (let set = 0; set < having.length; set++)
        having[set] = (having[set] ?? 0) & (setOk[set] ?? 0)
    }
    setOk = having
  }
  const range = query.budget === undefined ? undefined : budgetRange(query.budget, cache)
  const budget = range === undefined ? undefined : budgetTest(range, cache)
  const { state, facetSet, author } = cache
  const accept: Predicate = (r) => {
    const s = state[r]
    if (s !== CURRENT && (!history || s !== OLD)) return false
    if (setOk !== undefined && setOk[facetSet[r] ?? 0] !== 1) return false
    if (authorOk !== undefined && authorOk[author[r] ?? 0] !== 1) return false
    return budget === undefined || budget(r)
  }
  return { accept, sets: setOk, authors: authorOk, budget: range, history }
}

function budgetTest({ min, max, currencyId }: BudgetRange, cache: DocColumns): Predicate {
  return (r) => {
    const budget = cache.budget[r] ?? Number.NaN // NaN fails both comparisons
    return budget >= min && budget <= max && (currencyId === 0 || cache.currency[r] === currencyId)
  }
}

function budgetRange(range: NonNullable<SearchQuery['budget']>, cache: DocColumns): BudgetRange {
  const currency = range.min?.currency ?? range.max?.currency
  if (
    range.min !== undefined &&
    range.max !== undefined &&
    range.min.currency !== range.max.currency
  ) {
    throw new SearchQueryError('The budget range must be in one currency', [
      {
        path: '/budget',
        code: 'budget-currencies',
        message: {
          en: 'the lower and upper bound must be in one currency',
          nl: 'de onder- en bovengrens moeten in één valuta zijn',
        },
      },
    ])
  }
  const min = range.min === undefined ? -Infinity : Number(minorUnits(range.min))
  const max = range.max === undefined ? Infinity : Number(minorUnits(range.max))
  // -1 matches no version: a currency no record has.
  const currencyId = currency === undefined ? 0 : (cache.currencies.find(currency) ?? -2) + 1
  return { min, max, currencyId }
}

function minorUnits(money: Money): bigint {
  try {
    return toMinorUnits(money)
  } catch (error) {
    throw new SearchQueryError(`Invalid budget: ${(error as Error).message}`)
  }
}
