/** A record in each media type the record route offers besides plain JSON. */
import type { RecordState } from '@polder/schema'
import { MEDIA_TYPES } from './constants.js'
import type { Iris } from './iris.js'
import { serialiseRdf } from './rdf.js'
import { toLinkedData } from './to-linked-data.js'

/** Media types of a record, plain JSON (the default) first. */
export const RECORD_MEDIA_TYPES = [
  MEDIA_TYPES.json,
  MEDIA_TYPES.jsonLd,
  MEDIA_TYPES.turtle,
  MEDIA_TYPES.nTriples,
] as const

/** The body of a record in a linked-data media type; undefined for plain JSON. */
export async function representRecord(
  state: RecordState,
  mediaType: string,
  iris: Iris,
): Promise<string | undefined> {
  switch (mediaType) {
    case MEDIA_TYPES.jsonLd:
      return JSON.stringify(toLinkedData(state, iris))
    case MEDIA_TYPES.turtle:
      return serialiseRdf(toLinkedData(state, iris), 'turtle')
    case MEDIA_TYPES.nTriples:
      return serialiseRdf(toLinkedData(state, iris), 'n-triples')
    default:
      return undefined
  }
}
