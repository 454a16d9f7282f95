/**
 * Live events as server-sent events (`GET /v1/events`): records added, updated and
 * retracted (ours and replicated), sync progress and completion, organisations blocked,
 * peers refused, peers connecting and disconnecting. Each event carries a small summary;
 * fetch the record for the rest. Streams are held by an {@link EventHub}: memory bounded
 * whatever the readers do, slow ones dropped with `stream:dropped`.
 */
import { type EventData, type EventName, ROUTES } from '@polder/api'
import type { Change, Store } from '@polder/store'
import type { FastifyInstance } from 'fastify'
import type { NetworkParts, NetworkStart } from '../parts/network-start.js'
import { routeAdder } from './contract-route.js'
import { EventHub } from './event-hub.js'
import { problem } from './problem.js'

export interface EventRoutesInit {
  readonly store: Store
  /** The collective's sync and libp2p's peers: their events flow once the network starts. */
  readonly network: NetworkStart
  readonly token: string
  /** Where streams are held, with their limits; a hub with the defaults if not given. */
  readonly hub?: EventHub
}

const HEARTBEAT_MS = 15_000

const summary = ({ state, entry }: Change): EventData<'record:added'> => ({
  ref: `polder://${state.author}/${state.id}`,
  author: state.author,
  id: state.id,
  kind: state.kind,
  version: state.version,
  updated: state.updated,
  // a tombstone has no title: the viewer shows the record's last one it knew
  ...('title' in state ? { title: state.title } : {}),
  entry,
})

type Subscription = [EventTarget, string, (event: Event) => void]

export function eventRoutes({ store, network, token, hub = new EventHub() }: EventRoutesInit) {
  const send = <E extends EventName>(event: E, data: EventData<E>) => hub.broadcast(event, data)
  // subscribed once for all clients: a client costs no listener and no serialisation
  const storeSubscriptions: Subscription[] = [
    [
      store,
      'record:added',
      (e) => send('record:added', summary((e as CustomEvent<Change>).detail)),
    ],
    [
      store,
      'record:updated',
      (e) => send('record:updated', summary((e as CustomEvent<Change>).detail)),
    ],
    [
      store,
      'record:retracted',
      (e) => send('record:retracted', summary((e as CustomEvent<Change>).detail)),
    ],
    [store, 'org:blocked', (e) => send('org:blocked', (e as CustomEvent).detail)],
  ]
  const networkSubscriptions = ({ collective: { replicator }, network }: NetworkParts) =>
    [
      [
        replicator,
        'sync:progress',
        (e) => {
          const { did, peer, total, joined } = (e as CustomEvent).detail
          send('sync:progress', { did, peer: String(peer), total, joined })
        },
      ],
      [replicator, 'sync:complete', (e) => send('sync:complete', (e as CustomEvent).detail)],
      [replicator, 'peer:offence', (e) => send('peer:offence', (e as CustomEvent).detail)],
      [
        network.libp2p,
        'peer:connect',
        (e) => send('peer:connect', { peer: String((e as CustomEvent).detail) }),
      ],
      [
        network.libp2p,
        'peer:disconnect',
        (e) => send('peer:disconnect', { peer: String((e as CustomEvent).detail) }),
      ],
    ] satisfies Subscription[]
  return async (app: FastifyInstance): Promise<void> => {
    const subscribed: Subscription[] = []
    let closed = false
    const subscribe = (subscriptions: Subscription[]) => {
      if (closed) return
      for (const entry of subscriptions) {
        entry[0].addEventListener(entry[1], entry[2])
        subscribed.push(entry)
      }
    }
    subscribe(storeSubscriptions)
    // the store's events flow at once; the collective's and the peers' once they exist
    network.onStarted((parts) => subscribe(networkSubscriptions(parts)))
    const heartbeat = setInterval(() => hub.heartbeat(), HEARTBEAT_MS)
    app.addHook('onClose', async () => {
      closed = true
      clearInterval(heartbeat)
      for (const [target, name, listener] of subscribed) target.removeEventListener(name, listener)
    })
    const add = routeAdder(app, { token })
    add(ROUTES.getEvents, (_request, reply) => {
      if (hub.clients >= hub.limits.maxClients) {
        return reply
          .code(503)
          .header('retry-after', '30')
          .type('application/problem+json')
          .send(
            problem(503, 'too-many-event-clients', 'Too many live-event streams', {
              detail: `This node serves at most ${hub.limits.maxClients} event streams at once; try again later`,
            }),
          )
      }
      reply.hijack()
      const out = reply.raw
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      // a comment at once tells the client the stream is open
      out.write(': connected\n\n')
      hub.admit(out)
    })
  }
}
