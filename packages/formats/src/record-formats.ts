/** A record in each media type the record route offers besides plain JSON. */
import { isTombstone, type RecordState } from '@polder/schema'
import { CITATION_MEDIA_TYPES, type CitationInit, cite } from './citations/index.js'
import { MEDIA_TYPES } from './constants.js'
import { serialiseRdf } from './rdf.js'
import { toLinkedData } from './to-linked-data.js'

/** Media types of every record, plain JSON (the default) first. */
export const RECORD_MEDIA_TYPES = [
  MEDIA_TYPES.json,
  MEDIA_TYPES.jsonLd,
  MEDIA_TYPES.turtle,
  MEDIA_TYPES.nTriples,
] as const

/** What a record is offered as: linked data, citations of live records, DataCite of findings. */
export function recordMediaTypes(state: RecordState): string[] {
  if (isTombstone(state)) return [...RECORD_MEDIA_TYPES]
  const citations: string[] = [
    CITATION_MEDIA_TYPES.csl,
    CITATION_MEDIA_TYPES.bibtex,
    CITATION_MEDIA_TYPES.ris,
  ]
  if (state.kind === 'finding') citations.push(CITATION_MEDIA_TYPES.datacite)
  return [...RECORD_MEDIA_TYPES, ...citations]
}

/** The body of a record in a media type of {@link recordMediaTypes}; undefined for plain JSON. */
export async function representRecord(
  state: RecordState,
  mediaType: string,
  init: CitationInit,
): Promise<string | undefined> {
  switch (mediaType) {
    case MEDIA_TYPES.jsonLd:
      return JSON.stringify(toLinkedData(state, init.iris))
    case MEDIA_TYPES.turtle:
      return serialiseRdf(toLinkedData(state, init.iris), 'turtle')
    case MEDIA_TYPES.nTriples:
      return serialiseRdf(toLinkedData(state, init.iris), 'n-triples')
    default:
      return isTombstone(state) ? undefined : cite(state, mediaType, init)
  }
}
