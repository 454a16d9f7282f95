/**
 * The node's network: libp2p (TCP, WebSockets, circuit relay, noise, yamux, identify,
 * ping, AutoNAT v2, DCUtR, gossipsub, the collective's private kad-dht, bootstrap,
 * optional mDNS, UPnP and relay service) with the organisation's key as its peer id, and
 * Helia on it with a file-system blockstore; both keep their state in one LevelDB datastore.
 */
import { join } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { libp2pRouting } from '@helia/routers'
import { Helia } from '@helia/utils'
import { autoNATv2 } from '@libp2p/autonat-v2'
import { bootstrap } from '@libp2p/bootstrap'
import { dcutr } from '@libp2p/dcutr'
import { type GossipSub, gossipsub } from '@libp2p/gossipsub'
import { type Identify, identify } from '@libp2p/identify'
import type { Ed25519PrivateKey, PeerInfo } from '@libp2p/interface'
import type { KadDHT } from '@libp2p/kad-dht'
import { type Ping, ping } from '@libp2p/ping'
import { type TCPSocketOptions, tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { multiaddr } from '@multiformats/multiaddr'
import type { Datastore } from 'interface-datastore'
import { createLibp2p, type Libp2p, type Libp2pOptions } from 'libp2p'
import { deniedAddress } from './addresses.js'
import { BlockFiles } from './block-files.js'
import { BlockWatch, watchedBitswap } from './block-watch.js'
import { BootstrapRedial, type BootstrapRedials } from './bootstrap-redial.js'
import { closingWritesDropped } from './closing-writes.js'
import { ConnectionTrim } from './connection-trim.js'
import { ConnectionWatch, watchedMuxers } from './connection-watch.js'
import { withCorkedWrites } from './corked-writes.js'
import { DhtServing, type DhtServingInit } from './dht-serving.js'
import { fastMessageId } from './fast-message-id.js'
import { GossipStreams, gossipPeersOf } from './gossip-streams.js'
import { maxConnectionsOf } from './limits.js'
import { openDatastore } from './node-datastore.js'
import { PEER_EXPIRY, type PeerExpiry, sweepExpiredPeers } from './peer-expiry.js'
import { PeerGate } from './peer-gate.js'
import { networkLogger } from './quiet-logger.js'
import { type ReachabilityWatch, reachability } from './reachability.js'
import { type RelayServiceInit, relayGater, relayService } from './relay.js'
import { relayTransport } from './relay-search.js'
import { importedOnce } from './signing-key.js'
import { POLDER_TOPIC_SCORE } from './topic-score.js'
import { WriteBehindDatastore } from './write-behind-datastore.js'

export interface NetworkInit {
  /** Data directory: blocks in `<home>/blocks`, the datastore in `<home>/datastore`. */
  readonly home: string
  /** The organisation's key: the peer id is derived from it. */
  readonly privateKey: Ed25519PrivateKey
  /**
   * Multiaddrs to listen on (TCP, and WebSocket with `/ws`). Empty: the node only dials
   * out and is reachable through relays.
   */
  readonly listen: readonly string[]
  /** Public addresses besides those listened on: behind a port forward or a proxy. @default [] */
  readonly announce?: readonly string[]
  /** Ask the router for port mappings with UPnP IGD v2 (not NAT-PMP). @default false */
  readonly upnp?: boolean
  /**
   * Reserve a slot on a relay (a bootstrap peer or member offering relay service). Until
   * it holds one, it asks the relays it is connected to again and dials relays it finds in
   * the DHT, in rounds further apart each time (relay-search.ts).
   * @default true when there are bootstrap peers or no listen addresses
   */
  readonly useRelays?: boolean
  /**
   * Connections held at once; an inbound one past it is refused. A bootstrap peer or relay
   * holds one to nearly every member. @default 300, or 1,500 for a node offering relay
   * service (limits.ts)
   */
  readonly maxConnections?: number
  /**
   * A member's connections: past `high`, the least valued idle ones are closed down to
   * `low` (connection-trim.ts), none younger than `graceMs`; `false` keeps every
   * connection. A relay keeps all. @default { low: 64, high: 96, graceMs: 30_000 }, lower
   * under a `maxConnections` below 120 ({@link connectionWaterFor})
   */
  readonly connectionWater?: ConnectionWater | false
  /** Offer circuit relay service to members of the collective. @default undefined (none) */
  readonly relay?: RelayServiceInit
  /** Multiaddrs (with /p2p/ peer ids) of peers to connect to at start. */
  readonly bootstrap: readonly string[]
  /** Name of the collective: it scopes the DHT protocol and the gossipsub topics. */
  readonly collective: string
  /** Discover peers on the local network with mDNS. */
  readonly mdns: boolean
  /** Peer ids never to connect with, in either direction. @default [] */
  readonly denyPeers?: readonly string[]
  /**
   * IP prefixes exempt from gossipsub's IP-colocation penalty. Only for test networks
   * where many nodes share 127.0.0.1. @default []
   */
  readonly colocationWhitelist?: readonly string[]
  /**
   * Gossipsub topics whose messages are scored ({@link POLDER_TOPIC_SCORE}): peers whose
   * messages the validators reject lose standing and are graylisted. @default []
   */
  readonly scoredTopics?: readonly string[]
  /**
   * libp2p's metrics hook (connections and protocol streams it opens are handed to it):
   * the national-scale simulation counts each node's bytes with it. @default none
   */
  readonly metrics?: Libp2pOptions['metrics']
  /**
   * The IP outgoing TCP connections leave from. Only for simulations that give each node
   * its own loopback address (127.x.y.z), so that limits per address (libp2p's five
   * inbound connections a second per IP, gossipsub's IP colocation, the peer gate) see
   * each node as the host of its own it would be. @default the system's choice
   */
  readonly dialFrom?: string
  /**
   * How often each connection is pinged to find silently dead peers (connection-watch.ts);
   * tests shorten it. @default {@link CONNECTION_PING_INTERVAL_MS}
   */
  readonly pingIntervalMs?: number
  /**
   * Other nodes' DHT requests answered at once and held waiting beyond them (dht-serving.ts);
   * tests lower them. @default 4 and 256
   */
  readonly dhtAnswers?: DhtServingInit
  /**
   * How long the peer store keeps peers and addresses not seen again (peer-expiry.ts);
   * tests shorten it. @default {@link PEER_EXPIRY}
   */
  readonly peerExpiry?: PeerExpiry
}

// a type alias, not an interface: libp2p's ServiceMap needs an index signature
export type NetworkServices = {
  pubsub: GossipSub
  dht: KadDHT
  ping: Ping
  identify: Identify
  reachability: ReachabilityWatch
}

export type PolderLibp2p = Libp2p<NetworkServices>

export interface Network {
  readonly libp2p: PolderLibp2p
  readonly helia: Helia<PolderLibp2p>
  /** Blocks peers sent that this node never asked for: offences. */
  readonly blocks: BlockWatch
  /** Peers cut off for a while: the connection gater refuses them both ways. */
  readonly gate: PeerGate
  /** How others reach this node and how it is connected to each peer. */
  readonly reachability: ReachabilityWatch
  /** What answering other nodes' DHT requests costs it: answers at once, waiting, refused. */
  readonly dhtServing: DhtServing
  /** Where a damaged datastore was moved at start, a new one made in its place. */
  readonly datastoreSetAside?: string
  /** libp2p's peer and DHT state written behind: batches failed (a full disk), changes waiting. */
  readonly peerStateWrites: { readonly failed: number; readonly pending: number }
  /** Idle connections closed past the high water mark since start (undefined: no trimming). */
  readonly connectionsTrimmed: number | undefined
  /** The bootstrap peers dialled again while alone (bootstrap-redial.ts); undefined without bootstrap peers. */
  readonly bootstrapRedials: BootstrapRedials | undefined
  stop(): Promise<void>
}

/** Connections trimmed past `high` down to `low`, none younger than `graceMs` (connection-trim.ts). */
export interface ConnectionWater {
  readonly low: number
  readonly high: number
  readonly graceMs?: number
}

/** A member's connection marks ({@link NetworkInit.connectionWater}) under libp2p's 300. */
export const CONNECTION_WATER: ConnectionWater = {
  low: 64,
  high: 96,
}

/**
 * The marks under a lower `maxConnections` (an operator's `POLDER_MAX_CONNECTIONS`): the
 * trimming starts before libp2p refuses inbound connections, at four fifths of it.
 */
export function connectionWaterFor(maxConnections: number): ConnectionWater {
  // at least one each: a limit of a few connections (a test's) still makes valid marks
  const high = Math.max(1, Math.min(CONNECTION_WATER.high, Math.floor(maxConnections * 0.8)))
  return { low: Math.max(1, Math.min(CONNECTION_WATER.low, Math.floor((high * 2) / 3))), high }
}

/** A connection younger than this is not trimmed: its first exchange may not have begun. */
export const CONNECTION_GRACE_MS = 30_000

/** How often each connection is pinged to find dead ones (libp2p's monitor: 10 s). */
export const CONNECTION_PING_INTERVAL_MS = 60_000

/**
 * How long a ping's answer may take before the connection is closed. libp2p's monitor
 * adapted the wait to past pings with a floor of 5 s: on a busy machine a healthy peer not
 * scheduled for 5 s (twenty nodes on two cores at load 50) lost every connection whose ping
 * fell in that time, and both ends dialled again (identify, subscriptions, the DHT's ping,
 * the direct sync check, announcements). Fixed at 30 s: a silently dead peer is still found
 * within 90 s of its last answer. The answerer of the DHT's pings (the ping service) waits
 * as long for the asker's bytes.
 */
export const CONNECTION_PING_TIMEOUT_MS = 30_000

/**
 * Yamux's own keep-alive: off. It pinged every connection every 30 s from each end (a timer
 * per connection, each ping and its answer a frame through noise both ways: for a node of
 * nineteen connections about 1.3 pings a second to send or answer, each its own wake-up),
 * only to keep traffic flowing: it never closes a connection whose ping goes unanswered.
 * The connection watch ({@link CONNECTION_PING_INTERVAL_MS}) already sends a ping on every
 * connection each minute, far within any NAT's idle timeout for TCP (RFC 5382: at least two
 * hours), and closes the connection when the answer does not come.
 */
export const YAMUX_KEEP_ALIVE = false

/**
 * Ping streams a connection may have open each way: the DHT's and, from a node of an older
 * build, its libp2p monitor's at once (the watch's yamux pings need no stream, and every
 * yamux muxer answers them, of any build).
 */
export const PING_OUTBOUND_STREAMS = 2
export const PING_INBOUND_STREAMS = 4

/**
 * Bytes gossipsub holds unsent for one peer before it gives up on that peer's stream
 * (gossipsub's `maxOutboundBufferSize`: the stream is reset and what it held dropped; the
 * peer hears what follows from its other mesh peers until the node opens it a new stream,
 * 5 s later, then after ever longer waits should it be cut off again (gossip-streams.ts),
 * and the digests and pulls repair what it missed). Without it, a peer that
 * stops reading made the node hold every message for it, without limit. 8 MiB: 27 of the
 * largest messages sent on a topic (an announcement, at most 300 KiB; a heads message,
 * 256 KiB), beyond what the stream's yamux window already took; as much as a sync
 * requester buffers (`@polder/sync` wire.ts). A reader that keeps up drains it within a
 * round trip; a live publisher's heads messages (each at most 128 KiB of entries) take
 * many seconds of a stalled reader to fill it.
 */
export const GOSSIP_OUTBOUND_BUFFER_BYTES = 8 * 1024 * 1024

/**
 * Gossipsub's mesh, smaller than its defaults (D 6, Dlo 4, Dhi 12, Dscore 4): an
 * organisation's node sends its own heads messages to every peer on the topic (flood
 * publish), so where members are connected to it (a collective of tens to a few hundred,
 * the DHT connecting most of them) every mesh forward is a copy the peer already has. In
 * 20 nodes on one machine each follower read ~6.5 copies of every ~5.8 KB heads message
 * and forwarded ~5 (IDONTWANT comes too late: all forward the same flood at the same
 * moment), a quarter of its CPU a record. A mesh of 3-6 keeps several paths for a member
 * that is not connected to the publisher, and Dout 2 (gossipsub's own: at least two peers
 * this node dialled) keeps the mesh from being filled by peers that dialled in.
 */
export const GOSSIP_MESH = { D: 4, Dlo: 3, Dhi: 6, Dscore: 2, Dout: 2 } as const

/** The collective's private DHT protocol: nodes of other collectives never mix in. */
export const dhtProtocol = (collective: string): string => `/polder/${collective}/kad/1.0.0`

export async function createNetwork(init: NetworkInit): Promise<Network> {
  const peerDiscovery = []
  if (init.bootstrap.length > 0) peerDiscovery.push(bootstrap({ list: [...init.bootstrap] }))
  if (init.mdns) {
    // loaded only when enabled: most servers never use it
    const { mdns } = await import('@libp2p/mdns')
    peerDiscovery.push(mdns({ serviceTag: `polder-${init.collective}` }))
  }
  const denied = new Set(init.denyPeers ?? [])
  const gate = new PeerGate()
  const refused = (peer: { toString(): string }) =>
    denied.has(peer.toString()) || gate.denies(peer.toString())
  // `/p2p-circuit` asks the relay transport to keep a reservation on one relay it meets
  // (libp2p finds relays among connected peers that speak the relay protocol, else by
  // dialling peers found in the DHT: so only where relays are to be expected, the
  // collective's bootstrap peers); a relay itself is reachable and needs none
  const useRelays =
    (init.useRelays ?? (init.bootstrap.length > 0 || init.listen.length === 0)) &&
    init.relay === undefined
  const listen = [...init.listen, ...(useRelays ? ['/p2p-circuit'] : [])]
  const optional: Record<string, unknown> = {}
  if (init.upnp === true) {
    // loaded only when enabled: it searches the LAN for a gateway
    const { uPnPNAT } = await import('@libp2p/upnp-nat')
    // the mapped address is announced at once: left to AutoNAT, it waits for a peer that
    // connects after the mapping exists, and a node whose bootstrap relay connected first
    // never announced it (tests/network/upnp.test.ts). The router holds the mapping, and
    // the library refuses a private or carrier-grade external address (double NAT)
    optional.upnp = uPnPNAT({ autoConfirmAddress: true })
  }
  if (init.relay !== undefined) optional.relay = relayService(init.relay)
  const logger = networkLogger(process.env.DEBUG)
  // other nodes' walks are answered a few at a time, each peer decoded once (dht-serving.ts)
  const dhtServing = new DhtServing(init.dhtAnswers)
  // a collective changes a few times a day and a closed socket is noticed by TCP at once:
  // a ping a minute finds a silently dead peer, and is each connection's one keep-alive
  const watch = new ConnectionWatch({
    intervalMs: init.pingIntervalMs ?? CONNECTION_PING_INTERVAL_MS,
    timeoutMs: CONNECTION_PING_TIMEOUT_MS,
  })
  // one LevelDB for libp2p and Helia: the peer store and the DHT's records outlive a restart
  // (libp2p's default is memory); a damaged one is set aside and made anew (node-datastore.ts).
  // Round 16's try of it aborted connections closed right after their dial: yamux wrote after
  // its goodbye, which the disk's slower peer-store write exposed (closing-writes.ts)
  const { datastore, setAside } = await openDatastore(join(init.home, 'datastore'))
  // libp2p's keys served from memory, written to the LevelDB a second later: each peer-store
  // write on disk cost a stream 170 µs more (write-behind-datastore.ts).
  // datastore-level 12 is on interface-datastore 9, libp2p 3 on 10: their Keys differ in a
  // private field only, and LevelDB reads them through toString() (persistent-peers.test.ts)
  const libp2pDatastore = await WriteBehindDatastore.open(datastore as unknown as Datastore)
  const maxConnections = maxConnectionsOf(init.maxConnections, init.relay !== undefined)
  const libp2p = await createLibp2p({
    privateKey: importedOnce(init.privateKey),
    datastore: libp2pDatastore,
    peerStore: {
      maxAddressAge: (init.peerExpiry ?? PEER_EXPIRY).addressAgeMs,
      maxPeerAge: (init.peerExpiry ?? PEER_EXPIRY).peerAgeMs,
    },
    ...(logger === undefined ? {} : { logger }),
    ...(init.metrics === undefined ? {} : { metrics: init.metrics }),
    connectionGater: {
      denyDialPeer: refused,
      // addresses from which several offenders came, or an operator denied
      denyDialMultiaddr: (address) => deniedAddress(gate, address),
      denyInboundConnection: (connection) => deniedAddress(gate, connection.remoteAddr),
      denyInboundEncryptedConnection: refused,
      denyOutboundEncryptedConnection: refused,
      ...(init.relay === undefined ? {} : relayGater(init.relay)),
    },
    addresses: { listen, appendAnnounce: [...(init.announce ?? [])] },
    // the connections are watched with yamux's ping frame instead (connection-watch.ts)
    connectionMonitor: { enabled: false },
    connectionManager: { maxConnections },
    transports: [
      // `localAddress` is passed on to net.connect, which libp2p's type leaves out
      tcp(
        init.dialFrom === undefined
          ? {}
          : { dialOpts: { localAddress: init.dialFrom } as TCPSocketOptions },
      ),
      webSockets(),
      // asks refusing relays again and paces its DHT search for others (relay-search.ts)
      relayTransport(),
    ],
    // a TCP connection's writes of one turn in one system call (corked-writes.ts)
    connectionEncrypters: [withCorkedWrites(noise())],
    // a ping answered while a connection closes no longer aborts it (closing-writes.ts)
    streamMuxers: [
      watchedMuxers(closingWritesDropped(yamux({ enableKeepAlive: YAMUX_KEEP_ALIVE })), watch),
    ],
    peerDiscovery,
    services: {
      identify: identify(),
      // libp2p's connection monitor's ping (older builds') and the DHT's (a new contact is pinged before it
      // enters the routing table) share the protocol's streams: with libp2p's one outbound
      // stream a connection, the monitor's ping met the DHT's, failed with
      // TooManyOutboundProtocolStreamsError and closed a healthy connection (then the
      // reconnection: identify, subscriptions, announcements). Peers are our own nodes.
      // An answer waits for the asker's bytes as long as the asker waits for the answer:
      // libp2p's 10 s reset the stream of a peer whose monitor was slow to send them, and
      // that peer's monitor closed the connection on the reset
      ping: ping({
        timeout: CONNECTION_PING_TIMEOUT_MS,
        maxOutboundStreams: PING_OUTBOUND_STREAMS,
        maxInboundStreams: PING_INBOUND_STREAMS,
      }),
      // confirms which of our addresses others can dial (private addresses never are)
      autoNAT: autoNATv2(),
      // on a relayed connection, try a direct one (a hole punch, or a dial to a public address)
      dcutr: dcutr(),
      reachability: reachability(),
      ...optional,
      pubsub: gossipsub({
        // a node alone in the collective still publishes; peers get it on joining
        allowPublishToZeroTopicPeers: true,
        // a node behind a NAT may have only relayed connections: gossip runs over them
        // (within the relay's limits) until a direct connection replaces them
        runOnLimitedConnection: true,
        emitSelf: false,
        // a peer's messages are handled one after another, so that a burst waits while the
        // validators give the event loop turns (@polder/sync turns.ts) instead of thousands
        // of signature checks running at once ahead of the API; it also pushes back on the
        // sender through the stream's flow control
        awaitRpcHandler: true,
        awaitRpcMessageHandler: true,
        // copies of a message already accepted are dropped before their signature is checked
        fastMsgIdFn: fastMessageId,
        // a peer that stops reading loses its stream instead of the node's memory
        maxOutboundBufferSize: GOSSIP_OUTBOUND_BUFFER_BYTES,
        ...GOSSIP_MESH,
        scoreParams: {
          IPColocationFactorWhitelist: new Set(init.colocationWhitelist ?? []),
          topics: Object.fromEntries(
            (init.scoredTopics ?? []).map((topic) => [topic, POLDER_TOPIC_SCORE]),
          ),
        },
      }),
      dht: dhtServing.service({
        protocol: dhtProtocol(init.collective),
        clientMode: false,
        // a private collective runs on LANs and loopback too: keep every address
        peerInfoMapper: (peer: PeerInfo) => peer,
      }),
    },
  })
  try {
    // before anything is opened: it fails at once should gossipsub's internals have changed
    const gossipPeers = gossipPeersOf(libp2p.services.pubsub)
    // the Helia class itself, not `helia`'s createHelia: that one imports every default
    // transport and service (WebRTC, AutoTLS, …), costing a second and ~70 MB at start
    const blocks = new BlockWatch()
    // opened here (it creates its directory): a node that never stored a block can still GC
    const blockstore = new BlockFiles(join(init.home, 'blocks'))
    await blockstore.open()
    const helia = new Helia({
      libp2p,
      blockstore,
      datastore,
      blockBrokers: [watchedBitswap(blocks)],
      // a block bitswap fetched is hashed once: Helia's check reuses bitswap's digest
      hashers: [blocks.digests.sha256],
      // only the collective's own network: no public gateways or delegated routers
      routers: [libp2pRouting(libp2p)],
    })
    await helia.start()
    watch.start()
    const redial =
      init.bootstrap.length > 0
        ? new BootstrapRedial({ libp2p, bootstrap: init.bootstrap })
        : undefined
    redial?.start()
    const gossipStreams = new GossipStreams({ libp2p, pubsub: gossipPeers })
    gossipStreams.start()
    const water =
      init.relay === undefined
        ? (init.connectionWater ?? connectionWaterFor(maxConnections))
        : false
    const trim =
      water === false
        ? undefined
        : new ConnectionTrim({
            libp2p,
            lowWater: water.low,
            highWater: water.high,
            graceMs: water.graceMs ?? CONNECTION_GRACE_MS,
            protectedPeers: init.bootstrap.flatMap(
              (address) =>
                multiaddr(address)
                  .getComponents()
                  .findLast((c) => c.name === 'p2p')?.value ?? [],
            ),
          })
    trim?.start()
    // not awaited by the start; awaited by stop, which closes the LevelDB. A failed sweep
    // leaves the expired peers to the next start's
    const swept = sweepExpiredPeers(libp2p.peerStore).catch(() => 0)
    let stopped: Promise<void> | undefined
    return {
      libp2p,
      helia,
      blocks,
      gate,
      reachability: libp2p.services.reachability,
      dhtServing,
      ...(setAside === undefined ? {} : { datastoreSetAside: setAside }),
      get connectionsTrimmed() {
        return trim?.trimmed
      },
      get bootstrapRedials() {
        return redial?.redials
      },
      peerStateWrites: {
        get failed() {
          return libp2pDatastore.failedWrites
        },
        get pending() {
          return libp2pDatastore.pendingWrites
        },
      },
      stop() {
        // once: stopping libp2p again writes to the peer store, whose LevelDB is closed
        stopped ??= (async () => {
          watch.stop()
          dhtServing.stop()
          redial?.stop()
          trim?.stop()
          gossipStreams.stop()
          await swept
          // Helia stops the libp2p node it was given, but not the LevelDB it was given: its
          // lock would refuse the next start on this directory in the same process
          await helia.stop()
          // a full disk loses the last second's peer hints, not the stop
          await libp2pDatastore.close().catch(() => undefined)
          await datastore.close()
        })()
        return stopped
      },
    }
  } catch (err) {
    watch.stop()
    dhtServing.stop()
    await libp2p.stop()
    await libp2pDatastore.close().catch(() => undefined)
    await datastore.close()
    throw err
  }
}
