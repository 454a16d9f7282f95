/**
 * Lets go of bootstrap peers a node no longer needs. Every member dials every bootstrap
 * peer at start and used to keep those connections for good, so a bootstrap peer held one
 * connection per member of the collective; at libp2p's limit (300 connections) it refused
 * every newcomer, whose bootstrap redial was then refused too: alone for good. In the
 * national-scale simulation everyone's bootstrap peers (the relays) held a connection to
 * every member; from about 300 members on, the last to join would have none.
 *
 * A node that holds `enough` connections to other peers closes its connections to
 * bootstrap peers on which it holds no relay reservation (libp2p's `keep-alive` tags) and
 * that carry no stream but the standing ones (gossip, identify, ping): a bootstrap peer
 * keeps the members that need it, newcomers and reservations, and room for new ones.
 */
import { KEEP_ALIVE, type Libp2p, type PeerId, type Stream } from '@libp2p/interface'

export interface BootstrapReleaseInit {
  readonly libp2p: Pick<Libp2p, 'getConnections' | 'peerStore'>
  /** Multiaddrs (with /p2p/ peer ids) of the bootstrap peers. */
  readonly bootstrap: readonly string[]
  /** Connections to other peers a node holds before it lets bootstrap peers go (0: never). @default 8 */
  readonly enough?: number
  /** How often to look (the first look after as long). @default 60_000 */
  readonly intervalMs?: number
}

/** Protocols whose streams stay open on every connection: they do not make it needed. */
const STANDING = ['/meshsub/', '/floodsub/', '/ipfs/id/', '/ipfs/ping/']

const standing = (stream: Stream): boolean =>
  stream.protocol === undefined || STANDING.some((prefix) => stream.protocol?.startsWith(prefix))

/** The peer id of a multiaddr ending in `/p2p/<id>`. */
const peerOf = (address: string): string | undefined => address.split('/p2p/').at(-1)

export class BootstrapRelease {
  readonly #init: BootstrapReleaseInit
  readonly #peers: Set<string>
  readonly #enough: number
  #timer: NodeJS.Timeout | undefined

  constructor(init: BootstrapReleaseInit) {
    this.#init = init
    this.#peers = new Set(init.bootstrap.map(peerOf).filter((id) => id !== undefined))
    this.#enough = init.enough ?? 8
  }

  start(): void {
    if (this.#enough <= 0 || this.#peers.size === 0) return
    this.#timer = setInterval(() => void this.check(), this.#init.intervalMs ?? 60_000)
    this.#timer.unref()
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  /** Closes the bootstrap connections this node can do without; resolves to how many. */
  async check(): Promise<number> {
    const connections = this.#init.libp2p.getConnections()
    const others = new Set(
      connections
        .map((connection) => connection.remotePeer.toString())
        .filter((peer) => !this.#peers.has(peer)),
    )
    if (this.#enough <= 0 || others.size < this.#enough) return 0
    let closed = 0
    for (const connection of connections) {
      if (!this.#peers.has(connection.remotePeer.toString())) continue
      if (!connection.streams.every(standing)) continue
      if (await this.#keptAlive(connection.remotePeer)) continue
      await connection.close().catch((err: Error) => connection.abort(err))
      closed++
    }
    return closed
  }

  /** Whether libp2p keeps `peer` connected on purpose (a relay reservation held there). */
  async #keptAlive(peer: PeerId): Promise<boolean> {
    try {
      const { tags } = await this.#init.libp2p.peerStore.get(peer)
      return [...tags.keys()].some((tag) => tag.startsWith(KEEP_ALIVE))
    } catch {
      return false
    }
  }
}
