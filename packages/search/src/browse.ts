/**
 * A query without words (browsing with filters) without a pass over every version: the
 * facet counts are the current versions per facet set that the index keeps on writes,
 * the page is read from the front of the kept date or budget order, and a budget filter
 * reads its range of the budget order. The same selection as `select` over every version
 * (a property test compares them); the other queries (`history`, an `orgType` filter, an
 * ascending sort) go through `select`.
 */
import type { DocColumns } from './doc-cache.js'
import { CURRENT } from './doc-cache.js'
import { FacetCounts } from './facet-counts.js'
import type { RowOrder } from './row-order.js'
import {
  type AuthorFacts,
  type BudgetRange,
  type Candidate,
  cursorRank,
  type Filter,
  type Matches,
  pageSize,
  type Selection,
  select,
  selectionOf,
  sortOf,
} from './select.js'
import type { SearchQuery } from './types.js'

export function browse(
  query: SearchQuery,
  cache: DocColumns,
  authors: AuthorFacts,
  filter: Filter,
  everything: () => Matches,
): Selection {
  if (filter.budget !== undefined) {
    const rowids = budgetRows(cache.byBudget, cache, filter.budget)
    return select({ rowids, scores: undefined }, query, cache, authors, filter)
  }
  const { key, descending } = sortOf(query, false, false, cache)
  if (filter.history || filter.authors !== undefined || !descending)
    return select(everything(), query, cache, authors, filter)
  const limit = pageSize(query.limit)
  const updated = cache.updated
  const rank = (k: number | null): number => (k === null ? Number.NEGATIVE_INFINITY : k)
  const after = query.cursor === undefined ? undefined : cursorRank(query.cursor, rank)
  const counting = new FacetCounts(query, cache)
  const total = counting.addCurrent(filter.sets)
  const order = (query.sort ?? 'date') === 'budget' ? cache.byBudget : cache.byDate
  const rows = order.rows()
  const { state, facetSet } = cache
  const sets = filter.sets
  const page: Candidate[] = []
  for (let i = 0; i < rows.length && page.length <= limit; i++) {
    const rowid = rows[i] as number
    if (state[rowid] !== CURRENT) continue
    if (sets !== undefined && sets[facetSet[rowid] ?? 0] !== 1) continue
    if (after !== undefined) {
      // as `select` orders: rank, then newest, then lowest rowid
      const own = rank(key(rowid, 0))
      const before =
        after.rank - own ||
        (updated[after.rowid] ?? 0) - (updated[rowid] ?? 0) ||
        rowid - after.rowid
      if (before <= 0) continue
    }
    page.push({ rowid, score: 0 })
  }
  return selectionOf(page, limit, total, key, counting.result(authors, query.facetLimit))
}

/** The versions whose budget lies in the range, from the budget order (largest first). */
function budgetRows(order: RowOrder, cache: DocColumns, range: BudgetRange): Int32Array {
  const rows = order.rows()
  const budget = (i: number): number => {
    const value = cache.budget[rows[i] as number] ?? Number.NaN
    return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value
  }
  // the first row at or below `max`, then the first below `min`
  const first = (above: (value: number) => boolean): number => {
    let low = 0
    let high = rows.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (above(budget(mid))) low = mid + 1
      else high = mid
    }
    return low
  }
  const start = first((value) => value > range.max)
  const end = first((value) => value >= range.min)
  return rows.slice(start, Math.max(start, end))
}
