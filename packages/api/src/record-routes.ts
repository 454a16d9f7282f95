/** The own organisation's records, and any record by global reference. */
import { formats, LIMITS, langMap, lazySchema } from '@polder/schema'
import * as z from 'zod'
import {
  boolString,
  count,
  KIND_CODES,
  ownRecordParams,
  recordParams,
  recordStateSchema,
} from './common.js'
import { RECORD_MEDIA_TYPES } from './format-routes.js'
import { json, route } from './route.js'

/** Records in one bulk publish. */
export const MAX_BULK = 10_000

export const listQuery = lazySchema(() =>
  z.strictObject({
    kind: z.enum(KIND_CODES).optional(),
    author: formats.did().optional().describe('Default: this node’s organisation'),
    after: formats.recordId().optional().describe('Records with an id after this one'),
    limit: count(10_000).optional().describe('Default 100'),
    retracted: boolString.optional().describe('Include tombstones'),
  }),
)

/** A record to publish: its fields as in `GET /v1/schema/{kind}`, without the envelope. */
export const recordInput = lazySchema(() =>
  z
    .looseObject({ kind: z.enum(KIND_CODES) })
    .describe('A record without its envelope (id, author, version, dates are set by the node)'),
)

export const publishBody = lazySchema(() =>
  z.union([
    recordInput,
    z.array(recordInput).min(1).max(MAX_BULK).describe('Many records, written all or nothing'),
  ]),
)

export const publishQuery = lazySchema(() =>
  z.strictObject({
    force: boolString
      .optional()
      .describe(
        'Publish records whose content equals a live record of the organisation (refused with 409 duplicate-record otherwise)',
      ),
  }),
)

export const editBody = lazySchema(() =>
  z
    .record(z.string(), z.unknown())
    .describe('The fields to change; the rest stays as it is; null removes an optional field'),
)

export const retractBody = lazySchema(() =>
  z.strictObject({
    reason: langMap(LIMITS.summary).describe('Why, in one or more languages: { "nl": "…" }'),
  }),
)

export const recordListSchema = lazySchema(() =>
  z.strictObject({
    records: z.array(recordStateSchema),
    total: z.number().int().min(0).describe('Live records of the organisation'),
    next: z.string().optional().describe('The id to pass as `after` for the next page'),
  }),
)

export const provenanceSchema = lazySchema(() =>
  z.strictObject({
    ref: z.string(),
    author: z.string(),
    id: z.string(),
    version: z.number().int(),
    entry: z.string().describe('CID of the log entry that carried this version'),
    signatureVerified: z
      .boolean()
      .describe("The entry's Ed25519 signature is the author's, and it carries this version"),
    local: z.boolean().describe('Written on this node rather than replicated'),
    receivedFrom: z.string().optional().describe('The peer that sent the entry'),
    receivedAt: z.string().optional(),
  }),
)

export const relatedSchema = lazySchema(() =>
  z.strictObject({
    outgoing: z.array(
      z.looseObject({
        type: z.string(),
        target: z.string(),
        title: langMap(LIMITS.title).optional(),
      }),
    ),
    incoming: z.array(
      z.strictObject({
        type: z.string(),
        source: z.string(),
        kind: z.string(),
        title: langMap(LIMITS.title),
      }),
    ),
  }),
)

const read = <const S extends z.ZodType>(path: string, summary: string, schema: S) =>
  route({
    method: 'GET',
    path: `/v1/records/{id}${path}`,
    summary,
    tags: ['records'],
    params: recordParams,
    responses: { 200: json(schema) },
  })

export const recordRoutes = {
  listRecords: route({
    method: 'GET',
    path: '/v1/records',
    summary: 'Records of an organisation (this node’s by default), by id',
    tags: ['records'],
    query: listQuery,
    responses: { 200: json(recordListSchema) },
  }),
  getRecord: route({
    method: 'GET',
    path: '/v1/records/{id}',
    summary:
      'A record, tombstone included: JSON, or by Accept JSON-LD, Turtle, N-Triples or a citation (406 lists what is offered)',
    tags: ['records'],
    params: recordParams,
    responses: {
      200: {
        description: 'The record',
        schema: recordStateSchema,
        alsoAs: RECORD_MEDIA_TYPES,
      },
    },
  }),
  getRecordHistory: read(
    '/history',
    'Every version, oldest first',
    lazySchema(() => z.strictObject({ versions: z.array(recordStateSchema) })),
  ),
  getRecordProvenance: read(
    '/provenance',
    'Where the current version came from, its signature checked again',
    provenanceSchema,
  ),
  getRelatedRecords: read(
    '/related',
    'Records it relates to, and records relating to it',
    relatedSchema,
  ),
  publishRecords: route({
    method: 'POST',
    path: '/v1/records',
    // not toLocaleString: Intl's number data is 5 MB more RSS for a node that loads this at start
    summary: `Publish a record, or many (at most ${String(MAX_BULK).replace(/\B(?=(\d{3})+$)/g, ',')}) all or nothing`,
    tags: ['records'],
    auth: true,
    query: publishQuery,
    body: publishBody,
    responses: {
      201: json(
        lazySchema(() =>
          z.union([recordStateSchema, z.strictObject({ records: z.array(recordStateSchema) })]),
        ),
        'The record (or { records }) as stored: signed, with its envelope',
      ),
    },
  }),
  editRecord: route({
    method: 'PATCH',
    path: '/v1/records/{id}',
    summary: 'Edit an own record: a new version with these fields changed',
    tags: ['records'],
    auth: true,
    params: ownRecordParams,
    body: editBody,
    responses: {
      200: json(
        recordStateSchema,
        'The new version; an edit that changes nothing is refused (409 no-change), as is a change of kind, id or the fields the node sets (422)',
      ),
    },
  }),
  retractRecord: route({
    method: 'DELETE',
    path: '/v1/records/{id}',
    summary: 'Retract an own record, with a reason: a signed tombstone',
    tags: ['records'],
    auth: true,
    params: ownRecordParams,
    body: retractBody,
    responses: { 200: json(recordStateSchema, 'The tombstone') },
  }),
} as const
