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
import type { PeerId } from '@libp2p/interface'
import { type Multiaddr, multiaddr } from '@multiformats/multiaddr'
import { decodeState, encodeState, isDid, type RecordState } from '@polder/schema'
import { logIdOf, type Store } from '@polder/store'
import { TypedEventEmitter } from 'main-event'
import { ClockSkew } from './clock-skew.js'
import { ProtocolError } from './errors.js'
import { peerIdOfDid } from './heads.js'
import type { SyncLibp2p } from './libp2p.js'
import { latestProfile } from './local.js'
import { RateLimit } from './rate-limit.js'
import { joinedAlone, type SubscriptionChange } from './topic-join.js'
import { afterTurnIfDue } from './turns.js'
import { MAX_HAVE } from './wire.js'

export const orgsTopic = (collective: string): string => `/polder/${collective}/orgs/1.0.0`

/**
 * "I just joined: who is there?" A node that joins sends one; every member that hears it
 * (relayed through the whole collective) announces itself soon, at most once a minute.
 * Gossip keeps no history, so without it a node learned of an organisation two hops away
 * only at that organisation's next periodic announcement (5 minutes).
 */
export const helloTopic = (collective: string): string => `/polder/${collective}/hello/1.0.0`
const HELLO = dagCbor.encode({ v: 1, t: 'hello' })
/** Least time between this node's own hellos. */
const HELLO_INTERVAL_MS = 60_000
/** Least time between two announcements in answer to hellos: a hello in between is answered then. */
const ANSWER_INTERVAL_MS = 10_000
/** Answers are spread over this long, so a join does not make the collective speak at once. */
const HELLO_ANSWER_SPREAD_MS = 2_000

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

  constructor(init: AnnouncerInit) {
    super()
    this.#store = init.store
    this.#libp2p = init.libp2p
    this.#topic = orgsTopic(init.collective)
    this.#helloTopic = helloTopic(init.collective)
    this.#intervalMs = init.intervalMs ?? 300_000
    this.#rate = new RateLimit(init.rateLimit ?? 10, 60_000)
    this.#onOffence = init.onOffence ?? (() => undefined)
    this.#newOrgs = init.newOrgs ?? newOrgsLimit()
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
    const did = this.#store.did
    const addresses = addressesToAnnounce(this.#libp2p.getMultiaddrs())
    this.#announcedAddresses = addresses.join(' ')
    const data = encodeAnnouncement(
      did,
      await this.#store.heads(did),
      latestProfile(this.#store, did),
      addresses,
    )
    await this.#libp2p.services.pubsub.publish(this.#topic, data).catch(() => undefined)
  }

  /** Announces within a moment (several triggers in a row give one announcement). */
  announceSoon(): void {
    clearTimeout(this.#soon)
    this.#soon = setTimeout(() => void this.announce(), 250)
    this.#soon.unref()
  }

  #validate(peer: PeerId, message: Message): TopicValidatorResult {
    if (message.type !== 'signed') return TopicValidatorResult.Reject
    if (!this.#rate.allow(message.from.toString())) return TopicValidatorResult.Ignore
    let announcement: Announcement
    try {
      announcement = decodeAnnouncement(message.data, message.from)
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
    let announcement: Announcement
    try {
      announcement = decodeAnnouncement(message.data, message.from)
    } catch {
      return
    }
    if (announcement.at !== undefined && announcement.did !== this.#store.did)
      this.clockSkew.observe(message.from.toString(), announcement.at)
    if (announcement.did === this.#store.did) return
    this.#store.directory.seen(announcement.did, message.from.toString(), announcement.profile)
    if (announcement.addresses.length > 0) {
      // signed by the peer itself, like the addresses identify tells: dialable from now on
      void this.#libp2p.peerStore
        .merge(message.from, { multiaddrs: [...announcement.addresses] })
        .catch(() => undefined)
    }
    this.safeDispatchEvent('org:announced', { detail: { ...announcement, peer: message.from } })
  }

  readonly #onSubscriptionChange = (event: CustomEvent<SubscriptionChange>): void => {
    // only the first member this node meets (it joined, or came back): it announces itself
    // and asks the rest of the collective to speak up; another connection between members
    // already known to each other is no news (topic-join.ts)
    if (joinedAlone(this.#libp2p, this.#topic, event.detail)) {
      this.announceSoon()
      this.#helloSoon()
    }
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
