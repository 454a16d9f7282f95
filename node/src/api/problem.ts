/** RFC 9457 problem details: the one shape every API error takes (its schema: @polder/api). */
import type { ProblemDocument } from '@polder/api'

/** Problem types are URNs: stable names, not links to a site that may not exist. */
const BASE = 'urn:polder:problem:'

/**
 * The title of each problem type: the same for every occurrence (RFC 9457 §3.1.3), so a
 * client may show or match it; what varies goes in `detail` and in the field `problems`.
 */
export const TITLES: Record<string, string> = {
  'invalid-record': 'The record is not valid',
  'record-not-found': 'No such record',
  'record-retracted': 'The record was retracted',
  'record-exists': 'The record exists already',
  'invalid-reference': 'Not a Polder reference',
  'invalid-did': 'Not a did:key',
  'organization-blocked': 'The organisation is blocked',
  'follow-self': 'A node does not follow its own organisation',
  'block-self': 'A node cannot block its own organisation',
  'not-blocked': 'The organisation is not blocked',
  'not-replicated': 'The organisation is not replicated here',
  'invalid-address': 'Not a peer address',
  'foreign-record': 'Not a record of this organisation',
  'log-not-held': 'This node does not hold that log',
  'log-not-writable': 'This node cannot write that log',
  'shutting-down': 'The node is shutting down',
  'network-starting': 'The node is still starting its network (de node start zijn netwerk nog)',
  'network-unavailable':
    'The node could not start its network (de node kon zijn netwerk niet starten)',
  'disk-full': 'The disk is full',
  'bad-query': 'The search query is not valid',
  'search-unavailable': 'Search is unavailable for now',
  'invalid-request': 'The request is not valid',
  'attachment-too-large': 'The attachment is too large',
  'invalid-cid': 'Not a CID',
  'attachment-not-found': 'No such attachment',
  'not-a-file': 'Not a file',
  'range-not-satisfiable': 'The range is outside the file',
  'attachment-size-mismatch': 'The file is not the size announced',
  'attachment-fetch-failed': 'The attachment could not be fetched',
  'unknown-kind': 'Unknown record kind',
  'not-found': 'Not found',
  'not-acceptable': 'None of the accepted media types is offered',
  'unsupported-media-type': 'Unsupported media type',
  'invalid-csv': 'The file has problems: nothing was written',
  'rate-limited': 'Too many requests',
  'too-many-event-clients': 'Too many live-event streams',
  unauthorized: 'Not authorised',
  'payload-too-large': 'The request is too large',
  'bad-request': 'Bad request',
  internal: 'Internal error',
}

/**
 * A problem document. A `title` other than the type's constant one becomes the start of
 * `detail`: callers may say what happened in their own words without making the title vary.
 */
export function problem(
  status: number,
  slug: string,
  title: string,
  extra: Partial<Pick<ProblemDocument, 'detail' | 'problems'>> = {},
): ProblemDocument {
  const constant = TITLES[slug] ?? title
  const detail =
    title === constant
      ? extra.detail
      : extra.detail === undefined
        ? title
        : `${title}: ${extra.detail}`
  return {
    type: `${BASE}${slug}`,
    title: constant,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(extra.problems === undefined ? {} : { problems: extra.problems }),
  }
}
