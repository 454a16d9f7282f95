/** The node itself: liveness, status, metrics, this document, live events. */
import { LIMITS, langMap, lazySchema } from '@polder/schema'
import * as z from 'zod'
import { jsonObject } from './common.js'
import { json, route } from './route.js'

export const searchStatusSchema = lazySchema(() =>
  z.strictObject({
    state: z.enum(['ready', 'rebuilding']),
    records: z.number().int().min(0).describe('Current records in the index'),
    progress: z
      .strictObject({ done: z.number().int().min(0), of: z.number().int().min(0) })
      .optional()
      .describe('While rebuilding: states indexed so far of about how many'),
  }),
)

export const connectionSchema = lazySchema(() =>
  z.strictObject({
    peerId: z.string(),
    address: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    type: z
      .enum(['direct', 'relayed', 'websocket'])
      .describe('relayed: through a circuit relay; websocket: over /ws; direct: anything else'),
  }),
)

export const networkStatusSchema = lazySchema(() =>
  z.strictObject({
    state: z
      .enum(['starting', 'started'])
      .describe(
        'starting: the API serves while the network (libp2p, the collective, attachments) starts; ' +
          'routes that need it wait for it, or answer 503 with Retry-After',
      ),
    reachability: z
      .enum(['public', 'private', 'relayed', 'direct-after-hole-punch'])
      .describe(
        'public: others can dial an address (confirmed by AutoNAT, or announced); private: ' +
          'neither that nor a relay reservation (also until AutoNAT has confirmed an address); ' +
          'relayed: reachable through relays; direct-after-hole-punch: a peer first met through ' +
          'a relay is now connected directly',
      ),
    relays: z.array(z.string()).describe('Peer ids of the relays this node holds a reservation on'),
    connections: z.array(connectionSchema),
    bootstrapRedials: z
      .strictObject({
        rounds: z.number().int().min(1),
        failures: z
          .record(z.string(), z.number().int().min(0))
          .describe('Failed dials by error name'),
        lastFailure: z.string().optional().describe('The last failed dial’s error message'),
      })
      .optional()
      .describe(
        'Rounds in which the node, with no connection at all, dialled its bootstrap peers ' +
          'again since it started, and why those dials failed; absent if it never had to',
      ),
  }),
)

export const clockSkewSchema = lazySchema(() =>
  z.strictObject({
    peer: z.string(),
    skewMs: z.number().int().describe("The peer's clock minus this node's (positive: ahead)"),
    seen: z.string().describe('When, by this clock'),
  }),
)

export const keyConflictSchema = lazySchema(() =>
  z
    .strictObject({ since: z.string(), evidence: z.string() })
    .describe(
      "This node's key is in use on another machine: writes to its log are refused until restart",
    ),
)

export const statusSchema = lazySchema(() =>
  z.strictObject({
    version: z.string(),
    did: z.string(),
    name: langMap(LIMITS.title)
      .optional()
      .describe('The organisation’s name, from its profile (none until it has one)'),
    peerId: z.string(),
    addresses: z.array(z.string()),
    peers: z.number().int().min(0),
    records: z.number().int().min(0),
    search: searchStatusSchema,
    network: networkStatusSchema,
    clock: z
      .array(clockSkewSchema)
      .describe('Clock skew of peers, from their announcements of the last hour'),
    keyConflict: keyConflictSchema.optional(),
  }),
)

export const nodeRoutes = {
  getOpenApi: route({
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document',
    tags: ['node'],
    responses: { 200: json(jsonObject, 'The OpenAPI 3.1 document') },
  }),
  getHealth: route({
    method: 'GET',
    path: '/health',
    summary: 'Liveness',
    tags: ['node'],
    responses: {
      200: json(lazySchema(() => z.strictObject({ status: z.literal('ok'), version: z.string() }))),
    },
  }),
  getStatus: route({
    method: 'GET',
    path: '/v1/status',
    summary: 'The node: organisation, peer id, addresses, peers, records, search index',
    tags: ['node'],
    responses: { 200: json(statusSchema) },
  }),
  getMetrics: route({
    method: 'GET',
    path: '/metrics',
    summary: 'Prometheus metrics',
    tags: ['node'],
    responses: {
      200: {
        description: 'The Prometheus text format',
        mediaType: 'text/plain',
        schema: lazySchema(() => z.string()),
      },
    },
  }),
} as const
