/**
 * Keeps this node's copies of other organisations' logs complete. Live: every change of
 * a held log is announced on the heads topic; a node that hears of heads it lacks pulls
 * the missing part over the sync protocol from the announcing peer. Repair: every
 * interval it announces the heads of all its logs and checks each replicated log with a
 * peer that holds it, so a lost message only delays, never loses, an update. Peers that
 * send what verification refuses are counted, scored down and, when repeat offenders,
 * disconnected and ignored for a while.
 */
import { type Message, TopicValidatorResult } from '@libp2p/gossipsub'
import type { Connection, Logger, PeerId } from '@libp2p/interface'
import { PeerUnreachableError } from '@polder/net'
import { InvalidEntryError, MissingPastError, type Store } from '@polder/store'
import { TypedEventEmitter } from 'main-event'
import { nextRetryMs } from './discovery.js'
import {
  HolderStalledError,
  JoinFailedError,
  PeerMisbehavedError,
  QuotaExceededError,
  SyncRefusedError,
} from './errors.js'
import {
  decodeHeads,
  encodeHeads,
  headsTopic,
  LOGS_PER_MESSAGE,
  type LogHeads,
  MAX_PUSHED_BYTES,
  peerIdOfDid,
} from './heads.js'
import { HeardDigests, headsKey } from './heads-digest.js'
import type { SyncLibp2p } from './libp2p.js'
import { diffLog, readBatches } from './log-diff.js'
import { type PullProgress, pullLog, syncHandler, syncProtocol } from './protocol.js'
import { PullSlots } from './pull-slots.js'
import { type OrgQuota, OrgQuotas } from './quota.js'
import { RateLimit } from './rate-limit.js'
import { SpreadAnnouncements } from './spread-announcements.js'
import { joinedAlone, type SubscriptionChange } from './topic-join.js'
import { afterTurnIfDue } from './turns.js'

export interface ReplicatorInit {
  readonly store: Store
  readonly libp2p: SyncLibp2p
  readonly collective: string
  /** How often heads are compared with peers. @default 30_000 */
  readonly repairIntervalMs?: number
  /**
   * Fault injection for tests: the share (0..1) of received heads messages ignored, as if
   * gossip lost them. Only the repair then brings updates. @default 0
   */
  readonly dropHeadsMessages?: number
  /** Messages a peer may send on the heads topic per 10 s before they are ignored. @default 300 */
  readonly headsRateLimit?: number
  /** Whether a held log is to be kept up to date (trust). @default every log not written here */
  readonly wanted?: (did: string) => boolean
  /** Finds and connects peers holding a log when no connected peer does (the DHT). */
  readonly findHolders?: (did: string) => Promise<PeerId[]>
  /**
   * Refuses connections with a cut-off offender for `forMs` (the network's connection
   * gater), so that it cannot dial again at once.
   */
  readonly cutOff?: (peer: PeerId, forMs: number) => void
  /** What this node keeps of each organisation it replicates. @default DEFAULT_QUOTA */
  readonly quota?: Partial<OrgQuota>
}

export type SyncState = 'complete' | 'behind' | 'syncing' | 'unknown'

export interface LogSyncStatus {
  readonly did: string
  /**
   * complete: we hold every head we know of; behind: a peer has more; unknown: we hold
   * nothing and no peer told us its heads (a holder a search found, not yet asked, tells
   * nothing).
   */
  readonly state: SyncState
  readonly heads: readonly string[]
  /** Heads peers announced that we do not hold yet. */
  readonly missingHeads: readonly string[]
  readonly records: number
  readonly lastUpdate: string | undefined
  readonly lastError: string | undefined
  /**
   * Why this organisation is over a quota of this node (pulling paused, everything kept),
   * or undefined.
   */
  readonly overQuota: string | undefined
  /** Peers that announced this log. */
  readonly holders: readonly string[]
  readonly progress: { readonly total: number; readonly joined: number } | undefined
}

export interface PeerOffence {
  readonly peer: string
  readonly reason: string
  readonly offences: number
}

export interface ReplicatorEvents {
  'sync:progress': CustomEvent<PullProgress>
  'sync:complete': CustomEvent<{
    readonly did: string
    readonly peer: string
    readonly joined: number
  }>
  'peer:offence': CustomEvent<PeerOffence>
}

/** Pulls from one peer at a time (the others wait): see {@link PullSlots}. */
const PULLS_PER_PEER = 2

/**
 * How many live heads messages back the entries pushed with the next one start: a message
 * carries the entries of the last few publishes, so that messages overtaking each other on
 * their ways through the mesh need no pull.
 */
const PUSH_OVERLAP = 4
/** Offences after which a peer is disconnected and ignored. */
const MAX_OFFENCES = 3
const IGNORE_OFFENDER_MS = 10 * 60_000
/** Least time between DHT searches for holders of one log. */
const SEARCH_COOLDOWN_MS = 10_000
/**
 * How long a peer's claim to hold a log at some heads counts without being renewed (an
 * honest holder renews it with every announcement): a claim nobody serves cannot keep a
 * log "behind" for good.
 */
const CLAIM_TTL_MS = 10 * 60_000
/**
 * Claims remembered per log. A flood of heads signed by fresh keys (each a "holder") once
 * made every pass of the sync loop look at thousands of claims, freezing the node; the
 * oldest claims of unconnected peers make room first.
 */
const MAX_HOLDERS_PER_LOG = 16
/**
 * A claim of a peer this node is not connected to counts for this many of our heads
 * comparison intervals unless renewed: an honest holder a hop away renews it with each of
 * its periodic announcements, claims nobody can be asked about fade quickly.
 */
const UNREACHABLE_CLAIM_INTERVALS = 3
/**
 * A log written here whose heads did not change since the node last said them is said in
 * the digest again after this many intervals (5 minutes at the default 30 s, the
 * announcements' interval); a change goes out at once (live) and in the next digest. In a
 * collective that changes a few times a day the digests of unchanged logs were nearly
 * all of its idle gossip: one message per member per interval (heads-digest.ts).
 */
export const OWN_QUIET_INTERVALS = 10
/**
 * Holders besides the organisation's node known to hold a log at some heads, after which
 * a follower that pulls those heads does not say it holds them too. Every follower used to
 * say so after each pull that brought entries: F messages to every node per change of a
 * log followed by F (a follow phase, a bulk import), N x F in the collective. A few are
 * enough for a neighbour not connected to the organisation to find one to pull from;
 * beyond them it finds holders through the DHT, as when nobody said anything.
 */
const HOLDERS_ENOUGH = 3
/**
 * The longest a follower waits after a pull before it checks whether enough holders said
 * the log and, if not, says it ({@link SpreadAnnouncements}): at most a third of the
 * repair interval, so that the announcement still comes before a neighbour's next repair.
 */
const PULLED_SPREAD_MS = 10_000
/**
 * How long a log's heads, said by its organisation's node or another holder, count as
 * known to every subscriber: a replicated log is left out of this node's digest, and a
 * follower skips the check round trip, while the same heads were said within this many
 * intervals. Half an interval over the organisation's own cadence, for timers that drift.
 */
const DIGEST_QUIET_INTERVALS = OWN_QUIET_INTERVALS + 0.5

interface Holder {
  readonly peer: PeerId
  heads: readonly string[]
  seen: number
  /** Whether `heads` are what the peer said (gossip, a pull's answer), not a search's guess. */
  told: boolean
}

interface LogState {
  readonly holders: Map<string, Holder>
  running: Promise<void> | undefined
  again: boolean
  lastUpdate: string | undefined
  lastError: string | undefined
  progress: { total: number; joined: number } | undefined
  lastSearch: number
  /** The pull under way, so that the organisation's own node can take over from another. */
  pulling: { peer: PeerId; originTried: boolean; controller: AbortController } | undefined
  /** Peers whose last pull of this log failed without proof of fault, until when skipped. */
  readonly unservedUntil: Map<string, number>
  /**
   * Holders no connection could be had to, until when skipped: their claims stay, and they
   * are asked again after this, or at once when a connection to them opens.
   */
  readonly unreachableUntil: Map<string, number>
  /** A search for holders again, after a sync that found none to ask ({@link #retryLater}). */
  retry: { timer: NodeJS.Timeout | undefined; delayMs: number | undefined }
  /**
   * Heads of live messages whose pushed entries are being joined, with how many such
   * messages: not missing yet, the join under way brings them ({@link #joinPushed}).
   */
  readonly pushing: Map<string, number>
}

/**
 * Why this node said heads on the heads topic: `live` (a change of a log written here),
 * `own` (its digest of its own logs), `held` (its digest of replicated logs nobody else said
 * lately), `all` (every log held, at start or on meeting the first peer after none),
 * `pulled` (after a pull brought entries).
 */
export type HeadsReason = 'live' | 'own' | 'held' | 'all' | 'pulled'

/** Heads messages published and logs said in them, per reason: what the collective hears. */
export type HeadsSaid = Record<HeadsReason, { messages: number; logs: number }>

/** A pull given up because the organisation's own node became reachable. */
class PreemptedByOrigin extends Error {}

export class Replicator extends TypedEventEmitter<ReplicatorEvents> {
  readonly #store: Store
  readonly #libp2p: SyncLibp2p
  readonly #topic: string
  readonly #protocol: string
  readonly #repairIntervalMs: number
  readonly #drop: number
  readonly #wanted: (did: string) => boolean
  readonly #findHolders: ((did: string) => Promise<PeerId[]>) | undefined
  readonly #logs = new Map<string, LogState>()
  readonly #offences = new Map<string, number>()
  readonly #ignoredUntil = new Map<string, number>()
  readonly #cutOff: ((peer: PeerId, forMs: number) => void) | undefined
  readonly quotas: OrgQuotas
  readonly #rate: RateLimit
  /** Heads this node said, per reason (counters for the scale simulation and metrics). */
  readonly said: HeadsSaid = {
    live: { messages: 0, logs: 0 },
    own: { messages: 0, logs: 0 },
    held: { messages: 0, logs: 0 },
    all: { messages: 0, logs: 0 },
    pulled: { messages: 0, logs: 0 },
  }
  readonly #toAnnounce = new Set<string>()
  readonly #pullSlots = new PullSlots(PULLS_PER_PEER)
  /**
   * Heads of the last few live announcements, oldest first, per log written here: the
   * entries pushed next start from the oldest of them ({@link PUSH_OVERLAP}).
   */
  readonly #announced = new Map<string, (readonly string[])[]>()
  /**
   * Heads of replicated logs lately said to every subscriber (by other peers, or by this
   * node after a pull or in its digest): what this node's digest need not repeat.
   */
  readonly #heardDigests = new HeardDigests()
  /**
   * Heads messages as the validator decoded them: gossipsub hands the same message object to
   * the `message` event, which then needs no second decoding of the entries it carries.
   */
  readonly #decoded = new WeakMap<Message, LogHeads[]>()
  /** Heads of the logs written here as this node's digests last said them. */
  readonly #saidOwn = new HeardDigests()
  /** Logs pulled lately, each waiting for its random turn to say so. */
  readonly #pulledTurns: SpreadAnnouncements
  #timer: NodeJS.Timeout | undefined
  #digestTimer: NodeJS.Timeout | undefined
  #stopped = false
  /** libp2p's debug log (`DEBUG=polder:replicator*`): why a pull went to whom or failed. */
  readonly #log: Logger

  constructor(init: ReplicatorInit) {
    super()
    this.#store = init.store
    this.#libp2p = init.libp2p
    this.#log = init.libp2p.logger.forComponent('polder:replicator')
    this.#topic = headsTopic(init.collective)
    this.#protocol = syncProtocol(init.collective)
    this.#repairIntervalMs = init.repairIntervalMs ?? 30_000
    this.#drop = init.dropHeadsMessages ?? 0
    this.#rate = new RateLimit(init.headsRateLimit ?? 300, 10_000)
    this.#wanted = init.wanted ?? (() => true)
    this.#findHolders = init.findHolders
    this.#cutOff = init.cutOff
    this.quotas = new OrgQuotas(init.store, init.quota)
    this.#pulledTurns = new SpreadAnnouncements(
      Math.min(PULLED_SPREAD_MS, this.#repairIntervalMs / 3),
      (did) => void this.#announceUnlessHeld(did),
    )
  }

  /** The logs this node keeps up to date: held, not written here, and wanted. */
  replicated(): string[] {
    return this.#store.replicatedLogs().filter((did) => this.#wanted(did))
  }

  async start(): Promise<void> {
    const { pubsub } = this.#libp2p.services
    await this.#libp2p.handle(
      this.#protocol,
      syncHandler(this.#store, () => true),
      {
        maxInboundStreams: 32,
        // pulls from peers behind NATs come over relayed (limited) connections too
        runOnLimitedConnection: true,
      },
    )
    pubsub.topicValidators.set(this.#topic, (peer, message) =>
      afterTurnIfDue(this.#validate(peer, message)),
    )
    pubsub.addEventListener('message', this.#onMessage)
    pubsub.addEventListener('subscription-change', this.#onSubscriptionChange)
    this.#libp2p.addEventListener('connection:open', this.#onConnectionOpen)
    pubsub.subscribe(this.#topic)
    this.#store.addEventListener('log:updated', this.#onLogUpdated)
    this.#timer = setInterval(() => void this.repair(), this.#repairIntervalMs)
    this.#timer.unref()
    this.#scheduleDigest()
  }

  async stop(): Promise<void> {
    this.#stopped = true
    clearInterval(this.#timer)
    clearTimeout(this.#digestTimer)
    this.#pulledTurns.stop()
    for (const state of this.#logs.values()) clearTimeout(state.retry.timer)
    const { pubsub } = this.#libp2p.services
    this.#store.removeEventListener('log:updated', this.#onLogUpdated)
    pubsub.removeEventListener('message', this.#onMessage)
    pubsub.removeEventListener('subscription-change', this.#onSubscriptionChange)
    this.#libp2p.removeEventListener('connection:open', this.#onConnectionOpen)
    pubsub.topicValidators.delete(this.#topic)
    await this.#libp2p.unhandle(this.#protocol).catch(() => undefined)
    await Promise.allSettled([...this.#logs.values()].map((state) => state.running))
  }

  /** Sync state of every log this node replicates. */
  async status(): Promise<LogSyncStatus[]> {
    return Promise.all(this.replicated().map((did) => this.statusOf(did)))
  }

  async statusOf(did: string): Promise<LogSyncStatus> {
    const state = this.#state(did)
    const missing = await this.#missingHeads(did)
    const heads = await this.#store.heads(did)
    return {
      did,
      state:
        state.running !== undefined
          ? 'syncing'
          : missing.length > 0
            ? 'behind'
            : heads.length === 0 && ![...state.holders.values()].some((holder) => holder.told)
              ? 'unknown'
              : 'complete',
      heads,
      missingHeads: missing,
      records: this.#store.count(did),
      lastUpdate: state.lastUpdate,
      lastError: state.lastError,
      overQuota: this.quotas.exceeded(did),
      holders: [...state.holders.keys()],
      progress: state.progress,
    }
  }

  /** Peers that sent data verification refused, with how often. */
  offences(): { peer: string; offences: number }[] {
    return [...this.#offences].map(([peer, offences]) => ({ peer, offences }))
  }

  /**
   * Compares every replicated log with a peer that holds it and pulls what is missing;
   * announces all held heads. Runs every interval; callable at any time.
   */
  async repair(): Promise<void> {
    if (this.#stopped) return
    await this.#announceAll()
    await Promise.allSettled(
      this.replicated().map((did) => this.sync(did, { check: !this.#confirmedByOrigin(did) })),
    )
  }

  /**
   * Whether the organisation's own node told us its heads within its digest cadence (its
   * periodic digest, relayed by every member, says its heads every
   * {@link OWN_QUIET_INTERVALS} intervals, and in the first digest after every change):
   * then a missing head is known without asking, and the check's round trip is saved. A
   * live message lost on the way is repaired by the next digest, which says the changed
   * heads; a node that hears no digest at all asks at every repair, as before.
   */
  #confirmedByOrigin(did: string): boolean {
    const origin = this.#state(did).holders.get(peerIdOfDid(did).toString())
    return (
      origin !== undefined &&
      origin.seen > Date.now() - this.#repairIntervalMs * DIGEST_QUIET_INTERVALS
    )
  }

  /**
   * Brings one log up to date: pulls from the best peer while some peer is known to have
   * more. With `check`, also asks a holder when nothing is known to be missing (repair).
   * One pull per log at a time; a call during a pull runs once more after it.
   */
  sync(did: string, options: { check?: boolean } = {}): Promise<void> {
    const state = this.#state(did)
    if (state.running !== undefined) {
      state.again = true
      this.#preferOrigin(did, state)
      return state.running
    }
    state.running = this.#syncLoop(did, options.check === true).finally(() => {
      state.running = undefined
      state.progress = undefined
    })
    return state.running
  }

  /**
   * Gives up a pull from another holder once the organisation's own node is connected and
   * not yet asked: it holds everything of its log, while the other may be a liar that
   * claimed heads and stalls until the message timeout (15 s), holding the log's one pull.
   */
  #preferOrigin(did: string, state: LogState): void {
    const pulling = state.pulling
    if (pulling === undefined || pulling.originTried) return
    const origin = peerIdOfDid(did)
    if (pulling.peer.equals(origin) || !this.#isConnected(origin) || this.#isIgnored(origin)) return
    pulling.controller.abort(new PreemptedByOrigin('the organisation’s own node took over'))
  }

  async #syncLoop(did: string, check: boolean): Promise<void> {
    const state = this.#state(did)
    // holders asked without getting anything new; cleared whenever a pull brings entries
    let tried = new Set<string>()
    let first = true
    while (!this.#stopped) {
      state.again = false
      if (!this.replicated().includes(did)) return
      // heads whose entries a live message brought and that are being joined now are no
      // reason to pull: the last of those joins syncs again if anything is still missing
      const missing = (await this.#missingHeads(did)).filter((head) => !state.pushing.has(head))
      if (missing.length === 0 && !(check && first)) {
        // a heads message may have come in during the last pull
        if (!state.again) return
        continue
      }
      first = false
      const over = this.quotas.exceeded(did)
      if (over !== undefined) {
        // kept as it is, not dropped: pulling resumes when it is within its quota again
        state.lastError = over
        return
      }
      let peer = this.#pickHolder(did, missing, tried)
      if (peer === undefined && (await this.#search(did)))
        peer = this.#pickHolder(did, missing, tried)
      if (peer === undefined) {
        this.#log(
          '%s: no connected holder to pull from (missing %d, holders %d)',
          did,
          missing.length,
          state.holders.size,
        )
        this.#retryLater(did, check)
        return
      }
      if (this.#log.enabled) {
        const over = this.#libp2p
          .getConnections(peer)
          .map((c) => `${c.remoteAddr} (${c.limits === undefined ? 'unlimited' : 'limited'})`)
        this.#log('%s: pulling from %p over %s', did, peer, over.join(', '))
      }
      tried.add(peer.toString())
      const before = this.#store.usage(did, { bytes: false }).states
      const controller = new AbortController()
      state.pulling = {
        peer,
        originTried: tried.has(peerIdOfDid(did).toString()),
        controller,
      }
      try {
        const holder = peer
        const result = await this.#pullSlots.run(holder.toString(), () =>
          pullLog(this.#libp2p, this.#protocol, this.#store, holder, did, {
            signal: AbortSignal.any([AbortSignal.timeout(120_000), controller.signal]),
            beforeBatch: () => {
              const reason = this.quotas.exceeded(did)
              if (reason !== undefined) throw new QuotaExceededError(reason)
            },
            onProgress: (progress) => {
              state.progress = { total: progress.total, joined: progress.joined }
              this.safeDispatchEvent('sync:progress', { detail: progress })
            },
          }),
        )
        state.pulling = undefined
        this.quotas.joined(did, this.#store.usage(did, { bytes: false }).states - before)
        this.heard(did, peer, await this.#afterPull(did, peer, result.heads))
        // its answer told its heads, even none (an empty log): the copy is known complete
        const asked = state.holders.get(peer.toString())
        if (asked !== undefined) asked.told = true
        state.lastError = undefined
        if (result.joined > 0) {
          tried = new Set()
          this.#noRetry(state)
          // neighbours that could not reach the organisation learn they can pull from us
          // (even when the organisation said these heads: a neighbour not connected to it
          // knows no other holder to ask), unless enough other holders said so by the time
          // this node's random turn comes (followers pulling at once all checked too early)
          this.#pulledTurns.schedule(did)
          state.lastUpdate = new Date().toISOString()
          this.safeDispatchEvent('sync:complete', {
            detail: { did, peer: peer.toString(), joined: result.joined },
          })
        }
      } catch (err) {
        state.pulling = undefined
        if (controller.signal.aborted && controller.signal.reason instanceof PreemptedByOrigin) {
          // not its fault: it may be asked again after the organisation's node
          tried.delete(peer.toString())
          continue
        }
        state.lastError = `${peer}: ${(err as Error).message}`
        this.#log.error(
          '%s: pull from %p failed: %s %s',
          did,
          peer,
          (err as Error).name,
          (err as Error).message,
        )
        if (err instanceof QuotaExceededError) {
          this.quotas.joined(did, this.#store.usage(did, { bytes: false }).states - before)
          state.lastError = err.message
          return
        }
        if (err instanceof JoinFailedError) {
          // this node's own failure (a full disk, say): the holder keeps its standing and
          // its claim, and the pull is tried again later, as after finding nobody to ask
          this.#retryLater(did, check)
          return
        }
        if (err instanceof PeerMisbehavedError) {
          this.reportOffence(err.peer, err.message)
          // its claim to hold this log is void until it announces again
          state.holders.delete(err.peer.toString())
        } else if (err instanceof PeerUnreachableError) {
          // not an offence, and no proof it is gone (its connection closed while the pull
          // started, its relayed address not known yet): its claim stays, it is asked again
          // when a connection to it opens or after a short while ({@link #retryLater})
          state.unreachableUntil.set(peer.toString(), Date.now() + SEARCH_COOLDOWN_MS)
        } else if (this.#claimed(did, peer, missing) && withheld(err)) {
          // it announced heads we lack, then refused, or sent nothing of them: a claim
          // without service
          const what = err instanceof SyncRefusedError ? 'refused' : 'did not serve'
          this.reportOffence(peer, `claimed ${did}'s log and ${what} it: ${(err as Error).message}`)
          state.holders.delete(peer.toString())
        } else {
          // a reset or closed stream, a timeout while it was sending, a slow rate: what a
          // busy machine (either one) does, no proof of a liar. Not charged (three charges
          // cut a peer off, and starved nodes once cut off honest holders until they had no
          // connection left); its claim is dropped and it is not asked for this log again
          // before the next repair, so a peer that fails on purpose cannot hold the log
          state.holders.delete(peer.toString())
          state.unservedUntil.set(peer.toString(), Date.now() + this.#repairIntervalMs)
        }
      }
    }
  }

  /**
   * Syncs `did` again soon after a pass that found nobody to ask, backing off (10 s, then
   * twice as long each time) until the repair interval takes over. A follow's first lookup
   * can fail: the DHT does not know the holder yet, or, on a busy machine, the lookup or
   * the dial through a relay times out. Without this the log waited for the organisation's
   * next periodic announcement (5 minutes) or the next repair, since a new connection
   * among members no longer makes everyone announce.
   */
  #retryLater(did: string, check: boolean): void {
    const { retry } = this.#state(did)
    if (this.#stopped || retry.timer !== undefined) return
    const delayMs = Math.max(SEARCH_COOLDOWN_MS, nextRetryMs(retry.delayMs, this.#repairIntervalMs))
    if (delayMs >= this.#repairIntervalMs) return
    retry.delayMs = delayMs
    retry.timer = setTimeout(() => {
      retry.timer = undefined
      void this.sync(did, { check })
    }, delayMs)
    retry.timer.unref()
  }

  /** Forgets the back-off of {@link #retryLater} once a pull brought entries. */
  #noRetry(state: LogState): void {
    clearTimeout(state.retry.timer)
    state.retry.timer = undefined
    state.retry.delayMs = undefined
  }

  /**
   * The heads `peer` holds after a pull from it: those it answered with at the pull's
   * start, and those it announced during the pull that this node still lacks. Taking only
   * the first forgot a publication announced while the pull ran (the pull did not bring
   * it, and the claim of it was overwritten): the log looked complete until the next
   * periodic comparison.
   */
  async #afterPull(did: string, peer: PeerId, answered: readonly string[]): Promise<string[]> {
    const heads = new Set(answered)
    const claimed = this.#state(did).holders.get(peer.toString())?.heads ?? []
    for (const head of claimed) {
      if (!heads.has(head) && !(await this.#store.hasEntries(did, [head]))) heads.add(head)
    }
    return [...heads]
  }

  /**
   * Says that this node now holds `did`'s log at its heads, unless at least
   * {@link HOLDERS_ENOUGH} peers besides the organisation's node said they hold it at
   * those heads: every subscriber heard them, so one more holder saying it tells nobody
   * anything new. Either way the heads count as said, so this node's next digest does not
   * repeat them. Runs at the pull's random turn ({@link SpreadAnnouncements}).
   */
  async #announceUnlessHeld(did: string): Promise<void> {
    // unfollowed or blocked while it waited for its turn
    if (this.#stopped || !this.replicated().includes(did)) return
    const heads = await this.#store.heads(did)
    const ours = headsKey(heads)
    const origin = peerIdOfDid(did)
    const others = this.#holders(did).filter(
      (holder) => !holder.peer.equals(origin) && headsKey(holder.heads) === ours,
    )
    if (others.length < HOLDERS_ENOUGH) {
      await this.#announce([did], 'pulled')
      return
    }
    this.#heardDigests.heard(did, heads, Math.max(...others.map((holder) => holder.seen)))
  }

  /** Looks for holders of a log beyond the connected peers, at most every so often. */
  async #search(did: string): Promise<boolean> {
    const state = this.#state(did)
    if (this.#findHolders === undefined || Date.now() - state.lastSearch < SEARCH_COOLDOWN_MS)
      return false
    state.lastSearch = Date.now()
    const found = await this.#findHolders(did)
    for (const peer of found) {
      if (!state.holders.has(peer.toString()))
        state.holders.set(peer.toString(), { peer, heads: [], seen: Date.now(), told: false })
    }
    return found.length > 0
  }

  /** Holders of `did`'s log whose claim is recent enough to count; the others are forgotten. */
  #holders(did: string): Holder[] {
    const { holders } = this.#state(did)
    const now = Date.now()
    const origin = peerIdOfDid(did)
    for (const [key, holder] of holders) {
      // the organisation's own claim is renewed at its digest cadence, not every interval
      const intervals = holder.peer.equals(origin)
        ? DIGEST_QUIET_INTERVALS
        : UNREACHABLE_CLAIM_INTERVALS
      const unconnectedTtl = intervals * this.#repairIntervalMs
      // a claim within both TTLs stays whether connected or not: the connection is looked up
      // only for older ones (this runs after every live update)
      if (holder.seen >= now - Math.min(CLAIM_TTL_MS, unconnectedTtl)) continue
      const ttl = this.#isConnected(holder.peer) ? CLAIM_TTL_MS : unconnectedTtl
      if (holder.seen < now - ttl) holders.delete(key)
    }
    return [...holders.values()]
  }

  #isConnected(peer: PeerId): boolean {
    return this.#libp2p.getConnections(peer).length > 0
  }

  /** Whether `peer` claimed to hold heads of `did` that we lack. */
  #claimed(did: string, peer: PeerId, missing: readonly string[]): boolean {
    const holder = this.#state(did).holders.get(peer.toString())
    return holder?.heads.some((head) => missing.includes(head)) === true
  }

  /** Heads peers announced for `did` that our copy does not hold. */
  async #missingHeads(did: string): Promise<string[]> {
    const claimed = new Set<string>()
    for (const holder of this.#holders(did)) {
      for (const head of holder.heads) claimed.add(head)
    }
    if (claimed.size === 0) return []
    // one look-up for every claimed head: this runs after each live update a follower joins
    const held = this.#store.heldEntries(did, [...claimed])
    return [...claimed].filter((head) => !held.has(head))
  }

  /**
   * A connected peer to pull from: one that announced a missing head (the organisation's
   * own node first), else, for a check, the organisation's node or any holder.
   */
  #pickHolder(did: string, missing: readonly string[], tried: Set<string>): PeerId | undefined {
    const { unservedUntil: unserved, unreachableUntil: unreachable } = this.#state(did)
    const now = Date.now()
    for (const skipped of [unserved, unreachable])
      for (const [key, until] of skipped) if (until <= now) skipped.delete(key)
    const connected = (peer: PeerId) =>
      this.#libp2p.getConnections(peer).length > 0 &&
      !tried.has(peer.toString()) &&
      !unserved.has(peer.toString()) &&
      !unreachable.has(peer.toString()) &&
      !this.#isIgnored(peer)
    const origin = peerIdOfDid(did)
    const holders = this.#holders(did).sort((a, b) => b.seen - a.seen)
    const withMissing = holders.filter((holder) =>
      holder.heads.some((head) => missing.includes(head)),
    )
    // the organisation's own node first: it holds everything of its log, and a liar's
    // claim of heads nobody has must not come before it
    const candidates = [
      origin,
      ...withMissing.map((holder) => holder.peer),
      ...holders.map((holder) => holder.peer),
    ]
    return candidates.find(connected)
  }

  #state(did: string): LogState {
    let state = this.#logs.get(did)
    if (state === undefined) {
      state = {
        holders: new Map(),
        running: undefined,
        again: false,
        lastUpdate: undefined,
        lastError: undefined,
        progress: undefined,
        lastSearch: 0,
        pulling: undefined,
        unservedUntil: new Map(),
        unreachableUntil: new Map(),
        retry: { timer: undefined, delayMs: undefined },
        pushing: new Map(),
      }
      this.#logs.set(did, state)
    }
    return state
  }

  /** Remembers that `peer` holds `did`'s log at `heads` (from gossip or an announcement). */
  heard(did: string, peer: PeerId, heads: readonly string[]): void {
    if (peer.equals(this.#libp2p.peerId) || heads.length === 0) return
    const holders = this.#state(did).holders
    const holder = holders.get(peer.toString())
    if (holder === undefined) {
      if (holders.size >= MAX_HOLDERS_PER_LOG && !this.#makeRoom(did, peer)) return
      holders.set(peer.toString(), { peer, heads, seen: Date.now(), told: true })
    } else {
      holder.heads = heads
      holder.seen = Date.now()
      holder.told = true
    }
  }

  /**
   * Forgets one claim of `did`'s log to make room for `peer`'s: the oldest of a peer not
   * connected (never the organisation's own node). A claim of an unconnected peer does not
   * push out one of a connected peer; whether there was room.
   */
  #makeRoom(did: string, peer: PeerId): boolean {
    const holders = this.#holders(did)
    if (holders.length < MAX_HOLDERS_PER_LOG) return true
    const origin = peerIdOfDid(did)
    const unconnected = holders
      .filter((holder) => !holder.peer.equals(origin) && !this.#isConnected(holder.peer))
      .sort((a, b) => a.seen - b.seen)
    const evicted =
      unconnected[0] ??
      (this.#isConnected(peer)
        ? holders.filter((holder) => !holder.peer.equals(origin)).sort((a, b) => a.seen - b.seen)[0]
        : undefined)
    if (evicted === undefined) return false
    this.#state(did).holders.delete(evicted.peer.toString())
    return true
  }

  #validate(peer: PeerId, message: Message): TopicValidatorResult {
    if (this.#isIgnored(peer)) return TopicValidatorResult.Ignore
    if (message.type !== 'signed') return TopicValidatorResult.Reject
    if (!this.#rate.allow(message.from.toString())) return TopicValidatorResult.Ignore
    try {
      this.#decoded.set(message, decodeHeads(message.data))
      return TopicValidatorResult.Accept
    } catch (err) {
      // charged to the peer that passed it on (the connection), as gossipsub scores it: a
      // flood signed with ever new keys comes through one connection
      this.reportOffence(peer, `sent a malformed heads message: ${(err as Error).message}`)
      return TopicValidatorResult.Reject
    }
  }

  readonly #onMessage = (event: CustomEvent<Message>): void => {
    const message = event.detail
    if (message.topic !== this.#topic || message.type !== 'signed') return
    if (this.#drop > 0 && Math.random() < this.#drop) return
    let logs: LogHeads[] | undefined = this.#decoded.get(message)
    try {
      logs ??= decodeHeads(message.data)
    } catch {
      return
    }
    const held = new Set(this.replicated())
    for (const { did, heads, entries } of logs) {
      // claims are remembered for logs held here and organisations announced here only:
      // heads of random DIDs (600,000 once took 125 MB) are not kept
      if (!held.has(did) && !this.#store.directory.has(did)) continue
      this.heard(did, message.from, heads)
      // said to every subscriber: this node's next digest need not say it again
      if (!message.from.equals(this.#libp2p.peerId)) this.#heardDigests.heard(did, heads)
      if (!held.has(did)) continue
      if (entries === undefined) void this.sync(did)
      else void this.#joinPushed(did, message.from, heads, entries)
    }
  }

  /**
   * Joins the entries a heads message carried, verified like any others; if our copy
   * lacks their past (a missed message), pulls instead.
   */
  async #joinPushed(
    did: string,
    from: PeerId,
    heads: readonly string[],
    entries: readonly Uint8Array[],
  ): Promise<void> {
    const state = this.#state(did)
    const over = this.quotas.exceeded(did)
    if (over !== undefined) {
      state.lastError = over
      return
    }
    for (const head of heads) state.pushing.set(head, (state.pushing.get(head) ?? 0) + 1)
    try {
      const before = this.#store.usage(did, { bytes: false }).states
      const joined = await this.#store.joinSegment(
        did,
        { entries, identities: [] },
        { from: from.toString() },
      )
      this.quotas.joined(did, this.#store.usage(did, { bytes: false }).states - before)
      if (joined > 0) state.lastUpdate = new Date().toISOString()
    } catch (err) {
      if (err instanceof InvalidEntryError) {
        this.reportOffence(from, `pushed entries that were refused: ${(err as Error).message}`)
        state.holders.delete(from.toString())
      } else if (!(err instanceof MissingPastError)) {
        // lacking their past is ours to fix (by pulling); anything else (a full disk, a
        // closing store) is this node's own failure, not the sender's
        state.lastError = `could not keep what ${from} pushed: ${(err as Error).message}`
      }
    } finally {
      for (const head of heads) {
        const left = (state.pushing.get(head) ?? 1) - 1
        if (left > 0) state.pushing.set(head, left)
        else state.pushing.delete(head)
      }
    }
    // while a newer message's entries are being joined, that join checks when it ends: a
    // pull now (a round trip, and the origin's diff) would mostly bring what it brings
    if (state.pushing.size > 0) return
    if ((await this.#missingHeads(did)).length > 0) void this.sync(did)
  }

  readonly #onSubscriptionChange = (event: CustomEvent<SubscriptionChange>): void => {
    const joined = event.detail.subscriptions.some(
      (subscription) => subscription.topic === this.#topic && subscription.subscribe,
    )
    if (!joined) return
    // the first peer after none (this node joined, or came back): say what it holds; a
    // new connection among members is no news to the rest of the collective
    if (joinedAlone(this.#libp2p, this.#topic, event.detail)) this.#scheduleDigest()
    // a peer (re)joined: check with it, directly, the logs it originates
    for (const did of this.replicated()) {
      if (peerIdOfDid(did).equals(event.detail.peerId)) void this.sync(did, { check: true })
    }
  }

  /** A holder out of reach before is asked again as soon as a connection to it opens. */
  readonly #onConnectionOpen = (event: CustomEvent<Connection>): void => {
    const peer = event.detail.remotePeer.toString()
    for (const [did, state] of this.#logs) {
      if (state.unreachableUntil.delete(peer)) void this.sync(did)
    }
  }

  readonly #onLogUpdated = (event: CustomEvent<{ did: string }>): void => {
    // the logs written here go out live; replicated ones in the periodic digest (and
    // after a pull), since every subscriber relays the organisation's own message
    if (!this.#store.writableLogs().includes(event.detail.did)) return
    // changes within one tick go out as one message
    if (this.#toAnnounce.size === 0) queueMicrotask(() => void this.#announcePending())
    this.#toAnnounce.add(event.detail.did)
  }

  async #announcePending(): Promise<void> {
    const dids = [...this.#toAnnounce]
    this.#toAnnounce.clear()
    if (this.#stopped) return
    const logs: LogHeads[] = []
    for (const did of dids) {
      const heads = await this.#store.heads(did)
      if (heads.length === 0) continue
      logs.push({ did, heads, entries: await this.#newEntries(did, heads) })
    }
    for (const log of logs) {
      this.#count('live', 1, 1)
      await this.#libp2p.services.pubsub
        .publish(this.#topic, encodeHeads([log]))
        .catch(() => undefined)
    }
  }

  /**
   * The entries since the heads announced {@link PUSH_OVERLAP} messages ago, if few and
   * small enough to push. Each message repeats the last few entries: gossip takes several
   * paths, and a follower that gets a message before the one it follows joins both from
   * it instead of pulling the gap in a round trip (entries it holds are skipped).
   */
  async #newEntries(did: string, heads: readonly string[]): Promise<Uint8Array[] | undefined> {
    const history = this.#announced.get(did) ?? []
    const base = history[0]
    this.#announced.set(did, [...history, heads].slice(-PUSH_OVERLAP))
    if (base === undefined) return undefined
    const diff = await diffLog(this.#store, did, base)
    if (diff === undefined || diff.missing.length === 0 || diff.missing.length > 64)
      return undefined
    const entries: Uint8Array[] = []
    for await (const batch of readBatches(this.#store, did, diff, MAX_PUSHED_BYTES)) {
      entries.push(...batch.entries)
    }
    const bytes = entries.reduce((sum, entry) => sum + entry.byteLength, 0)
    return bytes <= MAX_PUSHED_BYTES ? entries : undefined
  }

  #scheduleDigest(): void {
    clearTimeout(this.#digestTimer)
    this.#digestTimer = setTimeout(() => void this.#announceAll({ all: true }), 200)
    this.#digestTimer.unref()
  }

  /**
   * The digest (heads-digest.ts): the heads of each log written here when they changed
   * since its digest last said them or {@link OWN_QUIET_INTERVALS} intervals passed, and
   * of every other log held whose heads no other peer said lately. With `all` (at start,
   * or on meeting the first peer after none), every log held.
   */
  async #announceAll(options: { all?: boolean } = {}): Promise<void> {
    const held = this.#store.logs()
    this.#heardDigests.keepOnly(new Set(held))
    const own = new Set(this.#store.writableLogs())
    const now = Date.now()
    const heardSince = now - this.#repairIntervalMs * DIGEST_QUIET_INTERVALS
    // half an interval early, so that a timer running late does not skip a turn
    const saidSince = now - this.#repairIntervalMs * (OWN_QUIET_INTERVALS - 0.5)
    const logs: LogHeads[] = []
    for (const did of held) {
      const heads = await this.#store.heads(did)
      if (heads.length === 0) continue
      const say =
        options.all === true ||
        (own.has(did)
          ? this.#saidOwn.stillToSay(did, heads, saidSince)
          : // a log pulled lately is said at its own turn, if still needed then
            !this.#pulledTurns.has(did) &&
            this.#heardDigests.stillToSay(did, heads, heardSince) &&
            !(await this.#behindOrigin(did)))
      if (!say) continue
      logs.push({ did, heads })
      // said here (all of them): a pull's announcement waiting for its turn need not say it again
      this.#pulledTurns.cancel(did)
      // said to every subscriber: not again before another interval's cadence
      if (own.has(did)) this.#saidOwn.heard(did, heads, now)
      else this.#heardDigests.heard(did, heads, now)
      const reason = options.all === true ? 'all' : own.has(did) ? 'own' : 'held'
      this.said[reason].logs++
    }
    // a digest that says its own logs is counted as `own`, one of replicated logs only as `held`
    const reason =
      options.all === true ? 'all' : logs.some((log) => own.has(log.did)) ? 'own' : 'held'
    await this.#publishHeads(logs, reason)
  }

  /**
   * Whether the organisation's own node lately said heads of its log that our copy lacks:
   * then our older heads help nobody (a live update on its way, or a pull under way), and
   * saying them made every other holder say its own in turn. A claim by any other peer
   * does not count: a liar's claim of heads nobody has silences nobody.
   */
  async #behindOrigin(did: string): Promise<boolean> {
    const origin = this.#state(did).holders.get(peerIdOfDid(did).toString())
    return origin !== undefined && !(await this.#store.hasEntries(did, origin.heads))
  }

  async #announce(dids: readonly string[], reason: HeadsReason): Promise<void> {
    const logs: LogHeads[] = []
    for (const did of dids) {
      const heads = await this.#store.heads(did)
      if (heads.length > 0) logs.push({ did, heads })
    }
    this.said[reason].logs += logs.length
    const own = new Set(this.#store.writableLogs())
    for (const { did, heads } of logs) if (!own.has(did)) this.#heardDigests.heard(did, heads)
    await this.#publishHeads(logs, reason)
  }

  #count(reason: HeadsReason, messages: number, logs: number): void {
    this.said[reason].messages += messages
    this.said[reason].logs += logs
  }

  /** Publishes `logs`' heads; `reason` names the message (its logs are counted by the caller). */
  async #publishHeads(logs: readonly LogHeads[], reason: HeadsReason): Promise<void> {
    if (this.#stopped) return
    for (let i = 0; i < logs.length; i += LOGS_PER_MESSAGE) {
      const chunk = logs.slice(i, i + LOGS_PER_MESSAGE)
      this.said[reason].messages++
      await this.#libp2p.services.pubsub
        .publish(this.#topic, encodeHeads(chunk))
        .catch(() => undefined)
    }
  }

  #isIgnored(peer: PeerId): boolean {
    const until = this.#ignoredUntil.get(peer.toString())
    return until !== undefined && until > Date.now()
  }

  /** Counts data from `peer` that verification refused; repeat offenders are cut off. */
  reportOffence(peer: PeerId, reason: string): void {
    const key = peer.toString()
    const offences = (this.#offences.get(key) ?? 0) + 1
    this.#offences.set(key, offences)
    this.safeDispatchEvent('peer:offence', { detail: { peer: key, reason, offences } })
    if (offences >= MAX_OFFENCES) {
      this.#ignoredUntil.set(key, Date.now() + IGNORE_OFFENDER_MS)
      this.#cutOff?.(peer, IGNORE_OFFENDER_MS)
      void this.#libp2p.hangUp(peer).catch(() => undefined)
    }
  }
}

/**
 * Whether a failed pull proves the holder withheld the log: it refused, or it sent no
 * batch within the message timeout (the stall of a liar). A reset, a closed connection, a
 * silence after some batches or the pull's overall limit prove nothing.
 */
function withheld(err: unknown): boolean {
  return err instanceof SyncRefusedError || (err instanceof HolderStalledError && !err.served)
}
