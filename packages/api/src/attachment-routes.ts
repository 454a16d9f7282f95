/**
 * Attachments: upload a file as a raw streamed body, download it by CID (from peers when
 * not here) with range requests, see where it stands, list the pins.
 */
import { formats, lazySchema } from '@polder/schema'
import * as z from 'zod'
import { json, OCTETS, route } from './route.js'

export const cidParams = lazySchema(() =>
  z.strictObject({
    cid: z.string().min(1).max(200).describe('The CID of a file (CIDv1 or CIDv0)'),
  }),
)

export const uploadQuery = lazySchema(() =>
  z.strictObject({
    name: formats.name().describe('The file name to put in the record'),
    type: formats
      .mediaType()
      .optional()
      .describe('Its media type; default: the Content-Type header, else application/octet-stream'),
  }),
)

export const downloadQuery = lazySchema(() =>
  z.strictObject({
    size: z
      .string()
      .regex(/^[0-9]{1,16}$/)
      .transform(Number)
      .optional()
      .describe('The size the record states: a file of another size is refused (409)'),
  }),
)

export const attachmentSchema = lazySchema(() =>
  z.strictObject({
    cid: z.string(),
    name: z.string(),
    mediaType: z.string(),
    size: z.number().int().min(0),
  }),
)

const origin = lazySchema(() => z.enum(['own', 'follow']))

export const pinListSchema = lazySchema(() =>
  z.strictObject({
    pins: z.array(z.strictObject({ cid: z.string(), origin, size: z.number().int().min(0) })),
    budget: z
      .strictObject({ bytes: z.number().int().min(0), used: z.number().int().min(0) })
      .describe('Bytes for followed organisations’ attachments, and how many are taken'),
    maxBytes: z.number().int().describe('Largest upload'),
  }),
)

export const attachmentStatusSchema = lazySchema(() =>
  z.strictObject({
    cid: z.string(),
    state: z.enum(['pinned', 'local', 'fetching', 'unavailable']),
    size: z.number().int().min(0).optional().describe('Bytes of the file, when its root is here'),
    localBytes: z.number().int().min(0).describe('Bytes of it held here'),
    pin: origin.optional().describe('Why it is pinned'),
    references: z
      .array(
        z.strictObject({
          author: z.string(),
          id: z.string(),
          name: z.string(),
          mediaType: z.string(),
          size: z.number().int().min(0),
          updated: z.string(),
        }),
      )
      .describe('Records carrying it'),
    error: z.string().optional().describe("The last automatic fetch's failure"),
  }),
)

const tags = ['attachments']

export const attachmentRoutes = {
  uploadAttachment: route({
    method: 'POST',
    path: '/v1/attachments',
    summary:
      "Upload a file (the raw body, streamed): it is pinned and its CID returned, ready for a record's attachments",
    tags,
    auth: true,
    query: uploadQuery,
    body: lazySchema(() => z.unknown().describe('The file')),
    bodyMediaType: OCTETS,
    responses: { 201: json(attachmentSchema, 'The attachment, as a record carries it') },
  }),
  listAttachments: route({
    method: 'GET',
    path: '/v1/attachments',
    summary: 'Pinned attachments (own, and followed organisations’ within the budget)',
    tags,
    responses: { 200: json(pinListSchema) },
  }),
  getAttachmentStatus: route({
    method: 'GET',
    path: '/v1/attachments/{cid}/status',
    summary: 'Where a file stands here: pinned, local, fetching or unavailable',
    tags,
    params: cidParams,
    responses: { 200: json(attachmentStatusSchema) },
  }),
  collectGarbage: route({
    method: 'POST',
    path: '/v1/attachments/gc',
    summary: 'Delete every unpinned block now (also done hourly)',
    tags,
    auth: true,
    responses: {
      200: json(lazySchema(() => z.strictObject({ deleted: z.number().int().min(0) }))),
    },
  }),
  downloadAttachment: route({
    method: 'GET',
    path: '/v1/attachments/{cid}',
    summary:
      'Download a file by CID, from peers when it is not here (404 when nobody has it in time); Range requests answered with 206; HEAD gives the headers',
    tags,
    head: true,
    params: cidParams,
    query: downloadQuery,
    responses: {
      200: { description: 'The file', mediaType: OCTETS, stream: true },
      206: { description: 'Part of the file', mediaType: OCTETS, stream: true },
      304: { description: 'Not modified' },
    },
  }),
} as const
