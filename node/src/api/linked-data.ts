/**
 * Linked data on the record routes: the node's IRIs (POLDER_PUBLIC_URL, else the API's
 * own address) and content negotiation of a record by `Accept`.
 */
import type { AddressInfo } from 'node:net'
import type { Iris } from '@polder/formats'
import { isTombstone, type RecordState } from '@polder/schema'
import type { Store } from '@polder/store'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type Formats, loadFormats } from './formats-module.js'
import { problem } from './problem.js'

/** The node's IRIs: from its public URL, else from the address the API listens on. */
export function irisFor(f: Formats, publicUrl: string | undefined, request: FastifyRequest): Iris {
  if (publicUrl !== undefined) return f.createIris(publicUrl)
  const address = request.server.server.address() as AddressInfo | null
  const wildcard = address === null || ['0.0.0.0', '::'].includes(address.address)
  const host =
    wildcard || address === null
      ? request.host
      : address.family === 'IPv6'
        ? `[${address.address}]:${address.port}`
        : `${address.address}:${address.port}`
  return f.createIris(`${request.protocol}://${host}`)
}

/** 406 with what the route offers, in the problem and in a Link-free `Accept` hint. */
export function notAcceptable(reply: FastifyReply, offered: readonly string[]) {
  return reply
    .code(406)
    .type('application/problem+json')
    .send(
      problem(406, 'not-acceptable', 'None of the accepted media types is offered', {
        detail: `This resource is offered as ${offered.join(', ')}`,
      }),
    )
}

/**
 * Answers with the record in the media type `Accept` prefers; returns undefined when that
 * is plain JSON (the caller sends the record as it does without negotiation).
 */
export async function answerRecord(
  request: FastifyRequest,
  reply: FastifyReply,
  state: RecordState,
  publicUrl: string | undefined,
  store: Store,
): Promise<FastifyReply | undefined> {
  const f = await loadFormats()
  let mediaType: string
  try {
    mediaType = f.negotiate(request.headers.accept, f.recordMediaTypes(state))
  } catch (error) {
    if (error instanceof f.NotAcceptableError) return notAcceptable(reply, error.offered)
    throw error
  }
  reply.header('vary', 'accept')
  const language = (request.headers['accept-language'] ?? '').trim().toLowerCase().startsWith('en')
    ? 'en'
    : 'nl'
  const body = await f.representRecord(state, mediaType, {
    iris: irisFor(f, publicUrl, request),
    language,
    authorName: (did) => {
      const [profile] = store.list({ author: did, kind: 'organization', limit: 1 })
      if (profile === undefined || isTombstone(profile)) return undefined
      return profile.title[language] ?? Object.values(profile.title)[0]
    },
  })
  if (body === undefined) return undefined
  return reply.type(`${mediaType}; charset=utf-8`).send(body)
}
