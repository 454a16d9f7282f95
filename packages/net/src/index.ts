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

export { cutOffPeer } from './addresses.js'
export { createNetwork, type Network } from './network.js'
export type { Denial, DenialSource, PeerGate } from './peer-gate.js'
