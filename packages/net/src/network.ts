/**
 * The node's network: libp2p (TCP, noise, yamux, identify, ping, gossipsub, the
 * collective's private kad-dht, bootstrap, optional mDNS) with the organisation's key as
 * its peer id, and Helia on it with a file-system blockstore and a LevelDB datastore.
 */
import { join } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { libp2pRouting } from '@helia/routers'
import { Helia } from '@helia/utils'
import { bootstrap } from '@libp2p/bootstrap'
import { type GossipSub, gossipsub } from '@libp2p/gossipsub'
import { type Identify, identify } from '@libp2p/identify'
import type { Ed25519PrivateKey, PeerInfo } from '@libp2p/interface'
import { type KadDHT, kadDHT } from '@libp2p/kad-dht'
import { type Ping, ping } from '@libp2p/ping'
import { tcp } from '@libp2p/tcp'
import { FsBlockstore } from 'blockstore-fs'
import { LevelDatastore } from 'datastore-level'
import { createLibp2p, type Libp2p } from 'libp2p'
import { deniedAddress } from './addresses.js'
import { BlockWatch, watchedBitswap } from './block-watch.js'
import { PeerGate } from './peer-gate.js'
import { POLDER_TOPIC_SCORE } from './topic-score.js'

export interface NetworkInit {
  /** Data directory: blocks in `<home>/blocks`, the datastore in `<home>/datastore`. */
  readonly home: string
  /** The organisation's key: the peer id is derived from it. */
  readonly privateKey: Ed25519PrivateKey
  /** Multiaddrs to listen on. */
  readonly listen: readonly string[]
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
}

// a type alias, not an interface: libp2p's ServiceMap needs an index signature
export type NetworkServices = {
  pubsub: GossipSub
  dht: KadDHT
  ping: Ping
  identify: Identify
}

export type PolderLibp2p = Libp2p<NetworkServices>

export interface Network {
  readonly libp2p: PolderLibp2p
  readonly helia: Helia<PolderLibp2p>
  /** Blocks peers sent that this node never asked for: offences. */
  readonly blocks: BlockWatch
  /** Peers cut off for a while: the connection gater refuses them both ways. */
  readonly gate: PeerGate
  stop(): Promise<void>
}

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
  const libp2p = await createLibp2p({
    privateKey: init.privateKey,
    connectionGater: {
      denyDialPeer: refused,
      // addresses from which several offenders came, or an operator denied
      denyDialMultiaddr: (address) => deniedAddress(gate, address),
      denyInboundConnection: (connection) => deniedAddress(gate, connection.remoteAddr),
      denyInboundEncryptedConnection: refused,
      denyOutboundEncryptedConnection: refused,
    },
    addresses: { listen: [...init.listen] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    peerDiscovery,
    services: {
      identify: identify(),
      ping: ping(),
      pubsub: gossipsub({
        // a node alone in the collective still publishes; peers get it on joining
        allowPublishToZeroTopicPeers: true,
        emitSelf: false,
        // a peer's messages are handled one after another, so that a burst waits while the
        // validators give the event loop turns (@polder/sync turns.ts) instead of thousands
        // of signature checks running at once ahead of the API; it also pushes back on the
        // sender through the stream's flow control
        awaitRpcHandler: true,
        awaitRpcMessageHandler: true,
        scoreParams: {
          IPColocationFactorWhitelist: new Set(init.colocationWhitelist ?? []),
          topics: Object.fromEntries(
            (init.scoredTopics ?? []).map((topic) => [topic, POLDER_TOPIC_SCORE]),
          ),
        },
      }),
      dht: kadDHT({
        protocol: dhtProtocol(init.collective),
        clientMode: false,
        // a private collective runs on LANs and loopback too: keep every address
        peerInfoMapper: (peer: PeerInfo) => peer,
      }),
    },
  })
  try {
    // the Helia class itself, not `helia`'s createHelia: that one imports every default
    // transport and service (WebRTC, AutoTLS, …), costing a second and ~70 MB at start
    const blocks = new BlockWatch()
    // opened here (it creates its directory): a node that never stored a block can still GC
    const blockstore = new FsBlockstore(join(init.home, 'blocks'))
    await blockstore.open()
    const helia = new Helia({
      libp2p,
      blockstore,
      datastore: new LevelDatastore(join(init.home, 'datastore')),
      blockBrokers: [watchedBitswap(blocks)],
      // only the collective's own network: no public gateways or delegated routers
      routers: [libp2pRouting(libp2p)],
    })
    await helia.start()
    return {
      libp2p,
      helia,
      blocks,
      gate,
      async stop() {
        // Helia stops the libp2p node it was given
        await helia.stop()
      },
    }
  } catch (err) {
    await libp2p.stop()
    throw err
  }
}
