/** What an OAI-PMH 2.0 repository needs from the node: its records, in datestamp order. */
import type { Organization, RecordState } from '@polder/schema'
import type { Iris } from '../iris.js'

export interface OaiSet {
  readonly spec: string
  readonly name: string
}

/** A position in the datestamp order: after this record. */
export interface OaiPosition {
  readonly updated: string
  readonly ref: string
}

export interface OaiPageQuery {
  readonly from?: string
  readonly until?: string
  readonly set?: string
  readonly after?: OaiPosition
  readonly limit: number
}

export interface OaiRepository {
  readonly iris: Iris
  readonly repositoryName: string
  readonly adminEmail: string
  /** The oldest `updated` of any record (the start of the epoch when empty). */
  earliestDatestamp(): string
  sets(): readonly OaiSet[]
  /** The current state of a record (a tombstone when retracted) by its reference. */
  get(ref: string): RecordState | undefined
  /** States in (updated, reference) order after `after`, within from/until and the set. */
  page(query: OaiPageQuery): readonly RecordState[]
  /** The organisation profile of a DID, for names. */
  organization(did: string): Organization | undefined
}
