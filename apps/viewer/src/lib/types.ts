/** Shapes of the node's API answers the viewer reads (record types come from the schema). */
import type { LangMap, Money, PolderRecord, RecordState } from '@polder/schema'

import type { SearchResult } from '@polder/search'

export type { FacetCount, FacetName, SearchHit, SearchResult } from '@polder/search'

/** `GET /v1/search`: the search package's result and the index's state. */
export type SearchAnswer = SearchResult & {
  readonly index: { readonly state: string; readonly records: number }
}
export type { LangMap, Money, PolderRecord, RecordState }

export interface Status {
  readonly version: string
  readonly did: string
  readonly peerId: string
  readonly addresses: readonly string[]
  readonly peers: number
  readonly records: number
  readonly search: { readonly state: string; readonly records: number }
}

export interface Organization {
  readonly did: string
  readonly name?: LangMap
  readonly orgType?: string
  readonly self: boolean
  readonly followed: boolean
  readonly blocked: boolean
  readonly blockReason?: string
  readonly trust: string | null
  readonly vouchedBy: readonly string[]
  readonly records: number
  readonly lastSeen?: string
  readonly peer?: string
}

export interface OrgList {
  readonly mode: string
  readonly vouches: number
  readonly organizations: readonly Organization[]
}

export interface RecordList {
  readonly records: readonly RecordState[]
  readonly total: number
  readonly next?: string
}

export interface Provenance {
  readonly ref: string
  readonly author: string
  readonly entry: string
  readonly signatureVerified: boolean
  readonly receivedFrom?: string
  readonly receivedAt?: string
  readonly local: boolean
}

export interface Related {
  readonly outgoing: readonly { type: string; target: string; title?: LangMap }[]
  readonly incoming: readonly { type: string; source: string; kind: string; title: LangMap }[]
}

export interface Peer {
  readonly peerId: string
  readonly address: string
  readonly direction: string
  readonly offences: number
}

/** One replicated log's state, as `GET /v1/sync` reports it. */
export interface SyncLog {
  readonly did: string
  readonly state: 'complete' | 'behind' | 'syncing' | 'unknown'
  readonly heads: readonly string[]
  readonly missingHeads: readonly string[]
  readonly records: number
  readonly lastUpdate?: string
  readonly lastError?: string
  readonly holders: readonly string[]
  readonly progress?: { readonly total: number; readonly joined: number }
}

export interface VocabularyItem {
  readonly code: string
  readonly label?: LangMap
  readonly name?: string
  readonly province?: string
  readonly sdgs?: readonly number[]
}

export interface Vocabularies {
  readonly kinds: readonly VocabularyItem[]
  readonly themes: readonly VocabularyItem[]
  readonly sdgs: readonly { number: number; label: LangMap }[]
  readonly organizationTypes: readonly VocabularyItem[]
  readonly practiceStatuses: readonly VocabularyItem[]
  readonly barriers: readonly VocabularyItem[]
  readonly impactDimensions: readonly VocabularyItem[]
  readonly fundingSources: readonly VocabularyItem[]
  readonly relationTypes: readonly VocabularyItem[]
  readonly provinces: readonly VocabularyItem[]
  readonly municipalities: readonly VocabularyItem[]
}

/** A live event's summary (`GET /v1/events`). */
export interface RecordEvent {
  readonly ref: string
  readonly author: string
  readonly id: string
  readonly kind: string
  readonly version: number
  readonly updated?: string
  readonly title?: LangMap
}
