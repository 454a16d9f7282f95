/** Live events as server-sent events, and the data each kind of event carries. */
import { LIMITS, langMap, lazySchema } from '@polder/schema'
import * as z from 'zod'
import { route } from './route.js'

/** A record added, updated or retracted: a summary; fetch the record for the rest. */
export const recordEventSchema = lazySchema(() =>
  z.strictObject({
    ref: z.string(),
    author: z.string(),
    id: z.string(),
    kind: z.string(),
    version: z.number().int(),
    updated: z.string(),
    title: langMap(LIMITS.title).optional().describe('None for a tombstone'),
    entry: z.string().describe('CID of the log entry that carried it'),
  }),
)

const peerEvent = lazySchema(() => z.strictObject({ peer: z.string() }))

/** Every event of `GET /v1/events`, by name, with the schema of its data. */
export const EVENT_SCHEMAS = {
  'record:added': recordEventSchema,
  'record:updated': recordEventSchema,
  'record:retracted': recordEventSchema,
  'org:blocked': lazySchema(() => z.strictObject({ did: z.string(), records: z.number().int() })),
  'sync:progress': lazySchema(() =>
    z.strictObject({
      did: z.string(),
      peer: z.string(),
      total: z.number().int(),
      joined: z.number().int(),
    }),
  ),
  'sync:complete': lazySchema(() =>
    z.strictObject({ did: z.string(), peer: z.string(), joined: z.number().int() }),
  ),
  'peer:offence': lazySchema(() =>
    z.strictObject({
      peer: z.string(),
      reason: z.string(),
      offences: z.number().int(),
    }),
  ),
  'peer:connect': peerEvent,
  'peer:disconnect': peerEvent,
  /** The last event of a stream whose reader fell too far behind; reconnect and refetch. */
  'stream:dropped': lazySchema(() =>
    z.strictObject({
      reason: z.literal('slow-client'),
      missed: z.number().int(),
      detail: z.string(),
    }),
  ),
} as const

export type EventName = keyof typeof EVENT_SCHEMAS
export type EventData<E extends EventName> = z.output<(typeof EVENT_SCHEMAS)[E]>
export type RecordEvent = z.output<typeof recordEventSchema>

export const eventRoutes = {
  getEvents: route({
    method: 'GET',
    path: '/v1/events',
    summary: `Live events: ${Object.keys(EVENT_SCHEMAS).join(', ')}`,
    tags: ['events'],
    responses: {
      200: {
        description:
          'Server-sent events; each `data:` line is JSON, a summary of what happened (see EVENT_SCHEMAS). A reader that falls too far behind gets stream:dropped, then the stream ends; beyond the streams a node serves at once: 503 too-many-event-clients',
        mediaType: 'text/event-stream',
        stream: true,
      },
    },
  }),
} as const
