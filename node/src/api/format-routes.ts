/**
 * Open formats over HTTP: each record at its IRI (`/records/<did>/<id>`, negotiated like
 * `/v1/records/{id}`), the themes as a SKOS concept scheme, the served JSON-LD context.
 */

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  CATALOG_MEDIA_TYPES,
  type CatalogMediaType,
  catalogStream,
  LINKED_DATA_CONTEXT,
  MEDIA_TYPES,
  NotAcceptableError,
  negotiate,
  serialiseRdf,
  themeScheme,
} from '@polder/formats'
import { formats, type Organization, type RecordState } from '@polder/schema'
import type { Store } from '@polder/store'
import { distPath } from '@polder/viewer/dist-path'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import * as z from 'zod'
import { answerRecord, irisFor, notAcceptable } from './linked-data.js'
import { describe } from './openapi.js'
import { problem } from './problem.js'

export interface FormatRoutesInit {
  readonly store: Store
  /** POLDER_PUBLIC_URL: the base of every IRI; the API's own address when not set. */
  readonly publicUrl: string | undefined
}

const recordIriParams = z.strictObject({ did: formats.did(), id: formats.recordId() })

/** Linked-data documents other than records: JSON-LD first, then RDF text formats. */
const LINKED_DATA_TYPES = [
  MEDIA_TYPES.jsonLd,
  MEDIA_TYPES.json,
  MEDIA_TYPES.turtle,
  MEDIA_TYPES.nTriples,
]

export function formatRoutes({ store, publicUrl }: FormatRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get<{ Params: { did: string; id: string } }>(
      '/records/:did/:id',
      {
        schema: describe({
          summary: 'A record at its IRI: JSON, JSON-LD, Turtle or N-Triples by Accept',
          tags: ['formats'],
          params: recordIriParams,
        }),
      },
      async (request, reply) => {
        const { did, id } = request.params
        const page = wantsViewer(request) ? await viewerIndex() : undefined
        if (page !== undefined) {
          return reply
            .type('text/html; charset=utf-8')
            .header('cache-control', 'no-cache')
            .header('vary', 'accept')
            .send(page)
        }
        const state = store.get(`polder://${did}/${id}`)
        if (state === undefined) {
          return reply
            .code(404)
            .type('application/problem+json')
            .send(problem(404, 'record-not-found', 'No such record'))
        }
        return (await answerRecord(request, reply, state, publicUrl, store)) ?? state
      },
    )

    app.get(
      '/v1/catalog',
      {
        schema: describe({
          summary:
            'The node’s DCAT-AP 3.0 catalogue (Turtle, JSON-LD or N-Triples by Accept), streamed',
          tags: ['formats'],
        }),
      },
      async (request, reply) => {
        let mediaType: string
        try {
          mediaType = negotiate(request.headers.accept, CATALOG_MEDIA_TYPES)
        } catch (error) {
          if (error instanceof NotAcceptableError) return notAcceptable(reply, error.offered)
          throw error
        }
        const init = {
          iris: irisFor(publicUrl, request),
          did: store.did,
          organization: profiles(store),
        }
        reply.header('vary', 'accept').type(`${mediaType}; charset=utf-8`)
        return reply.send(catalogStream(init, currentRecords(store), mediaType as CatalogMediaType))
      },
    )

    app.get(
      '/v1/themes',
      {
        schema: describe({
          summary: 'The themes as a SKOS concept scheme (nl/en labels, SDGs, EU data themes)',
          tags: ['formats'],
        }),
      },
      async (request, reply) => {
        let mediaType: string
        try {
          mediaType = negotiate(request.headers.accept, LINKED_DATA_TYPES)
        } catch (error) {
          if (error instanceof NotAcceptableError) return notAcceptable(reply, error.offered)
          throw error
        }
        reply.header('vary', 'accept')
        const doc = themeScheme(irisFor(publicUrl, request))
        if (mediaType === MEDIA_TYPES.turtle || mediaType === MEDIA_TYPES.nTriples) {
          const format = mediaType === MEDIA_TYPES.turtle ? 'turtle' : 'n-triples'
          return reply.type(`${mediaType}; charset=utf-8`).send(await serialiseRdf(doc, format))
        }
        return reply.type(mediaType).send(doc)
      },
    )
  }
}

/**
 * A record's IRI is also its page in the viewer: a browser (asking for HTML before the
 * data types) gets the viewer, which shows the record.
 */
function wantsViewer(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  if (!accept.includes('text/html')) return false
  try {
    return (
      negotiate(accept, ['text/html', MEDIA_TYPES.json, MEDIA_TYPES.jsonLd, MEDIA_TYPES.turtle]) ===
      'text/html'
    )
  } catch {
    return false
  }
}

/** The viewer's index.html, or undefined when the viewer is not built. */
async function viewerIndex(): Promise<Buffer | undefined> {
  try {
    return await readFile(join(distPath, 'index.html'))
  } catch {
    return undefined
  }
}

/** Every current record this node holds, organisation by organisation, a page at a time. */
export function* currentRecords(store: Store, pageSize = 500): Generator<RecordState> {
  for (const author of store.logs()) {
    let after: string | undefined
    for (;;) {
      const page = store.list({
        author,
        limit: pageSize,
        ...(after === undefined ? {} : { after }),
      })
      yield* page
      if (page.length < pageSize) break
      after = page.at(-1)?.id
    }
  }
}

/** Organisation profiles by DID, looked up once each. */
function profiles(store: Store): (did: string) => Organization | undefined {
  const cache = new Map<string, Organization | undefined>()
  return (did) => {
    if (!cache.has(did)) {
      const [profile] = store.list({ author: did, kind: 'organization', limit: 1 })
      cache.set(did, profile as Organization | undefined)
    }
    return cache.get(did)
  }
}

/** The served JSON-LD context of records (also at `/v1/context.jsonld`). */
export const servedContext = { '@context': LINKED_DATA_CONTEXT }
