/**
 * Keeps gossipsub talking to a peer that lost one of two connections. libp2p allows
 * several connections between two nodes (both dialled at once, or over TCP and
 * WebSocket). gossipsub keeps one outbound stream per peer, opened when a connection to
 * the peer is identified; when the connection that carried it closes while another stays
 * open, no new stream is opened (upstream left that as a follow-up to js-libp2p#3531), and
 * a reset inbound stream removes the peer altogether. Either way no gossip went to that
 * peer until it disconnected entirely: a record published then never arrived
 * (tests/network/upnp.test.ts with a WebSocket listener; packages/net/test/
 * duplicate-connections.test.ts). So, after such a close, identify runs again on a
 * connection that remains: the registrar then tells gossipsub of it, which adds the peer
 * back and opens its stream there. Each end does this for its own outbound stream.
 */
import type { GossipSub } from '@libp2p/gossipsub'
import type { Connection, Libp2p, PeerId } from '@libp2p/interface'

/** What of gossipsub this needs: whether it still has the peer and a stream to it. */
export interface GossipPeers {
  getPeers(): PeerId[]
  hasOutboundStream(peer: string): boolean
}

/**
 * gossipsub's class keeps its outbound streams in a public map that its exported interface
 * does not declare. Should a later version drop the map, every such close restores.
 */
export function gossipPeersOf(pubsub: Pick<GossipSub, 'getPeers'>): GossipPeers {
  const streams = (pubsub as { streamsOutbound?: unknown }).streamsOutbound
  return {
    getPeers: () => pubsub.getPeers(),
    hasOutboundStream: (peer) => streams instanceof Map && streams.has(peer),
  }
}

export interface GossipStreamsInit {
  readonly libp2p: Pick<Libp2p, 'getConnections' | 'addEventListener' | 'removeEventListener'>
  readonly pubsub: GossipPeers
  readonly identify: {
    identify(connection: Connection, options?: { signal?: AbortSignal }): Promise<unknown>
  }
}

/** Time for the closed connection's streams to report their close to gossipsub first. */
const SETTLE_MS = 100
const IDENTIFY_TIMEOUT_MS = 10_000

export class GossipStreams {
  readonly #init: GossipStreamsInit
  readonly #timers = new Set<NodeJS.Timeout>()
  #stopped = false

  constructor(init: GossipStreamsInit) {
    this.#init = init
  }

  start(): void {
    this.#init.libp2p.addEventListener('connection:close', this.#onClose)
  }

  stop(): void {
    this.#stopped = true
    this.#init.libp2p.removeEventListener('connection:close', this.#onClose)
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
  }

  readonly #onClose = (event: CustomEvent<Connection>): void => {
    const peer = event.detail.remotePeer
    if (this.#remaining(peer) === undefined) return
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      void this.#restore(peer)
    }, SETTLE_MS)
    timer.unref()
    this.#timers.add(timer)
  }

  #remaining(peer: PeerId): Connection | undefined {
    return this.#init.libp2p.getConnections(peer).find((connection) => connection.status === 'open')
  }

  async #restore(peer: PeerId): Promise<void> {
    if (this.#stopped) return
    const { pubsub } = this.#init
    const known = pubsub.getPeers().some((known) => known.equals(peer))
    if (known && pubsub.hasOutboundStream(peer.toString())) return
    const connection = this.#remaining(peer)
    if (connection === undefined) return
    try {
      await this.#init.identify.identify(connection, {
        signal: AbortSignal.timeout(IDENTIFY_TIMEOUT_MS),
      })
    } catch {
      // that connection went too, or the peer does not answer: when it connects again,
      // gossipsub hears of it as of any new connection
    }
  }
}
