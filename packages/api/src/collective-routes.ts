/** The collective: organisations and trust actions, vouches, peers, and sync status. */
import { formats, LIMITS, langMap, lazySchema } from '@polder/schema'
import * as z from 'zod'
import { didParams, recordStateSchema } from './common.js'
import { json, route } from './route.js'

export const organizationSchema = lazySchema(() =>
  z.strictObject({
    did: z.string(),
    name: langMap(LIMITS.title).optional().describe('From its profile, when it sent one'),
    orgType: z.string().optional(),
    self: z.boolean().describe('This node’s own organisation'),
    followed: z.boolean(),
    blocked: z.boolean(),
    blockReason: z.string().optional(),
    trust: z
      .string()
      .nullable()
      .describe('Why it is replicated (followed, vouched, open); null: it is not'),
    vouchedBy: z.array(z.string()).describe('Followed organisations that vouch for it'),
    held: z
      .boolean()
      .describe('This node holds its log: replicated, or written here with its key (demo)'),
    namedBy: z
      .strictObject({
        name: langMap(LIMITS.title).describe('The name the vouch gives it'),
        by: z.string().describe('The organisation that vouched'),
        byName: langMap(LIMITS.title).optional().describe('That organisation’s name'),
      })
      .optional()
      .describe('Without a profile: the name a vouch held here gives it'),
    records: z.number().int().min(0),
    lastSeen: z.string().optional(),
    peer: z.string().optional(),
  }),
)

export const syncLogSchema = lazySchema(() =>
  z.strictObject({
    did: z.string(),
    state: z
      .enum(['complete', 'behind', 'syncing', 'unknown'])
      .describe(
        'complete: every known head is here; behind: a peer has more; unknown: no peer seen',
      ),
    heads: z.array(z.string()),
    missingHeads: z.array(z.string()).describe('Heads peers announced that are not here yet'),
    records: z.number().int().min(0),
    lastUpdate: z.string().optional(),
    lastError: z.string().optional(),
    overQuota: z
      .string()
      .optional()
      .describe('Why the organisation is over a quota of this node: pulling paused, all kept'),
    holders: z.array(z.string()).describe('Peers that announced this log'),
    progress: z.strictObject({ total: z.number().int(), joined: z.number().int() }).optional(),
  }),
)

const syncList = lazySchema(() => z.strictObject({ logs: z.array(syncLogSchema) }))

export const peerSchema = lazySchema(() =>
  z.strictObject({
    peerId: z.string(),
    address: z.string(),
    direction: z.enum(['inbound', 'outbound']),
    offences: z.number().int().min(0),
  }),
)

export const offenderSchema = lazySchema(() =>
  z.strictObject({
    peer: z.string(),
    offences: z.number().int().min(0),
  }),
)

export const blockBody = lazySchema(() =>
  z
    .strictObject({ reason: z.string().max(1_000).optional() })
    .optional()
    .describe('Why, for the record'),
)

export const vouchBody = lazySchema(() =>
  z.strictObject({
    subject: formats.did(),
    name: formats.name().describe("The organisation's name, as you know it"),
    language: formats.languageTag().optional().describe('Language of the name; default nl'),
  }),
)

export const peerBody = lazySchema(() =>
  z.strictObject({
    address: z.string().min(1).max(1_000).describe('A multiaddr, with /p2p/<peer id>'),
  }),
)

const tags = ['collective']
const write = { tags, auth: true, params: didParams } as const

export const collectiveRoutes = {
  listOrgs: route({
    method: 'GET',
    path: '/v1/orgs',
    summary: 'Organisations this node knows of, with their trust state',
    tags,
    responses: {
      200: json(
        lazySchema(() =>
          z.strictObject({
            mode: z.string().describe('The trust mode: open, web-of-trust or allowlist'),
            vouches: z.number().int().describe('Vouches that make an organisation trusted'),
            organizations: z.array(organizationSchema),
          }),
        ),
      ),
    },
  }),
  getOrg: route({
    method: 'GET',
    path: '/v1/orgs/{did}',
    summary: 'One organisation',
    tags,
    params: didParams,
    responses: { 200: json(organizationSchema) },
  }),
  listFollows: route({
    method: 'GET',
    path: '/v1/follows',
    summary: 'Organisations this node follows',
    tags,
    responses: { 200: json(lazySchema(() => z.strictObject({ follows: z.array(z.string()) }))) },
  }),
  follow: route({
    method: 'PUT',
    path: '/v1/follows/{did}',
    summary: "Follow: replicate an organisation's records",
    ...write,
    responses: { 200: json(organizationSchema, 'The organisation, followed') },
  }),
  unfollow: route({
    method: 'DELETE',
    path: '/v1/follows/{did}',
    summary: 'Unfollow (what was replicated stays)',
    ...write,
    responses: { 204: { description: 'Unfollowed' } },
  }),
  block: route({
    method: 'PUT',
    path: '/v1/blocks/{did}',
    summary: 'Block: drop everything of an organisation, never replicate it again',
    ...write,
    body: blockBody,
    responses: {
      200: json(
        lazySchema(() =>
          z.strictObject({
            did: z.string(),
            blocked: z.literal(true),
            recordsDropped: z.number().int().min(0),
          }),
        ),
      ),
    },
  }),
  unblock: route({
    method: 'DELETE',
    path: '/v1/blocks/{did}',
    summary: 'Lift a block',
    ...write,
    responses: { 204: { description: 'Unblocked' } },
  }),
  vouch: route({
    method: 'POST',
    path: '/v1/vouches',
    summary: 'Vouch: a public record that this DID is that organisation',
    tags,
    auth: true,
    body: vouchBody,
    responses: { 201: json(recordStateSchema, 'The vouch record') },
  }),
  getSync: route({
    method: 'GET',
    path: '/v1/sync',
    summary: 'Sync status of every replicated log',
    tags,
    responses: { 200: json(syncList) },
  }),
  getSyncOf: route({
    method: 'GET',
    path: '/v1/sync/{did}',
    summary: "Sync status of one organisation's log",
    tags,
    params: didParams,
    responses: { 200: json(syncLogSchema) },
  }),
  syncNow: route({
    method: 'POST',
    path: '/v1/sync',
    summary: 'Compare heads with peers now',
    tags,
    auth: true,
    responses: { 200: json(syncList) },
  }),
  connectPeer: route({
    method: 'POST',
    path: '/v1/peers',
    summary: 'Connect to a peer',
    tags,
    auth: true,
    body: peerBody,
    responses: {
      200: json(
        lazySchema(() =>
          z.strictObject({
            peerId: z.string(),
            address: z.string(),
            existing: z
              .boolean()
              .optional()
              .describe('The node was connected to the peer already (older nodes do not say)'),
          }),
        ),
      ),
    },
  }),
  listPeers: route({
    method: 'GET',
    path: '/v1/peers',
    summary: 'Connected peers, and peers that misbehaved',
    tags,
    responses: {
      200: json(
        lazySchema(() =>
          z.strictObject({ peers: z.array(peerSchema), offenders: z.array(offenderSchema) }),
        ),
      ),
    },
  }),
} as const
