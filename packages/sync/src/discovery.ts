/**
 * Finding members and log holders through the collective's private DHT. Every node
 * provides the collective's key (so members find each other) and the key of every log
 * it holds (so a node that knows only a DID finds a peer to replicate it from); the
 * organisation's own node is also found directly, its peer id being derived from the DID.
 */
import type { PeerId, PeerInfo } from '@libp2p/interface'
import { Queue } from '@libp2p/utils'
import { logIdOf } from '@polder/store'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { peerIdOfDid } from './heads.js'
import type { SyncLibp2p } from './libp2p.js'

const keyOf = async (text: string): Promise<CID> =>
  CID.createV1(raw.code, await sha256.digest(new TextEncoder().encode(text)))

/** The DHT key under which members of a collective provide themselves. */
export const collectiveKey = (collective: string): Promise<CID> =>
  keyOf(`polder:collective:${collective}`)

/** The DHT key under which holders of an organisation's log provide it. */
export const logKey = (did: string): Promise<CID> => keyOf(`polder:log:${logIdOf(did)}`)

export interface DiscoveryInit {
  readonly libp2p: SyncLibp2p
  readonly collective: string
  /** Connections to keep up by dialling members found through the DHT. @default 8 */
  readonly targetPeers?: number
  /** How often to provide again and look for members. @default 300_000 */
  readonly intervalMs?: number
  /** The logs this node holds, to provide. */
  readonly logs: () => readonly string[]
  /** How long a held log's provide counts before a round provides it again. @default {@link LOG_PROVIDE_TTL_MS} */
  readonly logProvideTtlMs?: number
  /**
   * The span over which the first provides of followed logs are spread, each at a random
   * moment in it (the node's own log is provided at once). @default {@link LOG_PROVIDE_TTL_MS}
   */
  readonly logProvideSpreadMs?: number
}

const LOOKUP_TIMEOUT_MS = 10_000
/**
 * DHT provides of followed logs under way at once. All at once, a node following dozens of
 * organisations started as many walks in one second (a collective following at once: N·F);
 * one at a time, a cold sync of 50 organisations from one peer took 14 -> 19 s.
 */
export const PROVIDES_AT_ONCE = 8
/**
 * Searches for a log's holders under way at once (each may be a DHT walk). A node that
 * follows dozens of organisations searches for all of them in the same second; every walk
 * asks three peers at a time, and each asked peer loads its twenty closest peers' records to
 * answer, so a collective following at once made every node's heap hold thousands of
 * answers in the making (the 50- to 200-node simulations' follow phase).
 */
export const SEARCHES_AT_ONCE = 4
/**
 * How long a held log's provide counts before a round provides it again: an hour. A round every
 * 5 minutes provided every held log again: F DHT walks a node every 5 minutes (F the
 * organisations it follows). kad-dht provides again by itself only 24 h after (records valid
 * 48 h), and keeps the records it holds for others in memory (libp2p's datastore): a holder
 * that restarts has lost them. An hour mends those, and a provide that reached few peers.
 */
export const LOG_PROVIDE_TTL_MS = 60 * 60_000

/** The first wait before looking for members again when a round left this node below target. */
export const RETRY_MIN_MS = 5_000

/**
 * How long to wait before looking for members again while below target: 5 s, then twice
 * as long each time, at most the interval. A node that found too few members (its first
 * lookup ran before the DHT knew them, or timed out on a busy machine) tries again soon
 * instead of keeping one or two bootstrap connections for a whole interval.
 */
export function nextRetryMs(previousMs: number | undefined, intervalMs: number): number {
  return Math.min(intervalMs, previousMs === undefined ? RETRY_MIN_MS : previousMs * 2)
}

/** The DHT walks this node started since its start, by what they were for. */
export interface DiscoveryWalks {
  /** Provides: the collective's key each round, and every held log's. */
  provides: number
  /** Of those, the ones that failed: no DHT peers, or the walk ran past its time. */
  failedProvides: number
  /** The failed provides by their error's name (`TimeoutError`, kad-dht's `QueryError`, …). */
  readonly provideErrors: Record<string, number>
  /** Searches for members (providers of the collective's key) while below target. */
  memberSearches: number
  /** Searches for an organisation's own node by its peer id. */
  originSearches: number
  /** Dials of an organisation's own node at the addresses it announced: no walk. */
  originDials: number
  /** Searches for other holders (providers) of a log. */
  holderSearches: number
}

export class Discovery {
  /** The DHT walks started since start, by what they were for. */
  readonly walks: DiscoveryWalks = {
    provides: 0,
    failedProvides: 0,
    provideErrors: {},
    memberSearches: 0,
    originSearches: 0,
    originDials: 0,
    holderSearches: 0,
  }
  readonly #libp2p: SyncLibp2p
  readonly #collective: string
  readonly #targetPeers: number
  readonly #intervalMs: number
  readonly #logs: () => readonly string[]
  readonly #logProvideTtlMs: number
  readonly #logProvideSpreadMs: number
  /** When each held log's next provide is due (performance.now()): its TTL over, or its turn. */
  readonly #due = new Map<string, number>()
  /** The logs provided since this node started (a log held before is provided once at once). */
  readonly #providedSinceStart = new Set<string>()
  /** Provides the held logs whose provide is due, at the first one's time. */
  #dueTimer: NodeJS.Timeout | undefined
  #started = false
  /** The provides under way: a few at a time (#provide never rejects). */
  readonly #provides = new Queue<void>({ concurrency: PROVIDES_AT_ONCE })
  /** The holder searches under way: a few at a time. */
  readonly #searches = new Queue<PeerId[]>({ concurrency: SEARCHES_AT_ONCE })
  #timer: NodeJS.Timeout | undefined
  #first: NodeJS.Timeout | undefined
  #retry: NodeJS.Timeout | undefined
  #retryMs: number | undefined
  #stopped = false
  readonly #controller = new AbortController()

  constructor(init: DiscoveryInit) {
    this.#libp2p = init.libp2p
    this.#collective = init.collective
    this.#targetPeers = init.targetPeers ?? 8
    this.#intervalMs = init.intervalMs ?? 300_000
    this.#logs = init.logs
    this.#logProvideTtlMs = init.logProvideTtlMs ?? LOG_PROVIDE_TTL_MS
    this.#logProvideSpreadMs = init.logProvideSpreadMs ?? LOG_PROVIDE_TTL_MS
  }

  start(): void {
    this.#started = true
    this.#libp2p.addEventListener('peer:connect', this.#onConnect)
    this.#timer = setInterval(() => void this.round(), this.#intervalMs)
    this.#timer.unref()
  }

  stop(): void {
    this.#stopped = true
    this.#controller.abort()
    clearInterval(this.#timer)
    clearTimeout(this.#first)
    clearTimeout(this.#retry)
    clearTimeout(this.#dueTimer)
    this.#libp2p.removeEventListener('peer:connect', this.#onConnect)
  }

  // the DHT needs peers: the first connection starts a round (and a log not yet provided)
  readonly #onConnect = (): void => {
    if (this.#first !== undefined || this.#stopped) return
    this.#first = setTimeout(() => void this.round(), 1_000)
    this.#first.unref()
  }

  /**
   * Provides the collective, dials members while below target, then provides every held
   * log whose provide is due: its own at once, a followed one at its turn ({@link held}),
   * then once its provide is {@link LOG_PROVIDE_TTL_MS} old. Members come first: a node
   * following a hundred organisations would otherwise wait for a hundred DHT provides before
   * it dials anyone beyond its bootstrap peers. A log no longer held is forgotten.
   */
  async round(): Promise<void> {
    if (this.#stopped) return
    await this.#provide(await collectiveKey(this.#collective))
    await this.#connectMembers()
    const logs = new Set(this.#logs())
    for (const did of this.#due.keys()) if (!logs.has(did)) await this.forgetLog(did)
    for (const did of logs) this.held(did)
    await this.#provideDue()
  }

  /**
   * Notes that this node holds `did`'s log, to be provided: the node's own log at once, a
   * followed one at a random moment within {@link DiscoveryInit.logProvideSpreadMs}. A follow
   * does not need the provide (the organisation's own node is found by its peer id, derived
   * from the DID): providers matter only while that node is offline. Provided when followed,
   * the logs of a collective whose members all follow at once (its launch, everyone back
   * after an outage) made N·F DHT walks in the same minute, and at 200 nodes 85 % of them
   * ran out of time with the DHT saturated. A log held before this node started
   * (`heldBefore`) is provided at once, the first time: spread, a restarted holder was not
   * found by new followers of an offline organisation for up to the spread (a cold sync of
   * 50 such logs waited 12 s more for the holder's announcements). A collective restarting
   * all at once provides in a burst again.
   */
  held(did: string, options: { readonly heldBefore?: boolean } = {}): void {
    const now = performance.now()
    if (options.heldBefore === true && !this.#providedSinceStart.has(did)) {
      // held before this node started (a restart): its records are there to serve, and a
      // follower whose organisation's node is offline finds holders only by their provides
      this.#due.set(did, now)
    } else if (!this.#due.has(did)) {
      const own = peerIdOfDid(did).equals(this.#libp2p.peerId)
      this.#due.set(did, now + (own ? 0 : Math.random() * this.#logProvideSpreadMs))
    } else return
    this.#arm()
  }

  /**
   * Stops providing `did`'s log (unfollowed, blocked): no provide of ours, and none renewed
   * by kad-dht, which renews this node's provider records itself (`cancelReprovide`) and
   * answers with them until they expire.
   */
  async forgetLog(did: string): Promise<void> {
    this.#providedSinceStart.delete(did)
    if (!this.#due.delete(did)) return
    try {
      await this.#libp2p.contentRouting.cancelReprovide(await logKey(did))
    } catch {
      // no content router (no DHT): nothing provided to cancel
    }
  }

  async #provideDue(): Promise<void> {
    const now = performance.now()
    const due = [...this.#due].filter(([, at]) => at <= now).map(([did]) => did)
    // armed again at once (a timer may fire a fraction of a ms before its provide is due)
    const provides = due.map((did) => this.provideLog(did))
    this.#arm()
    await Promise.all(provides)
  }

  /** Sets the timer for the next provide due (only while started: tests call round()). */
  #arm(): void {
    clearTimeout(this.#dueTimer)
    if (!this.#started || this.#stopped || this.#due.size === 0) return
    const next = Math.min(...this.#due.values())
    this.#dueTimer = setTimeout(
      () => void this.#provideDue(),
      Math.max(1, Math.ceil(next - performance.now())),
    )
    this.#dueTimer.unref()
  }

  /** Dials members found in the DHT while below target; below it still, tries again soon. */
  async #connectMembers(): Promise<void> {
    const below = () => !this.#stopped && this.#libp2p.getConnections().length < this.#targetPeers
    if (below()) {
      this.walks.memberSearches++
      for await (const peer of this.#providers(await collectiveKey(this.#collective))) {
        if (!below()) break
        await this.#dial(peer)
      }
    }
    clearTimeout(this.#retry)
    if (!below()) {
      this.#retryMs = undefined
      return
    }
    this.#retryMs = nextRetryMs(this.#retryMs, this.#intervalMs)
    this.#retry = setTimeout(() => void this.#connectMembers(), this.#retryMs)
    this.#retry.unref()
  }

  /**
   * Announces in the DHT that this node holds `did`'s log, unless its provide is not due yet
   * (provided within {@link LOG_PROVIDE_TTL_MS}, or its turn is still to come). At most
   * {@link PROVIDES_AT_ONCE} provides run at once: a node that follows dozens of
   * organisations at once would otherwise start as many DHT walks at the same moment (each a
   * closest-peers query and a put to 20 peers), and a collective where every member follows
   * at once holds N·F walks in its heaps.
   */
  provideLog(did: string): Promise<void> {
    const due = this.#due.get(did)
    if (due !== undefined && performance.now() < due) return Promise.resolve()
    this.#due.set(did, performance.now() + this.#logProvideTtlMs)
    this.#providedSinceStart.add(did)
    this.#arm()
    return this.#provides.add(async () => {
      if (this.#stopped || (await this.#provide(await logKey(did)))) return
      // one that failed (no DHT peers yet) is provided again by the next round, unless dropped
      if (this.#due.has(did)) this.#due.set(did, performance.now() + this.#intervalMs)
      this.#arm()
    })
  }

  /** Holder searches asked for and not finished: running and waiting their turn. */
  get searchesWaiting(): number {
    return this.#searches.size
  }

  /**
   * Finds and connects to peers that hold `did`'s log: the organisation's own node, then
   * providers of the log. Returns the connected peers found (perhaps none). The own node at
   * addresses already known (it announced them, or identify told them) is dialled at once;
   * only DHT walks wait their turn, {@link SEARCHES_AT_ONCE} at a time. Behind the walks, a
   * follower of dozens of organisations dialled its origins one walk's time apart: in the
   * 200-node simulation's follow phase four fifths of the copies not yet replicated were
   * follows whose origin was waiting for that dial, 24 searches waiting a node (median).
   */
  async connectHolders(did: string, max = 3): Promise<PeerId[]> {
    if (this.#stopped) return []
    const origin = peerIdOfDid(did)
    if (this.#libp2p.getConnections(origin).length > 0) return [origin]
    if (await this.#addressesKnown(origin)) {
      // no walk: a walk would most likely find the same addresses, and ask ~19 busy peers
      this.walks.originDials++
      if (await this.#dial({ id: origin, multiaddrs: [] })) return [origin]
      return this.#walk(() => this.#providersConnected(did, max))
    }
    return this.#walk(async () => {
      const found = await this.#originFound(origin)
      return found ? [origin] : this.#providersConnected(did, max)
    })
  }

  /** A DHT walk at its turn ({@link SEARCHES_AT_ONCE} at once); none once stopped. */
  #walk(search: () => Promise<PeerId[]>): Promise<PeerId[]> {
    return this.#searches.add(async () => (this.#stopped ? [] : search()))
  }

  /** Looks for the organisation's own node in the DHT and dials it; whether it connected. */
  async #originFound(origin: PeerId): Promise<boolean> {
    try {
      this.walks.originSearches++
      const info = await this.#libp2p.peerRouting.findPeer(origin, { signal: this.#signal() })
      return await this.#dial(info)
    } catch {
      return false // not found or not reachable: its log may be elsewhere
    }
  }

  /** Connects to up to `max` providers of the log found in the DHT. */
  async #providersConnected(did: string, max: number): Promise<PeerId[]> {
    this.walks.holderSearches++
    const found: PeerId[] = []
    for await (const peer of this.#providers(await logKey(did))) {
      if (await this.#dial(peer)) found.push(peer.id)
      if (found.length >= max) break
    }
    return found
  }

  async #addressesKnown(peer: PeerId): Promise<boolean> {
    try {
      return (await this.#libp2p.peerStore.get(peer)).addresses.length > 0
    } catch {
      return false // not in the peer store
    }
  }

  #signal(): AbortSignal {
    return AbortSignal.any([this.#controller.signal, AbortSignal.timeout(LOOKUP_TIMEOUT_MS)])
  }

  /** Provides `key`; false when the provide failed (no DHT peers yet, or it timed out). */
  async #provide(key: CID): Promise<boolean> {
    this.walks.provides++
    try {
      await this.#libp2p.contentRouting.provide(key, { signal: this.#signal() })
      return true
    } catch (err) {
      this.walks.failedProvides++
      const name = err instanceof Error ? err.name : typeof err
      this.walks.provideErrors[name] = (this.walks.provideErrors[name] ?? 0) + 1
      return false
    }
  }

  async *#providers(key: CID): AsyncGenerator<PeerInfo> {
    try {
      for await (const peer of this.#libp2p.contentRouting.findProviders(key, {
        signal: this.#signal(),
      })) {
        if (!peer.id.equals(this.#libp2p.peerId)) yield peer
      }
    } catch {
      // the lookup ran out of time or peers
    }
  }

  async #dial(peer: PeerInfo): Promise<boolean> {
    if (this.#libp2p.getConnections(peer.id).length > 0) return true
    try {
      if (peer.multiaddrs.length > 0)
        await this.#libp2p.peerStore.merge(peer.id, { multiaddrs: peer.multiaddrs })
      await this.#libp2p.dial(peer.id, { signal: this.#signal() })
      return true
    } catch {
      return false
    }
  }
}
