/** Filtering, facet counting, sorting and paging over the in-memory doc cache. */
import { type Money, toMinorUnits } from '@polder/schema'
import { DEFAULT_FACET_LIMIT, DEFAULT_LIMIT, MAX_LIMIT } from './constants.js'
import { type CursorPosition, decodeCursor, encodeCursor } from './cursor.js'
import type { CachedDoc, DocCache } from './doc-cache.js'
import { SearchQueryError } from './errors.js'
import { FACET_NAMES, type FacetName, type StoredFacet } from './facets.js'
import type { FacetCount, SearchQuery } from './types.js'

export interface Candidate {
  readonly doc: CachedDoc
  readonly score: number
}

export interface Selection {
  readonly total: number
  readonly page: readonly Candidate[]
  readonly counts: Partial<Record<FacetName, FacetCount[]>>
  readonly cursor: string | undefined
}

export interface Authors {
  readonly orgTypeOf: (did: string) => string | undefined
  readonly namesOf: (did: string) => Record<string, string> | undefined
}

type Predicate = (doc: CachedDoc) => boolean
type SortKey = (candidate: Candidate) => number | string | null

/** Applies filters to `candidates`, counts facets over the rest and cuts one page. */
export function select(
  candidates: Iterable<Candidate>,
  query: SearchQuery,
  cache: DocCache,
  authors: Authors,
  hasText: boolean,
): Selection {
  const accept = predicate(query, cache, authors)
  const limit = pageSize(query.limit)
  const { key, descending } = sortOf(query, hasText)
  const compare = (a: Candidate, b: Candidate) =>
    compareKeys(key(a), key(b), descending) || a.doc.rowid - b.doc.rowid
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  const counting = countingOf(query, cache)
  const page: Candidate[] = []
  let total = 0
  for (const candidate of candidates) {
    if (!accept(candidate.doc)) continue
    total++
    counting.add(candidate.doc)
    if (after !== undefined && comparePosition(candidate, after, key, descending) <= 0) continue
    insertTop(page, candidate, limit + 1, compare)
  }
  const more = page.length > limit
  if (more) page.pop()
  const last = page.at(-1)
  return {
    total,
    page,
    counts: counting.result(authors, query.facetLimit ?? DEFAULT_FACET_LIMIT),
    cursor:
      more && last !== undefined
        ? encodeCursor({ key: key(last), rowid: last.doc.rowid })
        : undefined,
  }
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1)
    throw new SearchQueryError('limit must be a positive integer')
  return Math.min(limit, MAX_LIMIT)
}

function sortOf(query: SearchQuery, hasText: boolean): { key: SortKey; descending: boolean } {
  const descending = (query.order ?? 'desc') === 'desc'
  const sort = query.sort ?? (hasText ? 'relevance' : 'date')
  if (sort === 'relevance' && hasText) return { key: (c) => c.score, descending }
  if (sort === 'budget') {
    return { key: (c) => (c.doc.budget === undefined ? null : Number(c.doc.budget)), descending }
  }
  if (sort !== 'date' && sort !== 'relevance')
    throw new SearchQueryError(`Unknown sort: ${String(sort)}`)
  return { key: (c) => c.doc.updated, descending }
}

/** Orders keys; missing keys (no budget) always come last. */
function compareKeys(
  a: number | string | null,
  b: number | string | null,
  descending: boolean,
): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  const order = a < b ? -1 : 1
  return descending ? -order : order
}

function comparePosition(
  c: Candidate,
  at: CursorPosition,
  key: SortKey,
  descending: boolean,
): number {
  return compareKeys(key(c), at.key, descending) || c.doc.rowid - at.rowid
}

/** Keeps `top` sorted and at most `size` long: a page costs O(n) for n matches, not a sort. */
function insertTop(
  top: Candidate[],
  candidate: Candidate,
  size: number,
  compare: (a: Candidate, b: Candidate) => number,
): void {
  const last = top.at(-1)
  if (top.length >= size && last !== undefined && compare(candidate, last) >= 0) return
  let low = 0
  let high = top.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (compare(top[mid] as Candidate, candidate) <= 0) low = mid + 1
    else high = mid
  }
  top.splice(low, 0, candidate)
  if (top.length > size) top.pop()
}

function predicate(query: SearchQuery, cache: DocCache, authors: Authors): Predicate {
  const tests: Predicate[] = []
  if (query.history !== true) tests.push((doc) => doc.current)
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
      tests.push((doc) => types.has(authors.orgTypeOf(doc.author) ?? ''))
      continue
    }
    const ids = new Set(wanted.flatMap((value) => cache.values.find(facet, value) ?? []))
    tests.push((doc) => doc.facetIds.some((id) => ids.has(id)))
  }
  if (query.budget !== undefined) tests.push(budgetTest(query.budget))
  return (doc) => tests.every((test) => test(doc))
}

function budgetTest(range: NonNullable<SearchQuery['budget']>): Predicate {
  const currency = range.min?.currency ?? range.max?.currency
  if (
    range.min !== undefined &&
    range.max !== undefined &&
    range.min.currency !== range.max.currency
  ) {
    throw new SearchQueryError('The budget range must be in one currency')
  }
  const min = range.min === undefined ? undefined : minorUnits(range.min)
  const max = range.max === undefined ? undefined : minorUnits(range.max)
  return (doc) =>
    doc.budget !== undefined &&
    (currency === undefined || doc.currency === currency) &&
    (min === undefined || doc.budget >= min) &&
    (max === undefined || doc.budget <= max)
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

/** Counts facet values over accepted docs with one array increment per value. */
function countingOf(query: SearchQuery, cache: DocCache) {
  const wanted = new Set<FacetName>(query.facets ?? FACET_NAMES)
  for (const name of wanted)
    if (!isFacet(name)) throw new SearchQueryError(`Unknown facet: ${name}`)
  const counts = new Uint32Array(cache.values.size)
  const byAuthor = new Map<string, number>()
  return {
    add(doc: CachedDoc) {
      for (const id of doc.facetIds) counts[id] = (counts[id] ?? 0) + 1
      if (wanted.has('orgType')) byAuthor.set(doc.author, (byAuthor.get(doc.author) ?? 0) + 1)
    },
    result(authors: Authors, facetLimit: number): Partial<Record<FacetName, FacetCount[]>> {
      const out: Partial<Record<FacetName, FacetCount[]>> = {}
      for (const name of wanted) out[name] = []
      counts.forEach((count, id) => {
        const facet = cache.values.facetOf[id] as StoredFacet
        if (count === 0 || !wanted.has(facet)) return
        const value = cache.values.valueOf[id] as string
        const label = facet === 'organization' ? authors.namesOf(value) : undefined
        out[facet]?.push(label === undefined ? { value, count } : { value, count, label })
      })
      if (wanted.has('orgType')) {
        const types = new Map<string, number>()
        for (const [author, count] of byAuthor) {
          const type = authors.orgTypeOf(author)
          if (type !== undefined) types.set(type, (types.get(type) ?? 0) + count)
        }
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
