/**
 * Open formats over HTTP: each record at its IRI (`/records/<did>/<id>`, negotiated like
 * `/v1/records/{id}`), the themes as a SKOS concept scheme, the served JSON-LD context.
 */

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROUTES } from '@polder/api'
import type { CatalogMediaType } from '@polder/formats'
import type { Organization } from '@polder/schema'
import type { Store } from '@polder/store'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { routeAdder } from './contract-route.js'
import { type Formats, loadFormats } from './formats-module.js'
import { answerRecord, irisFor, notAcceptable } from './linked-data.js'
import { problem } from './problem.js'
import { currentStates } from './record-pages.js'

export interface FormatRoutesInit {
  readonly store: Store
  readonly token: string
  /** POLDER_PUBLIC_URL: the base of every IRI; the API's own address when not set. */
  readonly publicUrl: string | undefined
  /** The built viewer, whose page a browser gets at a record's IRI. */
  readonly viewerRoot: string | undefined
}

/** Linked-data documents other than records: JSON-LD first, then RDF text formats. */
const LINKED_DATA_TYPES = [
  'application/ld+json',
  'application/json',
  'text/turtle',
  'application/n-triples',
]

export function formatRoutes({ store, token, publicUrl, viewerRoot }: FormatRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })
    add(ROUTES.getRecordAtIri, async (request, reply) => {
      const { did, id } = request.params
      const f = await loadFormats()
      const page = wantsViewer(f, request) ? await viewerIndex(viewerRoot) : undefined
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
    })

    add(ROUTES.getCatalog, async (request, reply) => {
      const f = await loadFormats()
      let mediaType: string
      try {
        mediaType = f.negotiate(request.headers.accept, f.CATALOG_MEDIA_TYPES)
      } catch (error) {
        if (error instanceof f.NotAcceptableError) return notAcceptable(reply, error.offered)
        throw error
      }
      const init = {
        iris: irisFor(f, publicUrl, request),
        did: store.did,
        organization: profiles(store),
      }
      reply.header('vary', 'accept').type(`${mediaType}; charset=utf-8`)
      return reply.send(f.catalogStream(init, currentStates(store), mediaType as CatalogMediaType))
    })

    add(ROUTES.getThemes, async (request, reply) => {
      const f = await loadFormats()
      let mediaType: string
      try {
        mediaType = f.negotiate(request.headers.accept, LINKED_DATA_TYPES)
      } catch (error) {
        if (error instanceof f.NotAcceptableError) return notAcceptable(reply, error.offered)
        throw error
      }
      reply.header('vary', 'accept')
      const doc = f.themeScheme(irisFor(f, publicUrl, request))
      if (mediaType === 'text/turtle' || mediaType === 'application/n-triples') {
        const format = mediaType === 'text/turtle' ? 'turtle' : 'n-triples'
        return reply.type(`${mediaType}; charset=utf-8`).send(await f.serialiseRdf(doc, format))
      }
      return reply.type(mediaType).send(doc)
    })
  }
}

/**
 * A record's IRI is also its page in the viewer: a browser (asking for HTML before the
 * data types) gets the viewer, which shows the record.
 */
function wantsViewer(f: Formats, request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  if (!accept.includes('text/html')) return false
  try {
    return (
      f.negotiate(accept, [
        'text/html',
        'application/json',
        'application/ld+json',
        'text/turtle',
      ]) === 'text/html'
    )
  } catch {
    return false
  }
}

/** The viewer's index.html, or undefined when the node serves no viewer. */
async function viewerIndex(root: string | undefined): Promise<Buffer | undefined> {
  if (root === undefined) return undefined
  try {
    return await readFile(join(root, 'index.html'))
  } catch {
    return undefined
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
export async function servedContext(): Promise<{ '@context': unknown }> {
  return { '@context': (await loadFormats()).LINKED_DATA_CONTEXT }
}
