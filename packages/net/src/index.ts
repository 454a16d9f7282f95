/**
 * @packageDocumentation
 *
 * The node's network: libp2p (TCP, WebSockets, circuit relay, noise, yamux, identify,
 * ping, AutoNAT v2, DCUtR, gossipsub, the collective's private kad-dht, bootstrap,
 * optional mDNS and UPnP, relay service for members) with the organisation's key as its
 * peer id, Helia on it, the block watch that names peers sending blocks nobody asked
 * for, and `network.reachability.report()`: how others reach the node (public, relayed,
 * hole-punched, private), the relays in use, and each connection's kind.
 *
 * @example
 * ```ts
 * import { createNetwork } from '@polder/net'
 *
 * const network = await createNetwork({
 *   home: '/var/lib/polder',
 *   privateKey: key.privateKey,
 *   listen: ['/ip4/0.0.0.0/tcp/7879'],
 *   bootstrap: [],
 *   collective: 'nl',
 *   mdns: false,
 * })
 * network.blocks.addEventListener('block:unasked', ({ detail }) => console.log(detail.sender))
 * const { reachability, relays, connections } = network.reachability.report()
 * await network.stop()
 * ```
 */
export { cutOffPeer } from './addresses.js'
export {
  encodeParts as encodeBitswapParts,
  type OutgoingMessage as BitswapOutgoingMessage,
} from './bitswap-frames.js'
export type { BootstrapRedials } from './bootstrap-redial.js'
export {
  DHT_ANSWERS_AT_ONCE,
  DHT_REQUESTS_WAITING,
  DhtServing,
  type DhtServingInit,
} from './dht-serving.js'
export {
  ADD_PROVIDER,
  answerDht,
  askDht,
  type DhtMessage,
  type DhtPeer,
  FIND_NODE,
  GET_PROVIDERS,
} from './dht-wire.js'
export { DatastoreLockedError, DhtBusyError, PeerUnreachableError } from './errors.js'
export { type GossipPeers, gossipPeersOf } from './gossip-streams.js'
export { MEMBER_MAX_CONNECTIONS, maxConnectionsOf, RELAY_MAX_CONNECTIONS } from './limits.js'
export {
  type ConnectionWater,
  connectionWaterFor,
  createNetwork,
  type Network,
  type NetworkInit,
} from './network.js'
export { PEER_EXPIRY, type PeerExpiry } from './peer-expiry.js'
export type { Denial, DenialSource, PeerGate } from './peer-gate.js'
export { openStream, type StreamOpener } from './peer-stream.js'
export {
  type ConnectionKind,
  connectionKind,
  type PeerConnection,
  type Reachability,
  type ReachabilityReport,
  ReachabilityWatch,
} from './reachability.js'
export { RELAY_MEMBER_WAIT_MS, type RelayServiceInit } from './relay.js'
export { WriteBehindDatastore } from './write-behind-datastore.js'
