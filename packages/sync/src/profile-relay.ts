/**
 * Relayed profiles, on the collective's topic `/polder/<collective>/profiles/1.0.0`: a
 * node passes on, for every log it holds but does not own, the signed log entry that
 * carries the organisation's newest `organization` record, with the log's heads. So a
 * node learns the organisations its peers hold, not only those whose own nodes are
 * online and near (a node bootstrapped to a demo node learns the twelve demo
 * organisations). The entry is checked against the DID alone (its log, key and
 * signature, and the record in it): a holder can pass a profile on, never make one up.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { type Message, TopicValidatorResult } from '@libp2p/gossipsub'
import type { PeerId } from '@libp2p/interface'
import { isDid, type RecordState } from '@polder/schema'
import { type Store, verifyProfileEntry } from '@polder/store'
import { TypedEventEmitter } from 'main-event'
import { type Announcement, helloTopic, MAX_KNOWN_ORGS, newOrgsLimit } from './announce.js'
import { ProtocolError } from './errors.js'
import type { SyncLibp2p } from './libp2p.js'
import { latestProfile } from './local.js'
import { RateLimit } from './rate-limit.js'
import { joinedAlone, type SubscriptionChange } from './topic-join.js'
import { afterTurnIfDue } from './turns.js'
import { MAX_HAVE } from './wire.js'

export const profilesTopic = (collective: string): string => `/polder/${collective}/profiles/1.0.0`

/**
 * A relayed entry is at most this large: a profile published alone or with a few records.
 * Checked before anything is decoded, it bounds what verifying one costs; a profile that
 * came in a bulk entry is not relayed (its own node announces it).
 */
export const MAX_RELAYED_ENTRY_BYTES = 64 * 1024
const MAX_RELAY_BYTES = MAX_RELAYED_ENTRY_BYTES + 16 * 1024
/** Logs relayed per round at most; the order turns every round, so all get their turn. */
export const MAX_RELAYED_PER_ROUND = 200
/**
 * A hello is answered after a second and then at a random moment within this spread, each
 * holder at its own: the first to relay a log silences the other holders that heard it
 * before their turn, so F holders send about 1 + F·D/spread copies of it (D the gossip
 * delay). Over 2 s, as before, nearly every holder spoke on a busy collective (D of a second
 * or more): a hello there cost N·F relays, each one checked by every node.
 */
export const ANSWER_SPREAD_MS = 10_000

/** A relay of a log's profile at some heads, heard from another holder at `at` (ms). */
export interface HeardRelay {
  /** The heads, joined. */
  readonly heads: string
  readonly at: number
}

/**
 * Whether this holder still passes on a log's profile at `heads`: not when another holder
 * passed on the same profile at the same heads since `since`, for gossip took that one to
 * every subscriber. Without this every holder relays every log it holds each round, and
 * every node receives each profile once per holder: N x F messages a round in a collective
 * of N organisations following F each (60,000 at 1,000 following 60), and a hello made all
 * of them speak at once.
 */
export function stillToRelay(heard: HeardRelay | undefined, heads: string, since: number): boolean {
  return heard === undefined || heard.heads !== heads || heard.at < since
}

export interface ProfileRelayMessage {
  readonly did: string
  readonly heads: readonly string[]
  /** The signed log entry (OrbitDB's bytes) that carries the profile. */
  readonly entry: Uint8Array
}

export function encodeProfileRelay(message: ProfileRelayMessage): Uint8Array {
  return dagCbor.encode({ v: 1, t: 'profile', ...message, heads: [...message.heads] })
}

/** Decodes a relayed profile's envelope; throws a {@link ProtocolError} saying why not. */
export function decodeProfileRelay(bytes: Uint8Array): ProfileRelayMessage {
  if (bytes.byteLength > MAX_RELAY_BYTES) throw new ProtocolError('too large')
  let value: Record<string, unknown>
  try {
    value = dagCbor.decode(bytes) as Record<string, unknown>
  } catch {
    throw new ProtocolError('not DAG-CBOR')
  }
  if (value === null || typeof value !== 'object' || value.v !== 1 || value.t !== 'profile')
    throw new ProtocolError('not a relayed profile')
  const { did, heads, entry } = value
  if (typeof did !== 'string' || !isDid(did)) throw new ProtocolError('did: not a did:key')
  if (
    !Array.isArray(heads) ||
    heads.length > MAX_HAVE ||
    !heads.every((hash) => typeof hash === 'string' && hash.length <= 128)
  )
    throw new ProtocolError('heads: at most 64 hashes')
  if (!(entry instanceof Uint8Array) || entry.byteLength > MAX_RELAYED_ENTRY_BYTES)
    throw new ProtocolError('entry: not bytes, or too large')
  return { did, heads, entry }
}

export interface ProfileRelayInit {
  readonly store: Store
  readonly libp2p: SyncLibp2p
  readonly collective: string
  /** @default 300_000 */
  readonly intervalMs?: number
  /** Relayed profiles a peer may pass on per minute. @default 600 */
  readonly rateLimit?: number
  /** Called for a relayed profile that was refused, with the peer that forwarded it. */
  readonly onOffence?: (peer: PeerId, reason: string) => void
  /** New organisations admitted per forwarding peer: the announcer's bound, shared. */
  readonly newOrgs?: RateLimit
  /** Where this node's turns fall, in [0, 1). @default Math.random */
  readonly random?: () => number
}

export interface ProfileRelayEvents {
  /** A verified profile of `did`, passed on by `peer`, which holds the log at `heads`. */
  'org:announced': CustomEvent<Announcement & { readonly peer: PeerId }>
}

export class ProfileRelay extends TypedEventEmitter<ProfileRelayEvents> {
  readonly #store: Store
  readonly #libp2p: SyncLibp2p
  readonly #topic: string
  readonly #helloTopic: string
  readonly #intervalMs: number
  readonly #rate: RateLimit
  readonly #newOrgs: RateLimit
  readonly #onOffence: (peer: PeerId, reason: string) => void
  readonly #random: () => number
  #round = 0
  #first: NodeJS.Timeout | undefined
  #timer: NodeJS.Timeout | undefined
  #soon: NodeJS.Timeout | undefined
  /** When the relay that {@link relaySoon} scheduled was asked for. */
  #soonSince = 0
  /** The newest relay heard from another holder, per log held here. */
  readonly #heard = new Map<string, HeardRelay>()
  #stopped = false

  constructor(init: ProfileRelayInit) {
    super()
    this.#store = init.store
    this.#libp2p = init.libp2p
    this.#topic = profilesTopic(init.collective)
    this.#helloTopic = helloTopic(init.collective)
    this.#intervalMs = init.intervalMs ?? 300_000
    this.#rate = new RateLimit(init.rateLimit ?? 600, 60_000)
    this.#onOffence = init.onOffence ?? (() => undefined)
    this.#newOrgs = init.newOrgs ?? newOrgsLimit()
    this.#random = init.random ?? Math.random
  }

  start(): void {
    const { pubsub } = this.#libp2p.services
    pubsub.topicValidators.set(this.#topic, (peer, message) =>
      afterTurnIfDue(this.#validate(peer, message)),
    )
    pubsub.addEventListener('subscription-change', this.#onSubscriptionChange)
    pubsub.addEventListener('message', this.#onMessage)
    pubsub.subscribe(this.#topic)
    // the first round at a random moment of the second interval: nodes started together (a
    // collective's launch, everyone back after an outage) would otherwise relay in step every
    // round, each before it heard the others, and no relay would silence another; not in the
    // first, where a starting node follows and pulls (what it holds is news by then)
    const round = () => void this.relay({ since: Date.now() - this.#intervalMs })
    this.#first = setTimeout(
      () => {
        round()
        this.#timer = setInterval(round, this.#intervalMs)
        this.#timer.unref()
      },
      (1 + this.#random()) * this.#intervalMs,
    )
    this.#first.unref()
  }

  stop(): void {
    this.#stopped = true
    clearTimeout(this.#first)
    clearInterval(this.#timer)
    clearTimeout(this.#soon)
    const { pubsub } = this.#libp2p.services
    pubsub.removeEventListener('subscription-change', this.#onSubscriptionChange)
    pubsub.removeEventListener('message', this.#onMessage)
    pubsub.topicValidators.delete(this.#topic)
  }

  /**
   * Passes on the profile of every log held here but not written by this organisation;
   * with `since`, not those another holder passed on at the same heads since then.
   */
  async relay(options: { since?: number } = {}): Promise<number> {
    const own = this.#store.did
    const logs = this.#store.logs().filter((did) => did !== own)
    // a different slice each round when there are more than one round takes
    const start = (this.#round++ * MAX_RELAYED_PER_ROUND) % Math.max(logs.length, 1)
    const turn = [...logs.slice(start), ...logs.slice(0, start)].slice(0, MAX_RELAYED_PER_ROUND)
    let sent = 0
    for (const did of turn) {
      if (this.#stopped) break
      const message = await this.#messageOf(did)
      if (message === undefined) continue
      const { since } = options
      if (since !== undefined && !stillToRelay(this.#heard.get(did), message.heads.join(), since))
        continue
      await this.#libp2p.services.pubsub
        .publish(this.#topic, encodeProfileRelay(message))
        .then(() => sent++)
        .catch(() => undefined) // no peer on the topic yet: the next round
    }
    return sent
  }

  /** Relays within a moment; triggers until then share the round. */
  relaySoon(): void {
    if (this.#stopped || this.#soon !== undefined) return
    this.#soonSince = Date.now()
    // spread, so that the holders a hello reaches do not all speak at once: the first to
    // speak of a log silences the others (ANSWER_SPREAD_MS)
    this.#soon = setTimeout(
      () => {
        this.#soon = undefined
        void this.relay({ since: this.#soonSince })
      },
      1_000 + this.#random() * ANSWER_SPREAD_MS,
    )
    this.#soon.unref()
  }

  async #messageOf(did: string): Promise<ProfileRelayMessage | undefined> {
    const profile = latestProfile(this.#store, did)
    if (profile === undefined) return undefined
    const entry = this.#store.entryOf(did, profile.id)
    if (entry === undefined || entry.byteLength > MAX_RELAYED_ENTRY_BYTES) return undefined
    return { did, heads: await this.#store.heads(did), entry }
  }

  /** Relayed-profile messages of the logs held here (not own) that `covered` leaves out. */
  async *held(covered: (did: string) => boolean): AsyncGenerator<Uint8Array> {
    const own = this.#store.did
    for (const did of this.#store.logs()) {
      if (did === own || covered(did)) continue
      const message = await this.#messageOf(did)
      if (message !== undefined) yield encodeProfileRelay(message)
    }
  }

  /** A relayed profile of a log `via` holds, sent directly (a joining node's directory). */
  async receive(bytes: Uint8Array, via: PeerId): Promise<void> {
    await this.#check(via, via, bytes)
  }

  async #validate(peer: PeerId, message: Message): Promise<TopicValidatorResult> {
    if (message.type !== 'signed') return TopicValidatorResult.Reject
    return this.#check(peer, message.from, message.data)
  }

  /** Checks a relayed profile from `holder`, passed on by `peer`; takes it if it verifies. */
  async #check(peer: PeerId, holder: PeerId, data: Uint8Array): Promise<TopicValidatorResult> {
    if (!this.#rate.allow(peer.toString())) return TopicValidatorResult.Ignore
    let relayed: ProfileRelayMessage
    try {
      relayed = decodeProfileRelay(data)
    } catch (err) {
      this.#onOffence(peer, `sent a refused relayed profile: ${(err as Error).message}`)
      return TopicValidatorResult.Reject
    }
    if (relayed.did === this.#store.did) return TopicValidatorResult.Ignore
    // a new organisation is admitted within bounds, charged to the forwarding peer
    const { directory } = this.#store
    if (directory.isBlocked(relayed.did)) return TopicValidatorResult.Ignore
    if (!directory.has(relayed.did)) {
      if (directory.count() >= MAX_KNOWN_ORGS) return TopicValidatorResult.Ignore
      if (!this.#newOrgs.allow(peer.toString())) return TopicValidatorResult.Ignore
    }
    const profile = await verifyProfileEntry(relayed.did, relayed.entry)
    if (profile === undefined) {
      this.#onOffence(peer, 'sent a relayed profile whose entry does not verify')
      return TopicValidatorResult.Reject
    }
    this.#accept(relayed, profile, holder)
    return TopicValidatorResult.Accept
  }

  /** A verified profile: into the directory, and heard of as a holder of the log. */
  #accept(relayed: ProfileRelayMessage, profile: RecordState, holder: PeerId): void {
    const known = this.#store.directory.known(relayed.did)
    // the organisation's own announcement names its node: a relay does not replace it
    const peer = known?.peer ?? holder.toString()
    this.#store.directory.seen(relayed.did, peer, profile)
    // kept for the logs held here only: those are the ones this node would relay
    if (this.#store.log(relayed.did) !== undefined)
      this.#heard.set(relayed.did, { heads: relayed.heads.join(), at: Date.now() })
    this.safeDispatchEvent('org:announced', {
      detail: { did: relayed.did, heads: relayed.heads, profile, peer: holder },
    })
  }

  /** A node that just joined says hello (the announcer's topic): it hears what is held here. */
  readonly #onMessage = (event: CustomEvent<Message>): void => {
    if (event.detail.topic === this.#helloTopic) this.relaySoon()
  }

  readonly #onSubscriptionChange = (event: CustomEvent<SubscriptionChange>): void => {
    // the first peer this node meets hears what it holds; other new connections are no
    // news to the collective (topic-join.ts), and a node that joins says hello
    if (joinedAlone(this.#libp2p, this.#topic, event.detail)) this.relaySoon()
  }
}
