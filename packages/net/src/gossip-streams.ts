/**
 * Keeps gossipsub's outbound stream to every connected peer. gossipsub opens one outbound
 * stream per peer, when the registrar tells it of a connection (after identify) or when the
 * peer opens a stream to it, and never again while the peer stays connected. Two things
 * left a connected peer without one, so that no gossip went to it until it disconnected:
 * - The connection that carried it closed while another stayed open (libp2p allows several
 *   between two nodes: both dialled at once, or over TCP and WebSocket; upstream left it as
 *   a follow-up to js-libp2p#3531), and the peer, its inbound stream reset, dropped us
 *   altogether (tests/network/upnp.test.ts with a WebSocket listener lost a record so;
 *   packages/net/test/duplicate-connections.test.ts).
 * - The peer stopped reading for a moment and its stream was reset at the bound of unsent
 *   gossip (`GOSSIP_OUTBOUND_BUFFER_BYTES`); the peer, its inbound stream reset, dropped us
 *   too (gossip-slow-peer.test.ts).
 * So GossipStreams tells gossipsub of a connection that remains, as the registrar tells it
 * of a new one (gossipsub's own way back to a direct peer without a stream: its `connect`
 * calls its topology's `onConnect`): gossipsub adds the peer back if it had dropped it and
 * opens its stream there; the peer, hearing from us, adds us back and opens its own. After
 * a close, at once; a peer cut off without a close, after a wait that doubles each time
 * (5 s up to 5 minutes), so that a peer that stays stuck costs one stream and at most the
 * bound of unsent gossip every few minutes, never a loop.
 */
import type { GossipSub } from '@libp2p/gossipsub'
import type { Connection, Libp2p, PeerId } from '@libp2p/interface'

/** What of gossipsub this needs. */
export interface GossipPeers {
  /** The peers gossipsub counts as connected. */
  getPeers(): PeerId[]
  hasOutboundStream(peer: string): boolean
  /**
   * gossipsub's handler of a new connection: adds the peer if it had dropped it, and opens
   * its outbound stream on `connection` if it holds none.
   */
  connected(peer: PeerId, connection: Connection): void
  /** Calls `listener` after each of gossipsub's heartbeats (every second); returns its removal. */
  onHeartbeat(listener: () => void): () => void
}

/**
 * gossipsub's class keeps its outbound streams in a public map, and its topology's
 * `onConnect` in a private method, that its exported interface does not declare: a version
 * without either fails here, at start.
 */
export function gossipPeersOf(pubsub: GossipSub): GossipPeers {
  const { streamsOutbound, onPeerConnected } = pubsub as unknown as {
    streamsOutbound?: unknown
    onPeerConnected?: unknown
  }
  if (!(streamsOutbound instanceof Map) || typeof onPeerConnected !== 'function')
    throw new Error(
      '@libp2p/gossipsub no longer has streamsOutbound or onPeerConnected: gossip-streams.ts needs updating',
    )
  return {
    getPeers: () => pubsub.getPeers(),
    hasOutboundStream: (peer) => streamsOutbound.has(peer),
    connected: (peer, connection) => onPeerConnected.call(pubsub, peer, connection),
    onHeartbeat: (listener) => {
      pubsub.addEventListener('gossipsub:heartbeat', listener)
      return () => pubsub.removeEventListener('gossipsub:heartbeat', listener)
    },
  }
}

export interface GossipStreamsInit {
  readonly libp2p: Pick<Libp2p, 'getConnections' | 'addEventListener' | 'removeEventListener'>
  readonly pubsub: GossipPeers
}

/** Time for the closed connection's streams to report their close to gossipsub first. */
const SETTLE_MS = 100
/** The wait before a peer that lost its stream without a close gets a new one. */
export const REOPEN_FIRST_MS = 5_000
/**
 * The longest such wait. A new stream that lasts this long makes the peer's next loss a
 * first one again.
 */
export const REOPEN_MAX_MS = 300_000

/** The wait before a peer's new stream, `reopened` streams after its first loss: 5 s, doubling, at most 5 minutes. */
export function reopenDelayMs(reopened: number): number {
  return Math.min(REOPEN_MAX_MS, REOPEN_FIRST_MS * 2 ** reopened)
}

/** A peer seen without an outbound stream, and the new streams it got. */
interface Reopening {
  reopened: number
  lastAt: number
  timer?: NodeJS.Timeout
}

export class GossipStreams {
  readonly #init: GossipStreamsInit
  readonly #timers = new Set<NodeJS.Timeout>()
  readonly #reopenings = new Map<string, Reopening>()
  #stopHeartbeat: (() => void) | undefined
  #stopped = false

  constructor(init: GossipStreamsInit) {
    this.#init = init
  }

  start(): void {
    this.#init.libp2p.addEventListener('connection:close', this.#onClose)
    this.#init.libp2p.addEventListener('peer:disconnect', this.#onDisconnect)
    this.#stopHeartbeat = this.#init.pubsub.onHeartbeat(this.#onHeartbeat)
  }

  stop(): void {
    this.#stopped = true
    this.#init.libp2p.removeEventListener('connection:close', this.#onClose)
    this.#init.libp2p.removeEventListener('peer:disconnect', this.#onDisconnect)
    this.#stopHeartbeat?.()
    for (const timer of this.#timers) clearTimeout(timer)
    this.#timers.clear()
    for (const { timer } of this.#reopenings.values()) clearTimeout(timer)
    this.#reopenings.clear()
  }

  readonly #onClose = (event: CustomEvent<Connection>): void => {
    const peer = event.detail.remotePeer
    if (this.#remaining(peer) === undefined) return
    const timer = setTimeout(() => {
      this.#timers.delete(timer)
      this.#restore(peer)
    }, SETTLE_MS)
    timer.unref()
    this.#timers.add(timer)
  }

  readonly #onDisconnect = (event: CustomEvent<PeerId>): void => {
    const id = event.detail.toString()
    clearTimeout(this.#reopenings.get(id)?.timer)
    this.#reopenings.delete(id)
  }

  /** A known peer without an outbound stream (and a connection) gets one after its wait. */
  readonly #onHeartbeat = (): void => {
    const { pubsub } = this.#init
    for (const peer of pubsub.getPeers()) {
      const id = peer.toString()
      const reopening = this.#reopenings.get(id)
      if (reopening?.timer !== undefined) continue
      if (pubsub.hasOutboundStream(id)) {
        if (
          reopening !== undefined &&
          (reopening.reopened === 0 || Date.now() - reopening.lastAt >= REOPEN_MAX_MS)
        )
          this.#reopenings.delete(id)
        continue
      }
      if (this.#remaining(peer) === undefined) continue
      const next = reopening ?? { reopened: 0, lastAt: 0 }
      next.timer = setTimeout(() => this.#reopen(peer, next), reopenDelayMs(next.reopened))
      next.timer.unref()
      this.#reopenings.set(id, next)
    }
  }

  #reopen(peer: PeerId, reopening: Reopening): void {
    reopening.timer = undefined
    if (this.#stopped) return
    const { pubsub } = this.#init
    // it got one meanwhile (a stream being opened when it was seen), or gossipsub dropped
    // it (its own stream to us broke: its end reopens that)
    if (pubsub.hasOutboundStream(peer.toString())) return
    if (!pubsub.getPeers().some((known) => known.equals(peer))) return
    const connection = this.#remaining(peer)
    if (connection === undefined) return
    reopening.reopened++
    reopening.lastAt = Date.now()
    pubsub.connected(peer, connection)
  }

  #remaining(peer: PeerId): Connection | undefined {
    return this.#init.libp2p.getConnections(peer).find((connection) => connection.status === 'open')
  }

  #restore(peer: PeerId): void {
    if (this.#stopped) return
    const { pubsub } = this.#init
    const known = pubsub.getPeers().some((known) => known.equals(peer))
    if (known && pubsub.hasOutboundStream(peer.toString())) return
    const connection = this.#remaining(peer)
    if (connection !== undefined) pubsub.connected(peer, connection)
  }
}
