/**
 * One simulated organisation: Polder's real store (SQLite on tmpfs), network (libp2p and
 * Helia as `createNetwork` assembles them) and collective (gossip, announcements,
 * discovery, trust, sync), assembled as the node's context does, without the HTTP API.
 * Its bytes are counted by a {@link ByteMeter}; it can stop and start again on the same
 * data directory (churn).
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { multiaddr } from '@multiformats/multiaddr'
import { type BootstrapRedials, createNetwork, cutOffPeer, type Network } from '@polder/net'
import { didFromEd25519PublicKey, type NewRecord } from '@polder/schema'
import { loadOrCreateKey, type OrgKey, Store } from '@polder/store'
import { Collective, type DiscoveryWalks, gossipTopics, peerIdOfDid } from '@polder/sync'
import { ByteMeter, type Traffic } from './byte-meter.ts'

export const COLLECTIVE = 'scale'

export interface SimNodeInit {
  readonly index: number
  /** Data directory (on tmpfs): the key, state.sqlite, blocks, datastore. */
  readonly home: string
  readonly bootstrap: readonly string[]
  /** Offers circuit relay service to members (and is a bootstrap peer). */
  readonly relay: boolean
}

/** One copy's sync state, for finding out why it stays incomplete. */
export interface LogDiagnosis {
  readonly did: string
  readonly state: string
  readonly records: number
  readonly holders: number
  readonly missingHeads: number
  readonly lastError: string | undefined
  readonly originConnected: boolean
  readonly connections: number
  readonly offences: readonly string[]
  /** The node's holder searches running or waiting their turn (4 run at once). */
  readonly searchesWaiting: number
  readonly connects: number
  readonly disconnects: number
  /** Connections closed, by which side closed them and the error (if any). */
  readonly closes: Record<string, number>
  /** A node alone: its bootstrap redials so far, and a dial to the first bootstrap peer now. */
  readonly alone?: { readonly redials: BootstrapRedials | undefined; readonly probe: string }
}

/** What a node's counters read at one moment. */
export interface NodeSample {
  readonly index: number
  readonly online: boolean
  readonly traffic: Traffic
  /** Gossip messages delivered to this node per topic (after validation, duplicates dropped). */
  readonly delivered: Record<string, number>
  /** Heads messages this node published, and logs said in them, per reason (replicator.ts). */
  readonly said: Record<string, { messages: number; logs: number }>
  readonly connections: number
  /** Whether the node holds a reservation on a relay (reachable through it). */
  readonly relayed: boolean
  readonly routingTable: number
  /** Provider records this node holds for others in the DHT. */
  readonly providerRecords: number
  readonly logs: number
  /** Connections closed since the start, by side and error ({@link SimNode.closes}). */
  readonly closes: Record<string, number>
  /**
   * Other nodes' DHT requests since the start: answered, refused on arrival (too many waiting),
   * and refused in their turn (they had waited past kad-dht's timeout; their streams were reset).
   */
  readonly dhtAnswered: number
  readonly dhtRefused: number
  readonly dhtExpired: number
  /** Reads of libp2p's peer store the DHT's answers made (`DhtServing.peerReads`: the rest came decoded). */
  readonly dhtPeerReads: number
  /** Other nodes' DHT requests since the start by message type (`DhtServing.requests`). */
  readonly dhtRequests: Record<string, number>
  /** The DHT walks this node started since the start, by what for (`Discovery.walks`). */
  readonly walks: Record<string, number>
}

/** The kad-dht internals read for its figures (not in its public types). */
interface DhtInternals {
  readonly routingTable?: { readonly size?: number }
  readonly providers?: {
    readonly datastore?: {
      queryKeys(query: { prefix: string }): AsyncIterable<unknown>
    }
  }
}

const orgType = (index: number) =>
  index % 10 === 0 ? 'knowledge-institution' : index % 7 === 0 ? 'company' : 'municipality'

export function profileOf(index: number): NewRecord {
  return {
    kind: 'organization',
    languages: ['nl'],
    title: { nl: `Organisatie ${index}` },
    orgType: orgType(index),
  } as NewRecord
}

/** A node's walk counts with its failed provides by error as `failedProvides:<name>`, one flat record. */
function flatWalks(walks: DiscoveryWalks | undefined): Record<string, number> {
  if (walks === undefined) return {}
  const { provideErrors, ...counts } = walks
  const errors = Object.entries(provideErrors).map(([name, n]) => [`failedProvides:${name}`, n])
  return { ...counts, ...Object.fromEntries(errors) }
}

export class SimNode {
  readonly index: number
  readonly init: SimNodeInit
  readonly meter = new ByteMeter()
  readonly delivered: Record<string, number> = {}
  /** Peers connected and disconnected since the start, for the diagnosis. */
  connects = 0
  disconnects = 0
  /** Connections closed, by `local|remote:<error name>` or `closed` (cleanly): what cut a node's connections. */
  readonly closes: Record<string, number> = {}
  /** Heads said by the replicators of this node's earlier runs (churn restarts it). */
  #saidBefore: Record<string, { messages: number; logs: number }> = {}
  /** Offences this node charged to peers (peer and reason), for the diagnosis. */
  readonly offences: string[] = []
  key!: OrgKey
  store: Store | undefined
  network: Network | undefined
  collective: Collective | undefined

  constructor(init: SimNodeInit) {
    this.index = init.index
    this.init = init
  }

  get did(): string {
    return this.key.did
  }

  get online(): boolean {
    return this.collective !== undefined
  }

  /** Starts (or restarts on the same directory) the store, network and collective. */
  async start(follows: readonly string[] = []): Promise<void> {
    await mkdir(this.init.home, { recursive: true })
    this.key = (await loadOrCreateKey(this.init.home)).key
    const store = await Store.open({ home: this.init.home, key: this.key })
    this.store = store
    const isMember = async (peer: { type: string; publicKey?: { raw: Uint8Array } }) => {
      if (peer.type !== 'Ed25519' || peer.publicKey === undefined) return false
      const did = didFromEd25519PublicKey(peer.publicKey.raw)
      return store.directory.has(did) && !store.directory.isBlocked(did)
    }
    const network = await createNetwork({
      home: this.init.home,
      privateKey: this.key.privateKey,
      listen: [`/ip4/${ipOf(this.index)}/tcp/0`],
      dialFrom: ipOf(this.index),
      relay: this.init.relay
        ? {
            maxReservations: 512,
            dataLimitBytes: 16 * 1024 * 1024,
            durationLimitMs: 10 * 60_000,
            isMember,
          }
        : undefined,
      bootstrap: this.init.bootstrap,
      // an experiment's switch: members that hold no relay reservation (every node here is
      // dialled directly), so that the relay search (net's relay-search.ts: a DHT query a
      // round, rounds further apart each time, while a reservation is missing) is left out
      ...(process.env.POLDER_SCALE_USE_RELAYS === 'false' ? { useRelays: false } : {}),
      // another: members that keep every connection (no trimming past the high water mark)
      ...(process.env.POLDER_SCALE_TRIM === 'false' ? { connectionWater: false } : {}),
      collective: COLLECTIVE,
      mdns: false,
      scoredTopics: gossipTopics(COLLECTIVE),
      metrics: this.meter.metrics,
    })
    this.network = network
    network.libp2p.addEventListener('peer:connect', () => this.connects++)
    network.libp2p.addEventListener('peer:disconnect', () => this.disconnects++)
    network.libp2p.addEventListener('connection:open', ({ detail: connection }) => {
      connection.addEventListener(
        'close',
        (event) => {
          // libp2p names the side only for an abort (`local` is unset on a clean close)
          const reason =
            event.error === undefined
              ? 'closed'
              : `${event.local === true ? 'local' : 'remote'}:${event.error.name}`
          this.closes[reason] = (this.closes[reason] ?? 0) + 1
        },
        { once: true },
      )
    })
    network.libp2p.services.pubsub.addEventListener('message', ({ detail }) => {
      this.delivered[detail.topic] = (this.delivered[detail.topic] ?? 0) + 1
    })
    for (const did of follows) await store.follow(did)
    const collective = new Collective({
      store,
      libp2p: network.libp2p,
      collective: COLLECTIVE,
      trust: 'allowlist',
      cutOff: (peer, forMs) => cutOffPeer(network.libp2p, network.gate, peer, forMs),
      privateKey: this.key.privateKey,
    })
    network.blocks.addEventListener('block:unasked', ({ detail }) =>
      collective.replicator.reportOffence(detail.sender, `unasked block ${detail.cid}`),
    )
    collective.replicator.addEventListener('peer:offence', ({ detail }) => {
      this.offences.push(`${detail.peer.slice(-6)}: ${detail.reason.slice(0, 160)}`)
    })
    await collective.start()
    this.collective = collective
    if (store.count() === 0) await store.publish(profileOf(this.index))
  }

  async stop(): Promise<void> {
    const { collective, network, store } = this
    this.collective = undefined
    this.network = undefined
    this.store = undefined
    if (collective !== undefined) this.#saidBefore = this.said()
    await collective?.stop()
    await network?.stop()
    await store?.stop()
  }

  /** Follows more organisations (a new member choosing its follows). */
  async follow(dids: readonly string[]): Promise<void> {
    const { store, collective } = this
    if (store === undefined || collective === undefined) throw new Error('the node is offline')
    for (const did of dids) await store.follow(did)
    await collective.reconcile()
  }

  /** Heads messages this node published and logs said in them, per reason, since it first started. */
  said(): Record<string, { messages: number; logs: number }> {
    const total = structuredClone(this.#saidBefore)
    for (const [reason, { messages, logs }] of Object.entries(
      this.collective?.replicator.said ?? {},
    )) {
      const before = total[reason] ?? { messages: 0, logs: 0 }
      total[reason] = { messages: before.messages + messages, logs: before.logs + logs }
    }
    return total
  }

  async sample(): Promise<NodeSample> {
    const libp2p = this.network?.libp2p
    const dht = libp2p?.services.dht as DhtInternals | undefined
    let providerRecords = 0
    const datastore = dht?.providers?.datastore
    if (datastore !== undefined) {
      for await (const _ of datastore.queryKeys({ prefix: '/dht/provider' })) providerRecords++
    }
    return {
      index: this.index,
      online: this.online,
      traffic: structuredClone(this.meter.traffic),
      delivered: { ...this.delivered },
      said: this.said(),
      connections: libp2p?.getConnections().length ?? 0,
      relayed: (this.network?.reachability.report().relayedAddresses.length ?? 0) > 0,
      routingTable: dht?.routingTable?.size ?? 0,
      providerRecords,
      logs: this.store?.logs().length ?? 0,
      closes: { ...this.closes },
      dhtAnswered: this.network?.dhtServing.answered ?? 0,
      dhtRefused: this.network?.dhtServing.refused ?? 0,
      dhtExpired: this.network?.dhtServing.expired ?? 0,
      dhtPeerReads: this.network?.dhtServing.peerReads ?? 0,
      dhtRequests: { ...this.network?.dhtServing.requests },
      walks: flatWalks(this.collective?.discovery.walks),
    }
  }

  /** Why copies are incomplete: each log's sync state as the replicator sees it. */
  async diagnose(dids: readonly string[]): Promise<LogDiagnosis[]> {
    const { collective, network } = this
    if (collective === undefined || network === undefined) return []
    const alone =
      network.libp2p.getConnections().length === 0
        ? { redials: network.bootstrapRedials, probe: await this.#probe(network) }
        : undefined
    return Promise.all(
      dids.map(async (did) => {
        const status = await collective.replicator.statusOf(did)
        return {
          did,
          state: status.state,
          records: status.records,
          holders: status.holders.length,
          missingHeads: status.missingHeads.length,
          lastError: status.lastError,
          originConnected: network.libp2p.getConnections(peerIdOfDid(did)).length > 0,
          connections: network.libp2p.getConnections().length,
          offences: this.offences.slice(-4),
          searchesWaiting: collective.discovery.searchesWaiting,
          connects: this.connects,
          disconnects: this.disconnects,
          closes: { ...this.closes },
          ...(alone === undefined ? {} : { alone }),
        }
      }),
    )
  }

  /** Dials the first bootstrap peer once: what a lone node's dial meets now. */
  async #probe(network: Network): Promise<string> {
    const [address] = this.init.bootstrap
    if (address === undefined) return 'no bootstrap peer'
    const started = Date.now()
    try {
      await network.libp2p.dial(multiaddr(address), { signal: AbortSignal.timeout(10_000) })
      return `connected in ${Date.now() - started} ms`
    } catch (error) {
      return `${Date.now() - started} ms: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
    }
  }

  /** Address others dial (bootstrap). */
  address(): string {
    const libp2p = this.network?.libp2p
    const address = libp2p
      ?.getMultiaddrs()
      .find((a) => a.toString().includes('/tcp/') && !a.toString().includes('p2p-circuit'))
    if (address === undefined) throw new Error(`node ${this.index} has no TCP address`)
    return address.toString()
  }
}

/**
 * Each node's own loopback address (Linux routes all of 127.0.0.0/8 to the loopback
 * interface): on one shared 127.0.0.1, libp2p refused a relay more than five inbound
 * connections a second from "one host", so members starting together lost their bootstrap
 * dials and, never connected, never started discovery.
 */
export const ipOf = (index: number): string =>
  `127.1.${Math.floor(index / 200)}.${(index % 200) + 1}`

export const homeOf = (root: string, index: number): string => join(root, `node-${index}`)
