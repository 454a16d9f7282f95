/**
 * OAI-PMH 2.0 at `/oai` (GET, or POST with a form body) for institutional repositories and
 * harvesters. Every answer is XML with HTTP 200, protocol errors included.
 */
import { ROUTES } from '@polder/api'
import type { OaiPageQuery, OaiPosition, OaiRepository } from '@polder/formats'
import {
  isTombstone,
  type Organization,
  parseRef,
  RECORD_KINDS,
  type RecordKind,
  type RecordState,
  THEMES,
} from '@polder/schema'
import type { Store, UpdatedPosition } from '@polder/store'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { routeAdder } from './contract-route.js'
import { type Formats, loadFormats } from './formats-module.js'
import { irisFor } from './linked-data.js'

export interface OaiRoutesInit {
  readonly store: Store
  readonly publicUrl: string | undefined
  readonly token: string
}

function inSet(f: Formats, state: RecordState, set: string | undefined): boolean {
  return (
    set === undefined ||
    f.setSpecsOf(state).some((spec) => spec === set || spec.startsWith(`${set}:`))
  )
}

/** What of a set the store's index can narrow by itself (a kind or an organisation). */
function narrowedBy(set: string | undefined): { kind?: RecordKind; author?: string } {
  if (set?.startsWith('kind:') === true) {
    const kind = set.slice('kind:'.length)
    if (RECORD_KINDS.some((known) => known.code === kind)) return { kind: kind as RecordKind }
  }
  if (set?.startsWith('org:') === true) return { author: set.slice('org:'.length) }
  return {}
}

/** A resumption token's place in the store's order (a token of ours names a reference). */
function positionOf(after: OaiPosition): UpdatedPosition {
  const updated = Date.parse(after.updated)
  try {
    const { author, id } = parseRef(after.ref)
    return { updated, author, id }
  } catch {
    // not a reference: the place before every record of that moment
    return { updated, author: '', id: '' }
  }
}

const millis = (date: string | undefined) => (date === undefined ? undefined : Date.parse(date))

/**
 * The node's records for OAI-PMH, in (updated, reference) order: each page reads its own
 * rows from the store's index by last change, however many records the node holds.
 */
function repository(
  f: Formats,
  store: Store,
  request: FastifyRequest,
  publicUrl: string | undefined,
): OaiRepository {
  const iris = irisFor(f, publicUrl, request)
  // looked up once per organisation and request: a page names the same few many times
  const profiles = new Map<string, Organization | undefined>()
  const profile = (did: string): Organization | undefined => {
    if (profiles.has(did)) return profiles.get(did)
    const [found] = store.list({ author: did, kind: 'organization', limit: 1 })
    const organization =
      found === undefined || isTombstone(found) ? undefined : (found as Organization)
    profiles.set(did, organization)
    return organization
  }
  const own = profile(store.did)
  const name = own?.title['nl'] ?? own?.title['en'] ?? store.did
  return {
    iris,
    repositoryName: `${name} (Polder)`,
    adminEmail: own?.contactEmail ?? `polder@${new URL(iris.base).hostname}`,
    earliestDatestamp: () => {
      const earliest = store.earliestUpdate()
      return earliest === undefined ? '1970-01-01T00:00:00Z' : new Date(earliest).toISOString()
    },
    sets: () => [
      ...RECORD_KINDS.map((kind) => ({ spec: `kind:${kind.code}`, name: kind.label.en })),
      ...THEMES.map((theme) => ({ spec: `theme:${theme.code}`, name: theme.label.en })),
      ...store
        .logs()
        .map((did) => ({ spec: `org:${did}`, name: profile(did)?.title['nl'] ?? did })),
    ],
    get: (ref) => store.get(ref),
    organization: profile,
    page: ({ from, until, set, after, limit }: OaiPageQuery) => {
      const picked: RecordState[] = []
      const states = store.byUpdated({
        ...narrowedBy(set),
        ...(from === undefined ? {} : { from: millis(from) }),
        ...(until === undefined ? {} : { until: millis(until) }),
        ...(after === undefined ? {} : { after: positionOf(after) }),
        // a page's rows and no more, unless a theme set drops some (then the next rows)
        pageSize: limit,
      })
      for (const state of states) {
        if (!inSet(f, state, set)) continue
        picked.push(state)
        if (picked.length >= limit) break
      }
      return picked
    },
  }
}

export function oaiRoutes({ store, publicUrl, token }: OaiRoutesInit) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    )
    const handle = async (request: FastifyRequest, query: string) => {
      const f = await loadFormats()
      const repo = repository(f, store, request, publicUrl)
      return f.oaiRespond([...new URLSearchParams(query)], repo, `${repo.iris.base}/oai`)
    }
    const add = routeAdder(app, { token })
    add(ROUTES.oaiGet, async (request, reply) => {
      const at = request.url.indexOf('?')
      const body = await handle(request, at === -1 ? '' : request.url.slice(at + 1))
      return reply.type('text/xml; charset=utf-8').send(body)
    })
    add(ROUTES.oaiPost, async (request, reply) => {
      const body = await handle(request, typeof request.body === 'string' ? request.body : '')
      return reply.type('text/xml; charset=utf-8').send(body)
    })
  }
}
