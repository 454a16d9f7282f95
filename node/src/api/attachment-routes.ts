/**
 * Attachments: upload a file as a raw streamed body, download it by CID (from peers
 * when not here) with range requests, see where it stands, list the pins.
 */
import { Readable } from 'node:stream'
import type { Attachments } from '@polder/attachments'
import { formats } from '@polder/schema'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import * as z from 'zod'
import { requireToken } from './auth.js'
import { describe } from './openapi.js'
import { problem } from './problem.js'
import { parseRange } from './range.js'

export interface AttachmentRoutesInit {
  readonly attachments: Attachments
  readonly token: string
}

const cidParams = z.strictObject({
  cid: z.string().min(1).max(200).describe('The CID of a file (CIDv1 or CIDv0)'),
})

const uploadQuery = z.strictObject({
  name: formats.name().describe('The file name to put in the record'),
  type: formats
    .mediaType()
    .optional()
    .describe('Its media type; default: the Content-Type header, else application/octet-stream'),
})

const downloadQuery = z.strictObject({
  size: z
    .string()
    .regex(/^[0-9]{1,16}$/)
    .transform(Number)
    .optional()
    .describe('The size the record states: a file of another size is refused (409)'),
})

const OCTETS = 'application/octet-stream'
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i

type Params = { Params: z.output<typeof cidParams> }

export function attachmentRoutes({ attachments, token }: AttachmentRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const auth = requireToken(token)
    // in this plugin only: every body is a raw stream, handed over unread and unbuffered
    // (the server's JSON parsers and 16 MiB body limit do not apply; the service limits)
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload))

    app.post<{ Querystring: z.output<typeof uploadQuery> }>(
      '/v1/attachments',
      {
        onRequest: auth,
        schema: describe({
          summary: `Upload a file (the raw body, streamed; at most ${attachments.maxBytes / 1024 / 1024} MiB): it is pinned and its CID returned, ready for a record's attachments`,
          tags: ['attachments'],
          auth: true,
          querystring: uploadQuery,
          responses: { 201: 'The attachment: { cid, name, mediaType, size }' },
        }),
      },
      async (request, reply) => {
        const header = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
        const mediaType = request.query.type ?? (MEDIA_TYPE.test(header) ? header : OCTETS)
        const length = request.headers['content-length']
        const attachment = await attachments.add(
          bodyOf(request),
          { name: request.query.name, mediaType },
          {
            signal: abortOnClose(reply),
            declaredSize: length === undefined ? undefined : Number(length),
          },
        )
        return reply
          .code(201)
          .header('location', `/v1/attachments/${attachment.cid}`)
          .send(attachment)
      },
    )

    app.get(
      '/v1/attachments',
      {
        schema: describe({
          summary: 'Pinned attachments (own, and followed organisations’ within the budget)',
          tags: ['attachments'],
        }),
      },
      async () => attachments.pins(),
    )

    app.get<Params>(
      '/v1/attachments/:cid/status',
      {
        schema: describe({
          summary: 'Where a file stands here: pinned, local, fetching or unavailable',
          tags: ['attachments'],
          params: cidParams,
        }),
      },
      async (request) => attachments.status(request.params.cid),
    )

    app.post(
      '/v1/attachments/gc',
      {
        onRequest: auth,
        schema: describe({
          summary: 'Delete every unpinned block now (also done hourly)',
          tags: ['attachments'],
          auth: true,
        }),
      },
      async () => attachments.gc(),
    )

    app.get<Params & { Querystring: z.output<typeof downloadQuery> }>(
      '/v1/attachments/:cid',
      {
        // the body is the file, not JSON: HEAD is answered below without reading it
        exposeHeadRoute: false,
        schema: describe({
          summary:
            'Download a file by CID, from peers when it is not here (404 when nobody has it within 30 s); Range requests answered with 206',
          tags: ['attachments'],
          params: cidParams,
          querystring: downloadQuery,
          responses: { 200: 'The file', 206: 'Part of the file', 304: 'Not modified' },
        }),
      },
      async (request, reply) => download(attachments, request, reply),
    )
    app.head<Params>(
      '/v1/attachments/:cid',
      {
        schema: describe({
          summary: 'Headers of a download',
          tags: ['attachments'],
          params: cidParams,
          hide: true,
        }),
      },
      (request, reply) => download(attachments, request, reply),
    )
  }
}

async function download(
  attachments: Attachments,
  request: FastifyRequest<Params & { Querystring?: { size?: number } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const signal = abortOnClose(reply)
  const file = await attachments.stat(request.params.cid, { signal })
  const expected = request.query?.size
  if (expected !== undefined && expected !== file.size) {
    return reply
      .code(409)
      .type('application/problem+json')
      .send(
        problem(409, 'attachment-size-mismatch', `The file is ${file.size} bytes, not ${expected}`),
      )
  }
  const cid = file.cid.toString()
  const ref = attachments.references(cid)[0]
  reply
    .header('etag', `"${cid}"`)
    .header('accept-ranges', 'bytes')
    .header('cache-control', 'public, max-age=31536000, immutable')
    // a file is data, never a page of this origin: no scripts, no sniffing
    .header('content-security-policy', 'sandbox')
    .header('x-content-type-options', 'nosniff')
    .header('content-type', ref?.mediaType ?? OCTETS)
  if (ref !== undefined) {
    reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(ref.name)}`)
  }
  if (request.headers['if-none-match']?.includes(`"${cid}"`)) return reply.code(304).send()
  const range = parseRange(request.headers.range, file.size)
  if (range === 'unsatisfiable') {
    return reply
      .code(416)
      .header('content-range', `bytes */${file.size}`)
      .type('application/problem+json')
      .send(
        problem(416, 'range-not-satisfiable', `The range is outside the file (${file.size} bytes)`),
      )
  }
  const { offset, length } = range ?? { offset: 0, length: file.size }
  reply.header('content-length', length)
  if (range !== undefined) {
    reply.code(206).header('content-range', `bytes ${offset}-${offset + length - 1}/${file.size}`)
  }
  if (request.method === 'HEAD' || length === 0) return reply.send()
  const body = Readable.from(attachments.read(file, { offset, length, signal }), {
    objectMode: false,
  })
  body.on('error', (err) => request.log.warn({ cid, err }, 'attachment download broke off'))
  return reply.send(body)
}

/** The request body as a byte stream. */
async function* bodyOf(request: FastifyRequest): AsyncGenerator<Uint8Array> {
  const body = request.body
  if (body === undefined || body === null) return
  for await (const chunk of body as AsyncIterable<Uint8Array>) yield chunk
}

/** A signal that aborts when the client goes away before the answer is complete. */
function abortOnClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort()
  })
  return controller.signal
}
