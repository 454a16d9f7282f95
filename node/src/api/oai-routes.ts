/**
 * OAI-PMH 2.0 at `/oai` (GET, or POST with a form body) for institutional repositories and
 * harvesters. Every answer is XML with HTTP 200, protocol errors included.
 */
import { ROUTES } from '@polder/api'
import type { OaiPageQuery, OaiRepository } from '@polder/formats'
import {
  formatRef,
  isTombstone,
  type Organization,
  RECORD_KINDS,
  type RecordState,
  THEMES,
} from '@polder/schema'
import type { Store } from '@polder/store'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { routeAdder } from './contract-route.js'
import { type Formats, loadFormats } from './formats-module.js'
import { irisFor } from './linked-data.js'
import { currentStates } from './record-pages.js'

export interface OaiRoutesInit {
  readonly store: Store
  readonly publicUrl: string | undefined
  readonly token: string
}

const order = (a: { updated: string; ref: string }, b: { updated: string; ref: string }) =>
  Date.parse(a.updated) - Date.parse(b.updated) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0)

function inSet(f: Formats, state: RecordState, set: string | undefined): boolean {
  return (
    set === undefined ||
    f.setSpecsOf(state).some((spec) => spec === set || spec.startsWith(`${set}:`))
  )
}

/**
 * The node's records for OAI-PMH, in (updated, reference) order. Each page walks the
 * current states of the store (the store has no index by `updated`).
 */
function repository(
  f: Formats,
  store: Store,
  request: FastifyRequest,
  publicUrl: string | undefined,
): OaiRepository {
  const iris = irisFor(f, publicUrl, request)
  const profile = (did: string): Organization | undefined => {
    const [found] = store.list({ author: did, kind: 'organization', limit: 1 })
    return found === undefined || isTombstone(found) ? undefined : (found as Organization)
  }
  const own = profile(store.did)
  const name = own?.title['nl'] ?? own?.title['en'] ?? store.did
  return {
    iris,
    repositoryName: `${name} (Polder)`,
    adminEmail: own?.contactEmail ?? `polder@${new URL(iris.base).hostname}`,
    earliestDatestamp: () => {
      let earliest: string | undefined
      for (const state of currentStates(store, { retracted: true, pageSize: 1_000 }))
        if (earliest === undefined || Date.parse(state.updated) < Date.parse(earliest))
          earliest = state.updated
      return earliest ?? '1970-01-01T00:00:00Z'
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
      const picked: { updated: string; ref: string; state: RecordState }[] = []
      for (const state of currentStates(store, { retracted: true, pageSize: 1_000 })) {
        const time = Date.parse(state.updated)
        if (from !== undefined && time < Date.parse(from)) continue
        if (until !== undefined && time > Date.parse(until)) continue
        if (!inSet(f, state, set)) continue
        const item = { updated: state.updated, ref: formatRef(state), state }
        if (after !== undefined && order(item, after) <= 0) continue
        picked.push(item)
      }
      return picked
        .sort(order)
        .slice(0, limit)
        .map((item) => item.state)
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
