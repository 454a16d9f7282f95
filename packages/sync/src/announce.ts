/**
 * Organisation announcements on the collective's topic: "I am this organisation, here is
 * my signed profile and the heads of my log". Gossipsub signs each message with the
 * sender's key, and the peer id of an organisation's node comes from the organisation's
 * key, so an announcement is accepted only from the node of the DID it names. Sent at
 * start, when the profile or the node's addresses change, when the node meets its first
 * peer, in answer to a hello, and periodically.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { type Message, TopicValidatorResult } from '@libp2p/gossipsub'
import type { Logger, PeerId, PrivateKey } from '@libp2p/interface'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { decodeState, encodeState, isDid, type RecordState } from '@polder/schema'
import { logIdOf, type Store } from '@polder/store'
import { TypedEventEmitter } from 'main-event'
import { ClockSkew } from './clock-skew.js'
import { type DirectoryFrame, HeardAnnouncements } from './directory-frames.js'
import { ProtocolError } from './errors.js'
import { peerIdOfDid } from './heads.js'
import type { SyncLibp2p } from './libp2p.js'
import { latestProfile } from './local.js'
import { RateLimit } from './rate-limit.js'
import { encodeSigned, signGossip, verifySigned } from './signed-gossip.js'
import { joinedAlone, type SubscriptionChange } from './topic-join.js'
import { afterTurnIfDue } from './turns.js'
import { MAX_HAVE } from './wire.js'

export const orgsTopic = (collective: string): string => `/polder/${collective}/orgs/1.0.0`

/**
 * "I just joined: who is there?" Every member that hears it (relayed through the whole
 * collective) announces itself soon, at most once a minute: N messages to N nodes per
 * join. A joining node now asks the peers it meets first for their directory, directly
 * (directory-exchange.ts), and says hello only when none of them answers (a node of an
 * older version); members still answer a hello. Gossip keeps no history, so without
 * either a node learned of an organisation two hops away only at that organisation's
 * next periodic announcement (5 minutes).
 */
export const helloTopic = (collective: string): string => `/polder/${collective}/hello/1.0.0`
const HELLO = dagCbor.encode({ v: 1, t: 'hello' })
/** Least time between this node's own hellos. */
const HELLO_INTERVAL_MS = 60_000
/** Least time between two announcements in answer to hellos: a hello in between is answered then. */
const ANSWER_INTERVAL_MS = 10_000
/** Answers are spread over this long, so a join does not make the collective speak at once. */
const HELLO_ANSWER_SPREAD_MS = 2_000
/** Peers a node asks for their directory after meeting its first (the first may know little). */
const DIRECTORY_PEERS = 3
/** How long after meeting its first peer a node still asks the next ones. */
const DIRECTORY_ASK_MS = 60_000

/** An announcement holds one profile (at most a record's size) and a few heads. */
export const MAX_ANNOUNCEMENT_BYTES = 300 * 1024

/** Addresses an announcement carries at most (relayed ones first), and their longest. */
export const MAX_ANNOUNCED_ADDRESSES = 16
const MAX_ADDRESS_LENGTH = 300

export interface Announcement {
  readonly did: string
  readonly heads: readonly string[]
  readonly profile: RecordState | undefined
  /**
   * Where the node can be reached: a node behind a NAT names its relayed addresses here,
   * so members dial it through its relay without a DHT lookup. Empty when none were sent.
   */
  readonly addresses: readonly Multiaddr[]
  /** When the sender sent it, by its clock (ms since 1970); older nodes send none. */
  readonly at?: number
}

export function encodeAnnouncement(
  did: string,
  heads: readonly string[],
  profile: RecordState | undefined,
  addresses: readonly string[] = [],
  at: number = Date.now(),
): Uint8Array {
  return dagCbor.encode({
    v: 1,
    did,
    log: logIdOf(did),
    heads,
    at,
    ...(profile === undefined ? {} : { profile: encodeState(profile) }),
    ...(addresses.length === 0 ? {} : { addrs: addresses.slice(0, MAX_ANNOUNCED_ADDRESSES) }),
  })
}

/** The `addrs` field: at most 16 multiaddrs, none naming another peer as its end. */
function decodeAddresses(value: unknown, from: PeerId): Multiaddr[] {
  if (value === undefined) return []
  if (!Array.isArray(value) || value.length > MAX_ANNOUNCED_ADDRESSES)
    throw new ProtocolError(`addrs: at most ${MAX_ANNOUNCED_ADDRESSES} multiaddrs`)
  return value.map((item) => {
    if (typeof item !== 'string' || item.length > MAX_ADDRESS_LENGTH)
      throw new ProtocolError(`addrs: multiaddrs of at most ${MAX_ADDRESS_LENGTH} characters`)
    let address: Multiaddr
    try {
      address = multiaddr(item)
    } catch {
      throw new ProtocolError(`addrs: "${item.slice(0, 80)}" is not a multiaddr`)
    }
    const last = address.getComponents().at(-1)
    if (last?.name === 'p2p' && last.value !== from.toString())
      throw new ProtocolError('addrs: an address of another peer')
    return address
  })
}

/** This node's addresses to announce: relayed ones first (they are what NATed nodes need). */
export function addressesToAnnounce(addresses: readonly Multiaddr[]): string[] {
  const relayed = (a: Multiaddr) => a.toString().includes('/p2p-circuit')
  return [...addresses.filter(relayed), ...addresses.filter((a) => !relayed(a))]
    .map((a) => a.toString())
    .filter((a) => a.length <= MAX_ADDRESS_LENGTH)
    .slice(0, MAX_ANNOUNCED_ADDRESSES)
}

/** Decodes and checks an announcement `from` a peer; throws a {@link ProtocolError} saying why not. */
export function decodeAnnouncement(bytes: Uint8Array, from: PeerId): Announcement {
  if (bytes.byteLength > MAX_ANNOUNCEMENT_BYTES) throw new ProtocolError('too large')
  let value: Record<string, unknown>
  try {
    value = dagCbor.decode(bytes) as Record<string, unknown>
  } catch {
    throw new ProtocolError('not DAG-CBOR')
  }
  if (value?.v !== 1) throw new ProtocolError('not an announcement')
  const { did, log, heads, profile, addrs, at } = value
  if (typeof did !== 'string' || !isDid(did)) throw new ProtocolError('did: not a did:key')
  if (!peerIdOfDid(did).equals(from))
    throw new ProtocolError('did: not the key of the peer that signed the announcement')
  if (log !== logIdOf(did)) throw new ProtocolError('log: not the log of the DID')
  if (
    !Array.isArray(heads) ||
    heads.length > MAX_HAVE ||
    !heads.every((hash) => typeof hash === 'string' && hash.length <= 128)
  )
    throw new ProtocolError('heads: at most 64 hashes')
  let state: RecordState | undefined
  if (profile !== undefined) {
    if (!(profile instanceof Uint8Array)) throw new ProtocolError('profile: not bytes')
    try {
      state = decodeState(profile)
    } catch (err) {
      throw new ProtocolError(`profile: ${(err as Error).message}`)
    }
    if (state.kind !== 'organization' || state.author !== did)
      throw new ProtocolError('profile: not an organization record of the DID')
  }
  // the sender's time is optional (older nodes do not send it) and only read for clock skew
  const sentAt = typeof at === 'number' && Number.isSafeInteger(at) && at > 0 ? at : undefined
  return {
    did,
    heads,
    profile: state,
    addresses: decodeAddresses(addrs, from),
    ...(sentAt === undefined ? {} : { at: sentAt }),
  }
}

/**
 * Organisations this node learns from announcements at most: a node with this many
 * ignores announcements of new ones (a Sybil flood once added 2,000 in 3.6 s).
 */
export const MAX_KNOWN_ORGS = 10_000
/** New organisations one connected peer may introduce per 10 minutes (relayed or its own). */
export const NEW_ORGS_PER_PEER = 200

/** The bound on new organisations one forwarding peer may introduce. */
export const newOrgsLimit = (): RateLimit => new RateLimit(NEW_ORGS_PER_PEER, 10 * 60_000)

export interface AnnouncerInit {
  readonly store: Store
  readonly libp2p: SyncLibp2p
  readonly collective: string
  /** @default 300_000 */
  readonly intervalMs?: number
  /** Announcements a peer may send per minute before they are ignored. @default 10 */
  readonly rateLimit?: number
  /** Called for an announcement that was refused, with the peer that forwarded it. */
  readonly onOffence?: (peer: PeerId, reason: string) => void
  /**
   * New organisations admitted per forwarding peer, shared with the profile relay so
   * that both ways in keep one bound. @default NEW_ORGS_PER_PEER per 10 minutes
   */
  readonly newOrgs?: RateLimit
  /**
   * Asks a peer for its directory directly (directory-exchange.ts); rejects when the peer
   * does not answer. Without it, a node that joins says hello to the whole collective.
   */
  readonly askDirectory?: (peer: PeerId) => Promise<unknown>
  /**
   * The organisation's key (the node's peer id): signs this node's own announcement in a
   * directory answer, so that the joining node can hand it on in turn. Without it the
   * answer carries it unsigned (taken from the peer itself, not handed on).
   */
  readonly privateKey?: PrivateKey
}

export interface AnnouncerEvents {
  'org:announced': CustomEvent<Announcement & { readonly peer: PeerId }>
}

export class Announcer extends TypedEventEmitter<AnnouncerEvents> {
  readonly #store: Store
  readonly #libp2p: SyncLibp2p
  readonly #topic: string
  readonly #intervalMs: number
  readonly #onOffence: (peer: PeerId, reason: string) => void
  readonly #rate: RateLimit
  readonly #newOrgs: RateLimit
  readonly #helloTopic: string
  readonly #askDirectory: ((peer: PeerId) => Promise<unknown>) | undefined
  readonly #privateKey: PrivateKey | undefined
  /** Peers asked for their directory since this node met its first, and when that was. */
  #asked = { peers: new Set<string>(), since: 0, answered: false }
  /** The newest signed announcement of each organisation, to hand a joining node. */
  readonly heard = new HeardAnnouncements()
  /** How far the clocks of peers that announce themselves are from this node's. */
  readonly clockSkew = new ClockSkew()
  #lastHello = 0
  #lastAnswer = 0
  #answer: NodeJS.Timeout | undefined
  #helloTimer: NodeJS.Timeout | undefined
  #timer: NodeJS.Timeout | undefined
  #soon: NodeJS.Timeout | undefined
  /** The addresses last announced, to tell a real change from libp2p's many peer updates. */
  #announcedAddresses: string | undefined
  #stopped = false
  /** libp2p's debug log (`DEBUG=polder:announcer*`). */
  readonly #log: Logger

  constructor(init: AnnouncerInit) {
    super()
    this.#store = init.store
    this.#libp2p = init.libp2p
    this.#log = init.libp2p.logger.forComponent('polder:announcer')
    this.#topic = orgsTopic(init.collective)
    this.#helloTopic = helloTopic(init.collective)
    this.#intervalMs = init.intervalMs ?? 300_000
    this.#rate = new RateLimit(init.rateLimit ?? 10, 60_000)
    this.#onOffence = init.onOffence ?? (() => undefined)
    this.#newOrgs = init.newOrgs ?? newOrgsLimit()
    this.#askDirectory = init.askDirectory
    this.#privateKey = init.privateKey
  }

  start(): void {
    const { pubsub } = this.#libp2p.services
    pubsub.topicValidators.set(this.#topic, (peer, message) =>
      afterTurnIfDue(this.#validate(peer, message)),
    )
    pubsub.topicValidators.set(this.#helloTopic, (_peer, message) =>
      message.data.byteLength <= HELLO.byteLength * 2
        ? TopicValidatorResult.Accept
        : TopicValidatorResult.Reject,
    )
    pubsub.addEventListener('message', this.#onMessage)
    pubsub.addEventListener('subscription-change', this.#onSubscriptionChange)
    this.#store.addEventListener('record:added', this.#onOwnRecord)
    this.#store.addEventListener('record:updated', this.#onOwnRecord)
    pubsub.subscribe(this.#topic)
    pubsub.subscribe(this.#helloTopic)
    // a new relayed address (a reservation made or lost) is announced at once
    this.#libp2p.addEventListener('self:peer:update', this.#onSelfUpdate)
    this.#timer = setInterval(() => void this.announce(), this.#intervalMs)
    this.#timer.unref()
    this.announceSoon()
  }

  stop(): void {
    this.#stopped = true
    clearInterval(this.#timer)
    clearTimeout(this.#soon)
    clearTimeout(this.#helloTimer)
    clearTimeout(this.#answer)
    const { pubsub } = this.#libp2p.services
    pubsub.topicValidators.delete(this.#helloTopic)
    pubsub.removeEventListener('message', this.#onMessage)
    pubsub.removeEventListener('subscription-change', this.#onSubscriptionChange)
    this.#libp2p.removeEventListener('self:peer:update', this.#onSelfUpdate)
    this.#store.removeEventListener('record:added', this.#onOwnRecord)
    this.#store.removeEventListener('record:updated', this.#onOwnRecord)
    pubsub.topicValidators.delete(this.#topic)
  }

  async announce(): Promise<void> {
    if (this.#stopped) return
    const addresses = addressesToAnnounce(this.#libp2p.getMultiaddrs())
    this.#announcedAddresses = addresses.join(' ')
    const data = await this.ownAnnouncement(addresses)
    this.#log('announcing with addresses %o', addresses)
    await this.#libp2p.services.pubsub.publish(this.#topic, data).catch(() => undefined)
  }

  /** This node's announcement for a directory answer: signed when the key is at hand. */
  async ownFrame(): Promise<DirectoryFrame> {
    const data = await this.ownAnnouncement()
    return this.#privateKey === undefined
      ? { t: 'own', m: data }
      : { t: 'signed', m: await signGossip(this.#privateKey, this.#topic, data) }
  }

  /** This node's announcement as it would send it now. */
  async ownAnnouncement(
    addresses = addressesToAnnounce(this.#libp2p.getMultiaddrs()),
  ): Promise<Uint8Array> {
    const did = this.#store.did
    return encodeAnnouncement(
      did,
      await this.#store.heads(did),
      latestProfile(this.#store, did),
      addresses,
    )
  }

  /** Announces within a moment (several triggers in a row give one announcement). */
  announceSoon(): void {
    clearTimeout(this.#soon)
    this.#soon = setTimeout(() => void this.announce(), 250)
    this.#soon.unref()
  }

  #validate(peer: PeerId, message: Message): TopicValidatorResult {
    if (message.type !== 'signed') return TopicValidatorResult.Reject
    return this.#check(peer, message.from, message.data)
  }

  /** Whether an announcement signed by `from`, passed on by `peer`, is taken. */
  #check(peer: PeerId, from: PeerId, data: Uint8Array): TopicValidatorResult {
    if (!this.#rate.allow(from.toString())) return TopicValidatorResult.Ignore
    let announcement: Announcement
    try {
      announcement = decodeAnnouncement(data, from)
    } catch (err) {
      // gossipsub scores down the peer that forwarded it
      this.#onOffence(peer, `sent a refused announcement: ${(err as Error).message}`)
      return TopicValidatorResult.Reject
    }
    // a new organisation is admitted within bounds, charged to the peer that passed it on
    // (the connection), not to the key that signed it: fresh keys cost an attacker nothing
    const { directory } = this.#store
    if (!directory.has(announcement.did)) {
      if (directory.count() >= MAX_KNOWN_ORGS) return TopicValidatorResult.Ignore
      if (!this.#newOrgs.allow(peer.toString())) return TopicValidatorResult.Ignore
    }
    return TopicValidatorResult.Accept
  }

  /** Says hello soon (once a minute at most): members announce themselves in answer. */
  #helloSoon(): void {
    if (this.#helloTimer !== undefined || Date.now() - this.#lastHello < HELLO_INTERVAL_MS) return
    // a moment for the mesh to form after the first subscriptions
    this.#helloTimer = setTimeout(() => {
      this.#helloTimer = undefined
      this.#lastHello = Date.now()
      if (this.#stopped) return
      void this.#libp2p.services.pubsub.publish(this.#helloTopic, HELLO).catch(() => undefined)
    }, 1_000)
    this.#helloTimer.unref()
  }

  /**
   * Answers a member's hello with an announcement, spread out; hellos that come in quick
   * succession share one answer (at most one every 10 seconds).
   */
  #answerHello(): void {
    if (this.#answer !== undefined) return
    const wait = Math.max(0, this.#lastAnswer + ANSWER_INTERVAL_MS - Date.now())
    this.#answer = setTimeout(
      () => {
        this.#answer = undefined
        this.#lastAnswer = Date.now()
        void this.announce()
      },
      wait + Math.random() * HELLO_ANSWER_SPREAD_MS,
    )
    this.#answer.unref()
  }

  readonly #onMessage = (event: CustomEvent<Message>): void => {
    const message = event.detail
    if (message.topic === this.#helloTopic) {
      this.#answerHello()
      return
    }
    if (message.topic !== this.#topic || message.type !== 'signed') return
    const announcement = this.#accepted(message.from, message.data)
    if (announcement !== undefined && announcement.did !== this.#store.did)
      this.heard.keep(announcement.did, encodeSigned(message))
  }

  /**
   * A signed announcement a peer handed on directly (a joining node's directory): checked
   * by its signature, then as if gossip had brought it through `via`.
   */
  async receiveSigned(bytes: Uint8Array, via: PeerId): Promise<void> {
    let message: Awaited<ReturnType<typeof verifySigned>>
    try {
      message = await verifySigned(bytes, this.#topic)
    } catch (err) {
      this.#onOffence(
        via,
        `handed on an announcement that does not verify: ${(err as Error).message}`,
      )
      throw err
    }
    if (message.from.equals(this.#libp2p.peerId)) return
    if (this.#check(via, message.from, message.data) !== TopicValidatorResult.Accept) return
    const announcement = this.#accepted(message.from, message.data, false)
    if (announcement !== undefined) this.heard.keep(announcement.did, bytes)
  }

  /** `via`'s own announcement, sent over a stream with it (the connection says who it is). */
  async receiveOwn(bytes: Uint8Array, via: PeerId): Promise<void> {
    if (this.#check(via, via, bytes) === TopicValidatorResult.Accept) this.#accepted(via, bytes)
  }

  /**
   * An announcement signed by `from` that was taken: into the directory, and told. One
   * handed on from a peer's directory (`live` false) may be minutes old: its heads and
   * time are not taken as news (a claim of old heads as fresh would let the replicator
   * skip its check of the log).
   */
  #accepted(from: PeerId, data: Uint8Array, live = true): Announcement | undefined {
    let announcement: Announcement
    try {
      announcement = decodeAnnouncement(data, from)
    } catch {
      return undefined
    }
    if (live && announcement.at !== undefined && announcement.did !== this.#store.did)
      this.clockSkew.observe(from.toString(), announcement.at)
    if (announcement.did === this.#store.did) return undefined
    this.#log(
      'took %s announcement of %p with addresses %o',
      live ? 'a live' : 'a handed-on',
      from,
      announcement.addresses,
    )
    this.#store.directory.seen(announcement.did, from.toString(), announcement.profile)
    if (announcement.addresses.length > 0) {
      // signed by the peer itself, like the addresses identify tells: dialable from now on
      void this.#libp2p.peerStore
        .merge(from, { multiaddrs: [...announcement.addresses] })
        .catch(() => undefined)
    }
    const told = live ? announcement : { ...announcement, heads: [] }
    this.safeDispatchEvent('org:announced', { detail: { ...told, peer: from } })
    return announcement
  }

  readonly #onSubscriptionChange = (event: CustomEvent<SubscriptionChange>): void => {
    // only the first member this node meets (it joined, or came back): it announces itself
    // and asks the rest of the collective to speak up; another connection between members
    // already known to each other is no news (topic-join.ts)
    if (joinedAlone(this.#libp2p, this.#topic, event.detail)) {
      this.announceSoon()
      this.#asked = { peers: new Set(), since: Date.now(), answered: false }
    }
    // the first few peers met since are asked for their directory, directly
    if (event.detail.subscriptions.some((s) => s.topic === this.#topic && s.subscribe))
      this.#askForDirectory(event.detail.peerId)
  }

  /**
   * Asks `peer` for its directory if it is one of the first {@link DIRECTORY_PEERS} met
   * lately; says hello to everyone when the first asked does not answer (or nobody can be
   * asked).
   */
  #askForDirectory(peer: PeerId): void {
    const asked = this.#asked
    if (asked.peers.size >= DIRECTORY_PEERS || Date.now() - asked.since > DIRECTORY_ASK_MS) return
    if (asked.peers.has(peer.toString())) return
    asked.peers.add(peer.toString())
    if (this.#askDirectory === undefined) {
      this.#helloSoon()
      return
    }
    this.#askDirectory(peer).then(
      () => {
        asked.answered = true
      },
      () => {
        if (!asked.answered && !this.#stopped) this.#helloSoon()
      },
    )
  }

  readonly #onSelfUpdate = (): void => {
    // libp2p updates its own peer record for protocols and observed addresses too (a dozen
    // times a minute in a network of twenty): only a change of what is announced goes out,
    // since every member receives and handles every announcement
    const addresses = addressesToAnnounce(this.#libp2p.getMultiaddrs()).join(' ')
    if (addresses !== this.#announcedAddresses) this.announceSoon()
  }

  readonly #onOwnRecord = (event: CustomEvent<{ state: RecordState }>): void => {
    const { state } = event.detail
    if (state.kind === 'organization' && state.author === this.#store.did) this.announceSoon()
  }
}
