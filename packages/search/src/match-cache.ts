/**
 * What the index keeps of the last few queries (in a {@link boundedCache}), so that what a
 * person does next with the same words — click a facet, turn a page, change the budget
 * range — costs no FTS5 pass: filters, counts and pages are computed from the matches in
 * memory. Any write empties it.
 */
import type { Matches } from './select.js'

export interface Found {
  readonly matches: Matches
  readonly relaxed: boolean
  readonly broad: boolean
  /**
   * Scores were computed only for the versions the query's filters accept: the matches
   * serve a query with the same filters, not another.
   */
  readonly scoped: boolean
}
