/**
 * Live events as server-sent events (`GET /v1/events`): records added, updated and
 * retracted (ours and replicated), sync progress and completion, organisations blocked,
 * peers refused, peers connecting and disconnecting. Each event carries a small summary; fetch the record for the rest.
 */
import { type EventData, type EventName, ROUTES } from '@polder/api'
import type { Change, Collective } from '@polder/store'
import type { FastifyInstance } from 'fastify'
import { routeAdder } from './contract-route.js'

export interface EventRoutesInit {
  readonly collective: Collective
  /** libp2p, for peers connecting and disconnecting. */
  readonly peers: EventTarget
  readonly token: string
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

export function eventRoutes({ collective, peers, token }: EventRoutesInit) {
  const { store, replicator } = collective
  return async (app: FastifyInstance): Promise<void> => {
    const add = routeAdder(app, { token })
    add(ROUTES.getEvents, (request, reply) => {
      reply.hijack()
      const out = reply.raw
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      const send = <E extends EventName>(event: E, data: EventData<E>) => {
        out.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
      }
      const subscriptions: [EventTarget, string, (event: Event) => void][] = [
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
          peers,
          'peer:connect',
          (e) => send('peer:connect', { peer: String((e as CustomEvent).detail) }),
        ],
        [
          peers,
          'peer:disconnect',
          (e) => send('peer:disconnect', { peer: String((e as CustomEvent).detail) }),
        ],
      ]
      for (const [target, name, listener] of subscriptions) target.addEventListener(name, listener)
      // a comment now and then keeps proxies from closing an idle stream
      out.write(': connected\n\n')
      const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), HEARTBEAT_MS)
      request.raw.on('close', () => {
        clearInterval(heartbeat)
        for (const [target, name, listener] of subscriptions)
          target.removeEventListener(name, listener)
      })
    })
  }
}
