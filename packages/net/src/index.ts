/**
 * @packageDocumentation
 *
 * The node's network: libp2p (TCP, noise, yamux, identify, ping, gossipsub, the
 * collective's private kad-dht, bootstrap, optional mDNS) with the organisation's key as
 * its peer id, Helia on it, and the block watch that names peers sending blocks nobody
 * asked for.
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
 * await network.stop()
 * ```
 */
export { createNetwork, type Network, type NetworkInit } from './network.js'
export type { PeerGate } from './peer-gate.js'
export {
  type ConnectionKind,
  connectionKind,
  type PeerConnection,
  type Reachability,
  type ReachabilityReport,
  ReachabilityWatch,
} from './reachability.js'
export type { RelayServiceInit } from './relay.js'
