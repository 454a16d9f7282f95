/**
 * Attachments: upload a file as a raw streamed body, download it by CID (from peers
 * when not here) with range requests, see where it stands, list the pins.
 */
import { Readable } from 'node:stream'
import { OCTETS, ROUTES } from '@polder/api'
import type { Attachments } from '@polder/attachments'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { NetworkParts } from '../parts/network-start.js'
import { type RequestOf, routeAdder } from './contract-route.js'
import { problem } from './problem.js'
import { parseRange } from './range.js'

export interface AttachmentRoutesInit {
  /** Attachments (over Helia): started before a handler runs (server.ts waits). */
  readonly parts: () => NetworkParts
  readonly token: string
}

const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i

export function attachmentRoutes({ parts, token }: AttachmentRoutesInit) {
  const attachments = () => parts().attachments
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })
    // in this plugin only: every body is a raw stream, handed over unread and unbuffered
    // (the server's JSON parsers and 16 MiB body limit do not apply; the service limits)
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload))

    add(ROUTES.uploadAttachment, async (request, reply) => {
      const header = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? ''
      const mediaType = request.query.type ?? (MEDIA_TYPE.test(header) ? header : OCTETS)
      const length = request.headers['content-length']
      const attachment = await attachments().add(
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
    })

    add(ROUTES.listAttachments, async () => attachments().pins())

    add(ROUTES.getAttachmentStatus, async (request) => attachments().status(request.params.cid))

    add(ROUTES.collectGarbage, async () => attachments().gc())

    // the body is the file, not JSON: HEAD is answered by the same handler, without it
    add(ROUTES.downloadAttachment, (request, reply) => download(attachments(), request, reply))
  }
}

async function download(
  attachments: Attachments,
  request: RequestOf<typeof ROUTES.downloadAttachment>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const signal = abortOnClose(reply)
  const file = await attachments.stat(request.params.cid, { signal })
  const expected = request.query.size
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
