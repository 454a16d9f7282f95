/**
 * The node in its collective: replication, announcements and trust together. It keeps
 * the set of replicated logs in line with the trust policy: a follow, a block, a new
 * vouch by a followed organisation or (in open mode) a new announcement changes it.
 */
import type { PeerId, PrivateKey } from '@libp2p/interface'
import type { Change, Store } from '@polder/store'
import { type Announcement, Announcer, helloTopic, newOrgsLimit, orgsTopic } from './announce.js'
import { DirectoryExchange } from './directory-exchange.js'
import { Discovery } from './discovery.js'
import { headsTopic } from './heads.js'
import { KeyWatch } from './key-watch.js'
import type { SyncLibp2p } from './libp2p.js'
import { ProfileRelay, profilesTopic } from './profile-relay.js'
import type { OrgQuota } from './quota.js'
import { Replicator } from './replicator.js'
import { type TrustMode, TrustPolicy, type TrustReason } from './trust.js'

export interface CollectiveInit {
  readonly store: Store
  readonly libp2p: SyncLibp2p
  readonly collective: string
  readonly trust: TrustMode
  readonly trustVouches?: number
  /** Newest vouches counted per voucher. @default 1000 */
  readonly trustVouchesPerVoucher?: number
  readonly repairIntervalMs?: number
  readonly announceIntervalMs?: number
  readonly dropHeadsMessages?: number
  readonly discoveryIntervalMs?: number
  readonly targetPeers?: number
  /** Refuses connections with a cut-off offender for a while (the connection gater). */
  readonly cutOff?: (peer: PeerId, forMs: number) => void
  /** What this node keeps of each organisation it replicates. */
  readonly quota?: Partial<OrgQuota>
  /** Where this node's processes' gossip numbering is kept, to know its own late messages (key-watch.ts). */
  readonly epochsFile?: string
  /**
   * The organisation's key (the node's peer id): signs this node's own announcement when
   * a joining node asks for the directory, so that it can pass it on (announce.ts).
   */
  readonly privateKey?: PrivateKey
}

/** Every gossipsub topic of a collective: heads, announcements, hellos, relayed profiles. */
export const gossipTopics = (collective: string): string[] => [
  headsTopic(collective),
  orgsTopic(collective),
  helloTopic(collective),
  profilesTopic(collective),
]

/** How long replicated vouches gather before trust is computed again. */
const VOUCH_RECONCILE_DELAY_MS = 100

export class Collective {
  readonly store: Store
  readonly replicator: Replicator
  readonly announcer: Announcer
  readonly relay: ProfileRelay
  readonly trust: TrustPolicy
  readonly discovery: Discovery
  /** A joining node's directory, asked of the peers it meets first, directly. */
  readonly directory: DirectoryExchange
  readonly #keyWatch: KeyWatch
  #trusted = new Map<string, TrustReason>()
  #reconciling: Promise<void> = Promise.resolve()
  /** A reconcile asked for by replicated vouches, not yet started. */
  #vouchTimer: NodeJS.Timeout | undefined

  constructor(init: CollectiveInit) {
    this.store = init.store
    this.trust = new TrustPolicy(init.store, {
      mode: init.trust,
      vouches: init.trustVouches,
      vouchesPerVoucher: init.trustVouchesPerVoucher,
    })
    this.discovery = new Discovery({
      libp2p: init.libp2p,
      collective: init.collective,
      intervalMs: init.discoveryIntervalMs,
      targetPeers: init.targetPeers,
      // the logs it serves: its own and those it replicates (one unfollowed stays in the store)
      logs: () => [init.store.did, ...this.replicator.replicated()],
    })
    this.replicator = new Replicator({
      store: init.store,
      libp2p: init.libp2p,
      collective: init.collective,
      repairIntervalMs: init.repairIntervalMs,
      dropHeadsMessages: init.dropHeadsMessages,
      wanted: (did) => this.#trusted.has(did),
      findHolders: (did) => this.discovery.connectHolders(did),
      cutOff: init.cutOff,
      quota: init.quota,
    })
    this.#keyWatch = new KeyWatch(init)
    // announcements and relayed profiles admit new organisations within one bound
    const newOrgs = newOrgsLimit()
    this.announcer = new Announcer({
      store: init.store,
      libp2p: init.libp2p,
      collective: init.collective,
      intervalMs: init.announceIntervalMs,
      onOffence: (peer, reason) => this.replicator.reportOffence(peer, reason),
      newOrgs,
      askDirectory: (peer) => this.directory.fetch(peer),
      privateKey: init.privateKey,
    })
    this.relay = new ProfileRelay({
      store: init.store,
      libp2p: init.libp2p,
      collective: init.collective,
      intervalMs: init.announceIntervalMs,
      onOffence: (peer, reason) => this.replicator.reportOffence(peer, reason),
      newOrgs,
    })
    const { announcer, relay } = this
    this.directory = new DirectoryExchange({
      libp2p: init.libp2p,
      collective: init.collective,
      source: {
        announcements: announcer.heard,
        ownAnnouncement: () => announcer.ownFrame(),
        profiles: (covered) => relay.held(covered),
      },
      sink: {
        signed: (bytes, via) => announcer.receiveSigned(bytes, via),
        own: (bytes, via) => announcer.receiveOwn(bytes, via),
        profile: (bytes, via) => relay.receive(bytes, via),
      },
    })
  }

  async start(): Promise<void> {
    this.store.addEventListener('record:added', this.#onRecord)
    this.store.addEventListener('record:updated', this.#onRecord)
    this.store.addEventListener('record:retracted', this.#onRecord)
    this.announcer.addEventListener('org:announced', this.#onAnnounced)
    this.relay.addEventListener('org:announced', this.#onAnnounced)
    await this.reconcile()
    this.#keyWatch.start()
    await this.replicator.start()
    await this.directory.start()
    this.announcer.start()
    this.relay.start()
    this.discovery.start()
  }

  async stop(): Promise<void> {
    this.store.removeEventListener('record:added', this.#onRecord)
    this.store.removeEventListener('record:updated', this.#onRecord)
    this.store.removeEventListener('record:retracted', this.#onRecord)
    this.announcer.removeEventListener('org:announced', this.#onAnnounced)
    this.relay.removeEventListener('org:announced', this.#onAnnounced)
    clearTimeout(this.#vouchTimer)
    this.#keyWatch.stop()
    this.announcer.stop()
    this.relay.stop()
    this.discovery.stop()
    await this.directory.stop()
    await this.replicator.stop()
    await this.#reconciling
  }

  /** Why this node replicates `did` (undefined: it does not). */
  trustOf(did: string): TrustReason | undefined {
    return this.#trusted.get(did)
  }

  async follow(did: string): Promise<void> {
    await this.store.follow(did)
    await this.reconcile()
  }

  async unfollow(did: string): Promise<void> {
    this.store.unfollow(did)
    await this.reconcile()
  }

  async block(did: string, reason?: string): Promise<number> {
    const dropped = await this.store.block(did, reason)
    await this.reconcile()
    return dropped
  }

  async unblock(did: string): Promise<boolean> {
    const lifted = this.store.unblock(did)
    await this.reconcile()
    return lifted
  }

  /** Brings the replicated logs in line with the trust policy; newly trusted ones sync at once. */
  reconcile(): Promise<void> {
    const run = this.#reconciling.then(async () => {
      const trusted = this.trust.trusted()
      const fresh = [...trusted.keys()].filter((did) => !this.#trusted.has(did))
      const dropped = [...this.#trusted.keys()].filter((did) => !trusted.has(did))
      this.#trusted = trusted
      for (const did of dropped) await this.discovery.forgetLog(did)
      for (const did of fresh) {
        // records of it already here: held before this start (or kept after an unfollow)
        const heldBefore = this.store.usage(did, { bytes: false }).records > 0
        await this.store.addReadOnlyLog(did)
        // provided once the first pull is over (a holder found in the DHT should hold the
        // log): a log newly followed at its turn within the hour, so that a follow burst does
        // not provide all at once; one held before at once, as its holder just came back
        void this.replicator
          .sync(did, { check: true })
          .finally(() => this.discovery.held(did, { heldBefore }))
      }
    })
    this.#reconciling = run.catch(() => undefined)
    return run
  }

  readonly #onRecord = (event: CustomEvent<Change>): void => {
    // a vouch by a followed organisation (or its retraction: a tombstone keeps the kind)
    // may change who is trusted
    if (this.trust.mode !== 'web-of-trust' || event.detail.state.kind !== 'vouch') return
    // thousands of vouches arrive in one segment: one reconcile for all of them, shortly
    // after, instead of one per vouch (which re-read every vouch each time)
    this.#vouchTimer ??= setTimeout(() => {
      this.#vouchTimer = undefined
      void this.reconcile()
    }, VOUCH_RECONCILE_DELAY_MS)
  }

  readonly #onAnnounced = (event: CustomEvent<Announcement & { peer: PeerId }>): void => {
    const { did, heads, peer } = event.detail
    if (heads.length > 0) this.replicator.heard(did, peer, heads)
    if (this.trust.mode === 'open' && !this.#trusted.has(did)) void this.reconcile()
    else if (this.#trusted.has(did) && heads.length > 0) void this.replicator.sync(did)
  }
}
