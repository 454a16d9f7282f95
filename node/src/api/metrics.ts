/**
 * Prometheus metrics at `/metrics`: the process (CPU, memory, event loop), HTTP requests
 * by route and status, and the node's own state, read when scraped.
 */
import { ROUTES } from '@polder/api'
import type { Store } from '@polder/store'
import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'
import type { NetworkStart } from '../parts/network-start.js'
import type { SearchService } from '../parts/search.js'
import { strayRejections } from '../stray-rejections.js'
import type { routeAdder } from './contract-route.js'

export interface MetricsInit {
  readonly store: Store
  /** The network and the collective: 0 and none of their events until started. */
  readonly network: NetworkStart
  readonly search: SearchService
}

/**
 * How often the event loop's delay is sampled for `polder_nodejs_eventloop_lag_*`. Each
 * sample is a libuv timer that wakes the process: prom-client's default, 10 ms, woke every
 * node 100 times a second at rest (most of its wake-ups, and 1-2 ms of CPU a second).
 * A stall longer than this is still measured whole; shorter ones are sampled.
 */
export const EVENT_LOOP_SAMPLE_MS = 100

/** The process's metrics (CPU, memory, event loop, GC), prefixed `polder_`, into `registry`. */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({
    register: registry,
    prefix: 'polder_',
    eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS,
  })
}

export function addMetrics(
  app: FastifyInstance,
  add: ReturnType<typeof routeAdder>,
  init: MetricsInit,
): void {
  const registry = new Registry()
  collectProcessMetrics(registry)
  const duration = new Histogram({
    name: 'polder_http_request_duration_seconds',
    help: 'HTTP requests by route, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  })
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read())
      },
    })
  gauge('polder_records', "Live records of this node's organisation", () => init.store.count())
  gauge(
    'polder_unhandled_rejections',
    'Unhandled promise rejections since the node started (each a bug, logged; the node goes on)',
    strayRejections,
  )
  gauge(
    'polder_logs_replicated',
    'Logs of other organisations this node holds',
    () => init.store.replicatedLogs().length,
  )
  gauge(
    'polder_peers',
    'Connected peers',
    () => init.network.parts?.network.libp2p.getConnections().length ?? 0,
  )
  gauge(
    'polder_peer_state_writes_failed',
    "Batches of libp2p's peers and DHT records that failed to reach the disk (a full disk; tried again)",
    () => init.network.parts?.network.peerStateWrites.failed ?? 0,
  )
  gauge(
    'polder_search_records',
    'Current records in the search index',
    () => init.search.status.records,
  )
  gauge(
    'polder_writes_refused',
    '1 when this node saw its key on another machine and refuses writes (see docs/operations.md)',
    () => (init.store.keyConflict === undefined ? 0 : 1),
  )
  gauge('polder_search_rebuilding', '1 while the search index is being rebuilt', () =>
    init.search.status.state === 'rebuilding' ? 1 : 0,
  )
  new Gauge({
    name: 'polder_sync_logs',
    help: 'Replicated logs by sync state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const counts = new Map<string, number>()
      for (const log of (await init.network.parts?.collective.replicator.status()) ?? []) {
        counts.set(log.state, (counts.get(log.state) ?? 0) + 1)
      }
      this.reset()
      for (const [state, count] of counts) this.set({ state }, count)
    },
  })
  const offences = new Counter({
    name: 'polder_peer_offences_total',
    help: 'Data from peers that was refused',
    registers: [registry],
  })
  init.network.onStarted(({ collective }) =>
    collective.replicator.addEventListener('peer:offence', () => offences.inc()),
  )
  // what the collective's gossip costs a node at rest: every message on a topic reaches
  // every subscriber, so these grow with the collective (docs/protocol.md)
  const gossip = new Counter({
    name: 'polder_gossip_messages_total',
    help: 'Gossip messages delivered to this node (validated, copies dropped), by topic',
    labelNames: ['topic'],
    registers: [registry],
  })
  const gossipBytes = new Counter({
    name: 'polder_gossip_bytes_total',
    help: 'Payload bytes of the gossip messages delivered to this node, by topic',
    labelNames: ['topic'],
    registers: [registry],
  })
  init.network.onStarted(({ network }) =>
    network.libp2p.services.pubsub.addEventListener('message', ({ detail }) => {
      // `/polder/<collective>/<topic>/1.0.0`: the topic's own name, not the collective's
      const topic = detail.topic.split('/')[3] ?? detail.topic
      gossip.inc({ topic })
      gossipBytes.inc({ topic }, detail.data.byteLength)
    }),
  )

  // what opens and closes connections, at rest above all. libp2p's close event says how:
  // `local` for an abort here (by this node's code, such as the connection monitor after a
  // late ping, `TimeoutError`, or by a failed socket), `false` for a reset by the peer,
  // neither for a clean close by either side
  const opened = new Counter({
    name: 'polder_connections_opened_total',
    help: 'Connections opened, by direction (inbound, outbound)',
    labelNames: ['direction'],
    registers: [registry],
  })
  const closed = new Counter({
    name: 'polder_connections_closed_total',
    help: 'Connections closed: how (closed cleanly by either side, aborted here, reset by the peer) and the error (none for a clean close)',
    labelNames: ['how', 'error'],
    registers: [registry],
  })
  init.network.onStarted(({ network }) =>
    network.libp2p.addEventListener('connection:open', ({ detail: connection }) => {
      opened.inc({ direction: connection.direction })
      connection.addEventListener(
        'close',
        (event) =>
          closed.inc({
            how: event.local === true ? 'aborted' : event.local === false ? 'reset' : 'closed',
            error: event.error?.name ?? 'none',
          }),
        { once: true },
      )
    }),
  )

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    if (route === '/metrics') return
    duration
      .labels({ route, method: request.method, status: String(reply.statusCode) })
      .observe(reply.elapsedTime / 1000)
  })
  add(ROUTES.getMetrics, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  )
}
