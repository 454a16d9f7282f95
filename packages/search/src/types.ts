/** The public shapes of queries and results. */
import type { LangMap, Money, RecordKind } from '@polder/schema'
import type { FacetName } from './facets.js'

/** Values of one facet: a record matches when it has any of them. */
export type FacetFilter = readonly (string | number)[]

export interface SearchQuery {
  /** Words, "quoted phrases" and `prefix*`; empty or absent browses everything. */
  readonly text?: string
  /** Filters: any value within a facet, all facets together. */
  readonly filters?: Partial<Record<FacetName, FacetFilter>>
  /** Budget range, inclusive, in one currency; records without a budget drop out. */
  readonly budget?: { readonly min?: Money; readonly max?: Money }
  /** @default 'relevance' with text, 'date' without */
  readonly sort?: 'relevance' | 'date' | 'budget'
  /** @default 'desc' (best, newest, largest first) */
  readonly order?: 'asc' | 'desc'
  /** @default 20, at most 100 */
  readonly limit?: number
  /** From a previous result's `cursor`, with the same query. */
  readonly cursor?: string
  /** Include earlier versions of records. @default false */
  readonly history?: boolean
  /** Which facets to count. @default all */
  readonly facets?: readonly FacetName[]
  /** Values per facet, most frequent first. @default 100 */
  readonly facetLimit?: number
}

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
