/** The HTTP API: Fastify on the configured address, errors as RFC 9457 problem documents. */

import { openApiDocument, ROUTES } from '@polder/api'
import { type LangMap, LIMITS } from '@polder/schema'
import { DiskFullError, type Store } from '@polder/store'
import { latestProfile } from '@polder/sync/local'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify'
import type { Logger } from 'pino'
import type { NetworkStart } from '../parts/network-start.js'
import type { SearchService } from '../parts/search.js'
import { networkReport } from '../reachability.js'
import { agendaRoutes } from './agenda-routes.js'
import { archiveRoutes } from './archive-routes.js'
import { attachmentRoutes } from './attachment-routes.js'
import { collectiveRoutes } from './collective-routes.js'
import { routeAdder } from './contract-route.js'
import { csvRoutes } from './csv-routes.js'
import { denialRoutes } from './denial-routes.js'
import { EventHub, type EventHubLimits } from './event-hub.js'
import { eventRoutes } from './event-routes.js'
import { feedRoutes } from './feed-routes.js'
import { formatRoutes } from './format-routes.js'
import { addGuards, type GuardsInit } from './guards.js'
import { addMetrics } from './metrics.js'
import { oaiRoutes } from './oai-routes.js'
import { problem } from './problem.js'
import { recordRoutes } from './record-routes.js'
import { RequestLog } from './request-log.js'
import { responseSerializer } from './response-check.js'
import { schemaRoutes } from './schema-routes.js'
import { searchRoutes } from './search-routes.js'
import { zodValidatorCompiler } from './validation.js'
import { viewerRoutes } from './viewer-routes.js'

export interface ApiServerInit {
  readonly logger: Logger
  readonly version: string
  readonly token: string
  readonly store: Store
  /** This node's peer id (from its key: known before the network starts). */
  readonly peerId: string
  /** The network, the collective and attachments, once started: routes that need them wait. */
  readonly network: NetworkStart
  readonly search: SearchService
  readonly guards: GuardsInit
  /** Limits of the live-event streams; the hub's defaults where not given. */
  readonly events?: Partial<EventHubLimits>
  /** Where the viewer's built files are; none: `/` says the viewer is not there. */
  readonly viewerRoot?: string
  /** Check every answer against the contract; a mismatch is a 500 (for tests). @default false */
  readonly checkResponses?: boolean
  /** POLDER_PUBLIC_URL: the base of records' IRIs; the API's own address when not set. */
  readonly publicUrl?: string | undefined
}

/** Request bodies: a bulk publish of records at their limit would be far larger; this is
 * generous for interactive use, and `publishMany` through the CLI streams in slices. */
const BODY_LIMIT = 16 * 1024 * 1024

/** Known error names and the HTTP status and problem type they map to. */
export const ERRORS: Record<string, [number, string]> = {
  RecordValidationError: [422, 'invalid-record'],
  RecordNotFoundError: [404, 'record-not-found'],
  RecordRetractedError: [410, 'record-retracted'],
  RecordExistsError: [409, 'record-exists'],
  NoChangeError: [409, 'no-change'],
  DuplicateRecordError: [409, 'duplicate-record'],
  InvalidReferenceError: [400, 'invalid-reference'],
  InvalidDidError: [400, 'invalid-did'],
  OrganizationBlockedError: [409, 'organization-blocked'],
  FollowSelfError: [409, 'follow-self'],
  BlockSelfError: [409, 'block-self'],
  ForeignRecordError: [422, 'foreign-record'],
  InvalidArchiveError: [422, 'invalid-archive'],
  LogNotHeldError: [404, 'log-not-held'],
  LogNotWritableError: [403, 'log-not-writable'],
  KeyInUseElsewhereError: [423, 'key-in-use-elsewhere'],
  StoreClosedError: [503, 'shutting-down'],
  DiskFullError: [507, 'disk-full'],
  VouchLimitError: [409, 'vouch-limit'],
  SearchQueryError: [400, 'bad-query'],
  SearchIndexBrokenError: [503, 'search-unavailable'],
  SearchIndexClosedError: [503, 'search-unavailable'],
  RequestValidationError: [400, 'invalid-request'],
  AttachmentTooLargeError: [413, 'attachment-too-large'],
  InvalidCidError: [400, 'invalid-cid'],
  AttachmentNotFoundError: [404, 'attachment-not-found'],
  NotAFileError: [422, 'not-a-file'],
  RangeNotSatisfiableError: [416, 'range-not-satisfiable'],
  AttachmentSizeMismatchError: [409, 'attachment-size-mismatch'],
  AttachmentFetchError: [504, 'attachment-fetch-failed'],
  AttachmentsClosedError: [503, 'shutting-down'],
  NetworkStartingError: [503, 'network-starting'],
  NetworkFailedError: [503, 'network-unavailable'],
}

/**
 * Whether an error (or one it was caused by) is the file system's ENOSPC; the blockstore
 * keeps only the message of the error it wraps.
 */
function diskFull(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false
  if ((error as { code?: unknown }).code === 'ENOSPC' || /\bENOSPC\b/.test(error.message))
    return true
  return diskFull(error.cause, depth + 1)
}

/** The organisation's name from its latest profile, if it has one. */
function ownName(store: Store): LangMap | undefined {
  const profile = latestProfile(store, store.did)
  return profile !== undefined && 'title' in profile ? profile.title : undefined
}

export async function createApiServer(init: ApiServerInit): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: init.logger as FastifyBaseLogger,
    // event streams stay open: closing the server ends them rather than waiting
    forceCloseConnections: true,
    logController: new RequestLog(),
    bodyLimit: Math.max(BODY_LIMIT, LIMITS.recordBytes * 2),
    // Every schema is zod, compiled by our own validator and serializer: given here, Fastify
    // never loads its default ones (ajv, fast-json-stringify: ~120 modules at every start).
    // Its types name ajv's factories only; these build the compilers set below.
    schemaController: {
      compilersFactory: {
        buildValidator: () => zodValidatorCompiler,
        buildSerializer: () => responseSerializer(init.checkResponses === true),
      },
    } as unknown as FastifyServerOptions['schemaController'],
  })

  app.setValidatorCompiler(zodValidatorCompiler)
  app.setSerializerCompiler(responseSerializer(init.checkResponses === true))
  addGuards(app, { ...init.guards, token: init.token })
  const add = routeAdder(app, { token: init.token })
  addMetrics(app, add, init)

  app.setErrorHandler(
    (
      failure: Error & { statusCode?: number; problems?: unknown; retryAfterSeconds?: number },
      request,
      reply,
    ) => {
      // refused before its body was read (an upload): the rest of it must not be taken
      // for the next request on this connection
      if (!request.raw.complete) reply.header('connection', 'close')
      // a full disk met outside SQLite (an attachment's blocks) is the same problem
      const error: typeof failure = diskFull(failure) ? new DiskFullError() : failure
      const known = ERRORS[error.name]
      const status = known?.[0] ?? error.statusCode ?? 500
      if (error.retryAfterSeconds !== undefined)
        reply.header('retry-after', String(error.retryAfterSeconds))
      else if (status >= 500) reply.log.error({ err: error }, 'request failed')
      const slug =
        known?.[1] ??
        (status === 413 ? 'payload-too-large' : status >= 500 ? 'internal' : 'bad-request')
      // never a stack trace or an internal message in a 5xx response: only our named errors'
      const title = status >= 500 && known === undefined ? 'Internal error' : error.message
      const extra = Array.isArray(error.problems) ? { problems: error.problems } : {}
      return reply
        .code(status)
        .type('application/problem+json')
        .send(problem(status, slug, title, extra))
    },
  )
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .type('application/problem+json')
      .send(problem(404, 'not-found', 'Not found', { detail: `${request.method} ${request.url}` })),
  )

  let openApi: Record<string, unknown> | undefined
  add(ROUTES.getOpenApi, () => {
    openApi ??= openApiDocument({ version: init.version })
    return openApi
  })
  add(ROUTES.getHealth, () => ({ status: 'ok' as const, version: init.version }))
  // answered while the network starts too: it says so, with what the store knows
  add(ROUTES.getStatus, () => {
    const parts = init.network.parts
    return {
      version: init.version,
      did: init.store.did,
      name: ownName(init.store),
      peerId: init.peerId,
      addresses: parts?.network.libp2p.getMultiaddrs().map(String) ?? [],
      peers: parts?.network.libp2p.getPeers().length ?? 0,
      records: init.store.count(),
      search: init.search.status,
      network:
        parts === undefined
          ? {
              state: 'starting' as const,
              reachability: 'private' as const,
              relays: [],
              connections: [],
            }
          : { state: 'started' as const, ...networkReport(parts.network) },
      clock:
        parts?.collective.announcer.clockSkew
          .peers()
          .map((peer) => ({ ...peer, skewMs: Math.round(peer.skewMs) })) ?? [],
      ...(init.store.keyConflict === undefined ? {} : { keyConflict: init.store.keyConflict }),
    }
  })
  const { token, publicUrl } = init
  const parts = () => init.network.current()
  await app.register(schemaRoutes({ token, did: init.store.did }))
  await app.register(recordRoutes({ store: init.store, token, publicUrl }))
  await app.register(
    formatRoutes({ store: init.store, token, publicUrl, viewerRoot: init.viewerRoot }),
  )
  // What needs the network waits for its start, at most NETWORK_WAIT_MS, then answers 503
  // with Retry-After (after the token and the request are checked: preHandler).
  await app.register(async (scoped) => {
    scoped.addHook('preHandler', async () => {
      await init.network.wait()
    })
    await scoped.register(collectiveRoutes({ store: init.store, parts, token }))
    await scoped.register(denialRoutes({ parts, token }))
    await scoped.register(attachmentRoutes({ parts, token }))
  })
  await app.register(
    eventRoutes({
      store: init.store,
      network: init.network,
      token,
      hub: new EventHub(init.events),
    }),
  )
  await app.register(searchRoutes({ search: init.search, token }))
  await app.register(agendaRoutes({ store: init.store, search: init.search, token }))
  await app.register(feedRoutes({ store: init.store, search: init.search, publicUrl, token }))
  await app.register(csvRoutes({ store: init.store, search: init.search, token }))
  await app.register(archiveRoutes({ store: init.store, token }))
  await app.register(oaiRoutes({ store: init.store, publicUrl, token }))
  await app.register(viewerRoutes({ root: init.viewerRoot }))
  return app
}
