/** Filtering, facet counting, sorting and paging over the typed-array doc columns. */
import { type Money, toMinorUnits } from '@polder/schema'
import { DEFAULT_FACET_LIMIT, DEFAULT_LIMIT, MAX_LIMIT } from './constants.js'
import { decodeCursor, encodeCursor } from './cursor.js'
import { CURRENT, type DocColumns, OLD } from './doc-cache.js'
import { SearchQueryError } from './errors.js'
import { FACET_NAMES, type FacetName, type StoredFacet } from './facets.js'
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

/** What facets need of the authors: their type by author id, their names by DID. */
export interface AuthorFacts {
  /** One past the highest author id. */
  readonly size: number
  readonly orgTypeOf: (author: number) => string | undefined
  readonly namesOf: (did: string) => Record<string, string> | undefined
}

export type Predicate = (rowid: number) => boolean
/** A sort key: a number, or null when the version has none (no budget): those come last. */
type SortKey = (rowid: number, score: number) => number | null

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
  accept: Predicate = predicate(query, cache, authors),
): Selection {
  const limit = pageSize(query.limit)
  const hasText = matches.scores !== undefined || query.text !== undefined
  const { key, descending } = sortOf(query, matches.scores !== undefined, hasText, cache)
  const rank = (k: number | null): number =>
    k === null ? Number.NEGATIVE_INFINITY : descending ? k : -k
  const updated = cache.updated
  /** Negative when `a` comes first: rank, then newest, then lowest rowid. */
  const order = (aRank: number, a: number, bRank: number, b: number): number =>
    bRank - aRank || (updated[b] ?? 0) - (updated[a] ?? 0) || a - b
  const after = query.cursor === undefined ? undefined : cursorRank(query.cursor, rank)
  const counting = countingOf(query, cache, authors.size)
  const page: Ranked[] = []
  // The last of a full page: a match ranked below it is not kept.
  let barRank = Number.NEGATIVE_INFINITY
  let barRowid = -1
  let full = false
  let total = 0
  const { rowids, scores } = matches
  for (let i = 0; i < rowids.length; i++) {
    const rowid = rowids[i] as number
    if (!accept(rowid)) continue
    total++
    counting.add(rowid)
    const score = scores === undefined ? 0 : (scores[i] as number)
    const own = rank(key(rowid, score))
    if (after !== undefined && order(own, rowid, after.rank, after.rowid) <= 0) continue
    if (full && (own < barRank || (own === barRank && order(own, rowid, barRank, barRowid) >= 0)))
      continue
    insertTop(page, { rowid, score, rank: own }, limit + 1, order)
    if (page.length > limit) {
      full = true
      const bar = page[limit] as Ranked
      barRank = bar.rank
      barRowid = bar.rowid
    }
  }
  const more = page.length > limit
  if (more) page.pop()
  const last = page.at(-1)
  return {
    total,
    page: page.map(({ rowid, score }) => ({ rowid, score })),
    counts: counting.result(authors, query.facetLimit ?? DEFAULT_FACET_LIMIT),
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
function cursorRank(
  cursor: string,
  rank: (key: number | null) => number,
): { rank: number; rowid: number } {
  const { key, rowid } = decodeCursor(cursor)
  if (typeof key === 'string') throw new SearchQueryError('Invalid cursor')
  return { rank: rank(key), rowid }
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1)
    throw new SearchQueryError('limit must be a positive integer')
  return Math.min(limit, MAX_LIMIT)
}

function sortOf(
  query: SearchQuery,
  scored: boolean,
  hasText: boolean,
  cache: DocColumns,
): { key: SortKey; descending: boolean } {
  const descending = (query.order ?? 'desc') === 'desc'
  const sort = query.sort ?? (hasText ? 'relevance' : 'date')
  if (sort === 'relevance' && scored) return { key: (_rowid, score) => score, descending }
  if (sort === 'budget') {
    return {
      key: (rowid) => {
        const budget = cache.budget[rowid] ?? Number.NaN
        return Number.isNaN(budget) ? null : budget
      },
      descending,
    }
  }
  if (sort !== 'date' && sort !== 'relevance')
    throw new SearchQueryError(`Unknown sort: ${String(sort)}`)
  return { key: (rowid) => cache.updated[rowid] ?? 0, descending }
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
  const budget = query.budget === undefined ? undefined : budgetTest(query.budget, cache)
  const { state, facetSet, author } = cache
  return (r) => {
    const s = state[r]
    if (s !== CURRENT && (!history || s !== OLD)) return false
    if (setOk !== undefined && setOk[facetSet[r] ?? 0] !== 1) return false
    if (authorOk !== undefined && authorOk[author[r] ?? 0] !== 1) return false
    return budget === undefined || budget(r)
  }
}

function budgetTest(range: NonNullable<SearchQuery['budget']>, cache: DocColumns): Predicate {
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
  return (r) => {
    const budget = cache.budget[r] ?? Number.NaN // NaN fails both comparisons
    return budget >= min && budget <= max && (currencyId === 0 || cache.currency[r] === currencyId)
  }
}

function minorUnits(money: Money): bigint {
  try {
    return toMinorUnits(money)
  } catch (error) {
    throw new SearchQueryError(`Invalid budget: ${(error as Error).message}`)
  }
}

const isFacet = (name: string): name is FacetName =>
  (FACET_NAMES as readonly string[]).includes(name)

/** Counts facet values over accepted docs: one increment per doc, on its facet set. */
function countingOf(query: SearchQuery, cache: DocColumns, authorCount: number) {
  const wanted = new Set<FacetName>(query.facets ?? FACET_NAMES)
  for (const name of wanted)
    if (!isFacet(name)) throw new SearchQueryError(`Unknown facet: ${name}`)
  const perSet = new Uint32Array(cache.sets.size)
  const byAuthor = new Uint32Array(authorCount)
  const storedWanted = [...wanted].some((name) => name !== 'orgType')
  const orgTypes = wanted.has('orgType')
  const { facetSet, author } = cache
  return {
    add(r: number) {
      if (storedWanted) {
        const set = facetSet[r] ?? 0
        perSet[set] = (perSet[set] ?? 0) + 1
      }
      if (orgTypes) {
        const a = author[r] ?? 0
        byAuthor[a] = (byAuthor[a] ?? 0) + 1
      }
    },
    result(authors: AuthorFacts, facetLimit: number): Partial<Record<FacetName, FacetCount[]>> {
      const out: Partial<Record<FacetName, FacetCount[]>> = {}
      for (const name of wanted) out[name] = []
      const counts = new Uint32Array(cache.values.size)
      cache.sets.spread(perSet, counts)
      counts.forEach((count, id) => {
        const facet = cache.values.facetOf[id] as StoredFacet
        if (count === 0 || !wanted.has(facet)) return
        const value = cache.values.valueOf[id] as string
        const label = facet === 'organization' ? authors.namesOf(value) : undefined
        out[facet]?.push(label === undefined ? { value, count } : { value, count, label })
      })
      if (wanted.has('orgType')) {
        const types = new Map<string, number>()
        byAuthor.forEach((count, id) => {
          const type = count === 0 ? undefined : authors.orgTypeOf(id)
          if (type !== undefined) types.set(type, (types.get(type) ?? 0) + count)
        })
        out.orgType = [...types].map(([value, count]) => ({ value, count }))
      }
      for (const name of wanted) {
        out[name] = (out[name] ?? [])
          .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
          .slice(0, facetLimit)
      }
      return out
    },
  }
}
