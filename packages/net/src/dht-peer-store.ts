/**
 * libp2p's peer store as the DHT reads it: each peer decoded once, not once per answer.
 *
 * kad-dht answers every FIND_NODE and GET_PROVIDERS with ~20 peers (and every provider of the
 * key) read from libp2p's peer store, where each read takes the peer's lock, reads the
 * datastore and decodes the record's protobuf and every multiaddr in it: ~20 decodes an answer,
 * most of an answer's CPU and, while answers waited, of the node's live heap (BENCHMARKS.md,
 * round 13). Here a peer's decoded record is kept and handed to every reader until the peer
 * store says the peer changed (`peer:update`, `self:peer:update`), the DHT deletes it, or
 * {@link PEER_CACHE_TTL_MS} has passed: libp2p lets addresses (after an hour) and peers (after
 * six hours without one) expire without an event, and nothing else deletes a peer. Reads of a
 * peer at the same time share one read. Writes and queries go to libp2p's store as they were.
 */
import type {
  AbortOptions,
  ConsumePeerRecordOptions,
  Libp2pEvents,
  Peer,
  PeerData,
  PeerId,
  PeerInfo,
  PeerQuery,
  PeerStore,
  PeerUpdate,
} from '@libp2p/interface'
import type { TypedEventTarget } from 'main-event'

/** How long a decoded peer is handed out before it is read again, ms. */
export const PEER_CACHE_TTL_MS = 60_000

/** Peers kept decoded at most, the first kept leaving first: a routing table and providers. */
export const PEER_CACHE_SIZE = 1_024

interface Decoded {
  readonly peer: Peer
  readonly info: PeerInfo
  readonly at: number
}

/** A read of libp2p's store under way; `changed` if the peer changed meanwhile (not kept). */
interface Reading {
  readonly decoded: Promise<Decoded>
  changed: boolean
}

export class DhtPeerStore implements PeerStore {
  readonly #store: PeerStore
  readonly #events: TypedEventTarget<Libp2pEvents>
  readonly #decoded = new Map<string, Decoded>()
  readonly #reading = new Map<string, Reading>()
  /** Reads that went to libp2p's store. */
  reads = 0

  constructor(store: PeerStore, events: TypedEventTarget<Libp2pEvents>) {
    this.#store = store
    this.#events = events
    events.addEventListener('peer:update', this.#onUpdate)
    events.addEventListener('self:peer:update', this.#onUpdate)
  }

  /** Peers kept decoded now. */
  get size(): number {
    return this.#decoded.size
  }

  stop(): void {
    this.#events.removeEventListener('peer:update', this.#onUpdate)
    this.#events.removeEventListener('self:peer:update', this.#onUpdate)
    this.#decoded.clear()
    this.#reading.clear()
  }

  // a shared read is not given one reader's signal: another reader's would end it too
  async get(peerId: PeerId, options?: AbortOptions): Promise<Peer> {
    options?.signal?.throwIfAborted()
    return (await this.#read(peerId)).peer
  }

  async getInfo(peerId: PeerId, options?: AbortOptions): Promise<PeerInfo> {
    options?.signal?.throwIfAborted()
    return (await this.#read(peerId)).info
  }

  has(peerId: PeerId, options?: AbortOptions): Promise<boolean> {
    return this.#store.has(peerId, options)
  }

  forEach(fn: (peer: Peer) => void, query?: PeerQuery): Promise<void> {
    return this.#store.forEach(fn, query)
  }

  all(query?: PeerQuery): Promise<Peer[]> {
    return this.#store.all(query)
  }

  async delete(peerId: PeerId, options?: AbortOptions): Promise<void> {
    await this.#store.delete(peerId, options)
    this.#forget(peerId)
  }

  // writes that change a peer dispatch `peer:update`, which forgets it
  save(id: PeerId, data: PeerData, options?: AbortOptions): Promise<Peer> {
    return this.#store.save(id, data, options)
  }

  patch(id: PeerId, data: PeerData, options?: AbortOptions): Promise<Peer> {
    return this.#store.patch(id, data, options)
  }

  merge(id: PeerId, data: PeerData, options?: AbortOptions): Promise<Peer> {
    return this.#store.merge(id, data, options)
  }

  consumePeerRecord(buf: Uint8Array, options?: ConsumePeerRecordOptions): Promise<boolean> {
    return this.#store.consumePeerRecord(buf, options)
  }

  readonly #onUpdate = (event: CustomEvent<PeerUpdate>): void => {
    this.#forget(event.detail.peer.id)
  }

  #forget(peerId: PeerId): void {
    const key = peerId.toString()
    this.#decoded.delete(key)
    const reading = this.#reading.get(key)
    if (reading === undefined) return
    reading.changed = true
    this.#reading.delete(key)
  }

  #read(peerId: PeerId): Promise<Decoded> {
    const key = peerId.toString()
    const kept = this.#decoded.get(key)
    if (kept !== undefined && performance.now() - kept.at < PEER_CACHE_TTL_MS)
      return Promise.resolve(kept)
    const under = this.#reading.get(key)
    if (under !== undefined) return under.decoded
    this.reads++
    const decoded = this.#store.get(peerId).then((peer): Decoded => {
      const value = {
        peer,
        info: { id: peer.id, multiaddrs: peer.addresses.map(({ multiaddr }) => multiaddr) },
        at: performance.now(),
      }
      if (!reading.changed) this.#keep(key, value)
      return value
    })
    const reading: Reading = { decoded, changed: false }
    this.#reading.set(key, reading)
    const done = () => {
      if (this.#reading.get(key) === reading) this.#reading.delete(key)
    }
    decoded.then(done, done)
    return decoded
  }

  #keep(key: string, value: Decoded): void {
    this.#decoded.delete(key)
    this.#decoded.set(key, value)
    if (this.#decoded.size <= PEER_CACHE_SIZE) return
    const oldest = this.#decoded.keys().next().value
    if (oldest !== undefined) this.#decoded.delete(oldest)
  }
}
