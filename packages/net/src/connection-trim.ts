/**
 * Keeps a member's connections between a low and a high water mark, as go-libp2p's
 * connection manager does.
 *
 * libp2p's own pruner closes a connection past `maxConnections` only when it carries no
 * stream but identify, AutoNAT or DCUtR. Every member of the collective keeps a gossipsub
 * stream on every connection, so that pruner never closes one, and past `maxConnections`
 * libp2p refuses every inbound connection instead. In the national-scale simulation a
 * member held a connection to 60-70 % of the collective (pulls from the organisations it
 * follows, DHT walks, holders found), 125-160 at 200 organisations: at 1,000 every node
 * would sit at the ceiling, refusing new members, new followers and relays' dials, with the
 * memory of hundreds of idle connections.
 *
 * Here, once the node holds more than `highWater` connections, it closes the least valued
 * down to `lowWater`: never a bootstrap peer, a relay it keeps a reservation on (libp2p's
 * `keep-alive` tags) or a connection younger than `graceMs`; of the others, those with the
 * lowest sum of tags (gossipsub's mesh peers and the DHT's closest carry tags), the fewest
 * streams, the newest first. One of those carrying a stream at work (a pull, a block fetch,
 * a DHT query) is left to a later pass. What is closed is dialled again when needed: a
 * pull, a holder search, a DHT walk.
 */
import type { Connection, PeerId } from '@libp2p/interface'

/**
 * Prefixes of streams that stay open on an idle connection: they say nothing about its use.
 * Prefixes, not versions, so that a new gossipsub or identify version does not make every
 * connection look at work, and so untrimmable.
 */
const IDLE_PROTOCOLS = [
  '/meshsub/',
  '/ipfs/id/',
  '/ipfs/ping/',
  '/libp2p/autonat/',
  '/libp2p/dcutr',
]

/** libp2p's tag prefix for peers it keeps connected (and redials): a relay's reservation. */
const KEEP_ALIVE = 'keep-alive'

export interface ConnectionTrimInit {
  readonly libp2p: {
    getConnections(): Connection[]
    readonly peerStore: { get(peer: PeerId): Promise<{ tags: Map<string, { value: number }> }> }
    addEventListener(type: 'connection:open', listener: () => void): void
    removeEventListener(type: 'connection:open', listener: () => void): void
  }
  /** Trimming starts above this many connections. */
  readonly highWater: number
  /** ... and closes connections down to this many. */
  readonly lowWater: number
  /** A connection this young is left alone: its first exchange may not have begun. */
  readonly graceMs: number
  /** Peers never closed (the bootstrap peers), as peer id strings. */
  readonly protectedPeers?: readonly string[]
  /** How long to wait after a connection opened before counting (one pass for a burst). */
  readonly delayMs?: number
  /**
   * When a pass left the node above the high mark (its connections at work or young), how
   * long until the next. @default 10_000
   */
  readonly againMs?: number
}

interface Candidate {
  readonly connection: Connection
  readonly value: number
}

export class ConnectionTrim {
  readonly #init: ConnectionTrimInit
  readonly #protected: Set<string>
  #timer: NodeJS.Timeout | undefined
  #running: Promise<number> | undefined
  #stopped = false
  /** Connections this node closed for being past the high water mark, since start. */
  trimmed = 0

  constructor(init: ConnectionTrimInit) {
    if (!(init.lowWater > 0 && init.lowWater <= init.highWater))
      throw new RangeError('the low water mark must be positive and at most the high one')
    this.#init = init
    this.#protected = new Set(init.protectedPeers)
  }

  start(): void {
    this.#init.libp2p.addEventListener('connection:open', this.#onOpen)
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#timer)
    this.#init.libp2p.removeEventListener('connection:open', this.#onOpen)
  }

  readonly #onOpen = (): void => {
    if (this.#init.libp2p.getConnections().length > this.#init.highWater) this.#schedule(0)
  }

  /** One pass for a burst of connections, and another once the youngest left are past grace. */
  #schedule(extraMs: number): void {
    if (this.#stopped || this.#timer !== undefined) return
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined
        void this.trim()
      },
      (this.#init.delayMs ?? 1_000) + extraMs,
    )
    this.#timer.unref()
  }

  /** Closes connections down to the low water mark if above the high one; how many it closed. */
  trim(): Promise<number> {
    this.#running ??= this.#trim().finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  async #trim(): Promise<number> {
    const connections = this.#init.libp2p.getConnections()
    if (this.#stopped || connections.length <= this.#init.highWater) return 0
    const now = Date.now()
    const candidates: Candidate[] = []
    let young = false
    const old: Connection[] = []
    for (const connection of connections) {
      if (this.#protected.has(connection.remotePeer.toString())) continue
      if (now - connection.timeline.open < this.#init.graceMs) young = true
      else old.push(connection)
    }
    // one peer-store read a peer, all at once (a peer may hold more than one connection)
    const values = new Map<string, Promise<number | undefined>>()
    for (const { remotePeer } of old) {
      const peer = remotePeer.toString()
      if (!values.has(peer)) values.set(peer, this.#value(remotePeer))
    }
    for (const connection of old) {
      const value = await values.get(connection.remotePeer.toString())
      if (value !== undefined) candidates.push({ connection, value })
    }
    // the least valued first; one of them at work is left for a later pass, not replaced by
    // a more valued idle one (a mesh peer closed because a stranger's query was running)
    const least = candidates
      .sort(
        (a, b) =>
          a.value - b.value ||
          a.connection.streams.length - b.connection.streams.length ||
          b.connection.timeline.open - a.connection.timeline.open,
      )
      .slice(0, connections.length - this.#init.lowWater)
    const closing = least.filter(({ connection }) => !inUse(connection))
    await Promise.all(
      closing.map(({ connection }) =>
        connection
          .close({ signal: AbortSignal.timeout(1_000) })
          .catch((err: Error) => connection.abort(err)),
      ),
    )
    this.trimmed += closing.length
    // still above the mark, its connections at work or in their grace: look again later
    if (connections.length - closing.length > this.#init.highWater)
      this.#schedule(young ? this.#init.graceMs : (this.#init.againMs ?? 10_000))
    return closing.length
  }

  /** The sum of the peer's tags; undefined for a peer libp2p keeps connected (a relay). */
  async #value(peer: PeerId): Promise<number | undefined> {
    try {
      const { tags } = await this.#init.libp2p.peerStore.get(peer)
      let value = 0
      for (const [name, tag] of tags) {
        if (name.startsWith(KEEP_ALIVE)) return undefined
        value += tag.value
      }
      return value
    } catch {
      return 0 // not in the peer store: nothing known of it
    }
  }
}

/**
 * Whether a connection carries a stream of a protocol at work (not one kept open on any);
 * a stream still agreeing on its protocol counts as at work.
 */
function inUse(connection: Connection): boolean {
  return connection.streams.some(
    ({ protocol }) =>
      protocol === undefined || !IDLE_PROTOCOLS.some((prefix) => protocol.startsWith(prefix)),
  )
}
