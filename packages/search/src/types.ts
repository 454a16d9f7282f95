/** The public shapes of results; queries are in query-schema.ts. */
import type { LangMap, Money, RecordKind } from '@polder/schema'
import type { FacetName } from './facets.js'

export type { FacetFilter, SearchQuery } from './query-schema.js'

export interface SearchHit {
  readonly author: string
  readonly id: string
  readonly version: number
  readonly kind: RecordKind
  readonly title: LangMap
  readonly summary: LangMap | undefined
  /** HTML-escaped text around the match, matched words in `<mark>`; '' without text. */
  readonly snippet: string
  /** Higher is more relevant; 0 without text. */
  readonly score: number
  readonly updated: string
  readonly budget: Money | undefined
}

export interface FacetCount {
  readonly value: string
  readonly count: number
  /** The organisation's name, for the `organization` facet. */
  readonly label?: LangMap
}

export interface SearchResult {
  /** Matching records in all pages. */
  readonly total: number
  readonly hits: readonly SearchHit[]
  /** Counts over all matching records (with every filter applied). */
  readonly facets: Partial<Record<FacetName, readonly FacetCount[]>>
  /** Pass back for the next page; undefined on the last. */
  readonly cursor: string | undefined
  /** No record had every word, so records with any of them are shown. */
  readonly relaxed: boolean
  /**
   * So many records matched that BM25 would be slow: those with every word in their title
   * (or organisation name) come first, newest first, then the rest, newest first.
   */
  readonly broad: boolean
}
