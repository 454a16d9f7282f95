/**
 * @packageDocumentation
 *
 * Polder's local search: a full-text index with facets over the records a node holds, on
 * SQLite FTS5 in its own file, fed by the store's change events; it holds no text (hits
 * are read from the store, so the index stays small). Dutch and English
 * (porter for English, the Snowball Dutch stemmer plus prefixes for Dutch compounds), BM25
 * with title and summary above body, facet counts and filters, budget ranges, sorting
 * and cursor pages. Only the latest version of a live record is found unless `history`.
 *
 * @example
 * ```ts
 * import { follow, SearchIndex } from '@polder/search'
 *
 * const records = (author, id, version) => store.version(author, id, version)
 * const { index, needsRebuild } = SearchIndex.open({ path: `${home}/search.sqlite`, records })
 * if (needsRebuild) index.rebuild(store.states())
 * const stop = follow(store, index)
 * const result = index.search({ text: 'hittestress', filters: { province: ['PV23'] } })
 * for (const hit of result.hits) console.log(hit.title.nl, hit.snippet)
 * const next = index.search({ text: 'hittestress', cursor: result.cursor })
 * ```
 */
export { dutchStem } from './dutch-stem.js'
export {
  SearchIndexBrokenError,
  SearchIndexClosedError,
  SearchQueryError,
} from './errors.js'
export { FACET_NAMES, type FacetName } from './facets.js'
export { type Following, type FollowOptions, follow } from './follow.js'
export type { Overview, OverviewGroup, OverviewStandard } from './overview.js'
export {
  MAX_FACET_LIMIT,
  MAX_FILTER_VALUES,
  ORDERS,
  OVERVIEW_DIMENSIONS,
  OVERVIEW_TALLIES,
  type OverviewDimension,
  type OverviewTally,
  SORTS,
  searchQuerySchema,
} from './query-schema.js'
export { rebuildInSteps } from './rebuild.js'
export {
  type IndexChange,
  type OpenedIndex,
  type RecordLoader,
  SearchIndex,
  type SearchIndexInit,
} from './search-index.js'
export type { FacetCount, FacetFilter, SearchHit, SearchQuery, SearchResult } from './types.js'
