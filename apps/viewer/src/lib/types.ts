/**
 * Shapes of the node's API answers the viewer reads: inferred from the API contract
 * (`@polder/api`), never typed by hand; record types come from the record model.
 */
import type { FacetName, OutputOf, Routes } from '@polder/api'
import type { LangMap, Money, PolderRecord, RecordState } from '@polder/schema'

export type { FacetName, RecordEvent } from '@polder/api'
export type { LangMap, Money, PolderRecord, RecordState }

/** `GET /v1/search`: the search result and the index's state. */
export type SearchAnswer = OutputOf<Routes['searchRecords']>
export type SearchHit = SearchAnswer['hits'][number]
export type FacetCount = NonNullable<SearchAnswer['facets'][FacetName]>[number]

export type Status = OutputOf<Routes['getStatus']>
export type Organization = OutputOf<Routes['getOrg']>
export type OrgList = OutputOf<Routes['listOrgs']>
export type RecordList = OutputOf<Routes['listRecords']>
export type Provenance = OutputOf<Routes['getRecordProvenance']>
export type Related = OutputOf<Routes['getRelatedRecords']>
export type Peer = OutputOf<Routes['listPeers']>['peers'][number]
/** One replicated log's state, as `GET /v1/sync` reports it. */
export type SyncLog = OutputOf<Routes['getSync']>['logs'][number]
export type Vocabularies = OutputOf<Routes['getVocabularies']>
/** One term of any vocabulary list. */
export type VocabularyItem = Vocabularies[Exclude<keyof Vocabularies, 'sdgs'>][number]
/** An attachment as the node describes it, ready for a record's `attachments`. */
export type UploadedAttachment = OutputOf<Routes['uploadAttachment']>
