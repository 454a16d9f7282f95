/**
 * The IP address a connection or a dial goes to, for the peer gate. A relayed address
 * (`/p2p-circuit`) names the relay, not the peer: it yields none, so a relay is never
 * blamed for the peers it carries.
 */
import type { Connection, PeerId } from '@libp2p/interface'
import type { PolderLibp2p } from './network.js'
import type { PeerGate } from './peer-gate.js'

type Multiaddr = Connection['remoteAddr']

const IP_PROTOCOLS = new Set(['ip4', 'ip6'])

/** The IP of a direct multiaddr; undefined for relayed and DNS addresses. */
export function ipOf(address: Multiaddr): string | undefined {
  const components = address.getComponents()
  if (components.some((component) => component.name === 'p2p-circuit')) return undefined
  const ip = components.find((component) => IP_PROTOCOLS.has(component.name))
  return ip?.value
}

/** IPs of `peer`'s direct connections. */
export function directAddressesOf(libp2p: PolderLibp2p, peer: PeerId): string[] {
  const ips = libp2p.getConnections(peer).map((connection) => ipOf(connection.remoteAddr))
  return [...new Set(ips.filter((ip): ip is string => ip !== undefined))]
}

/** Whether the gate refuses the address a connection comes from or a dial goes to. */
export function deniedAddress(gate: PeerGate, address: Multiaddr): boolean {
  const ip = ipOf(address)
  return ip !== undefined && gate.deniesAddress(ip)
}

/** Cuts `peer` off for `forMs`, charging the addresses of its direct connections. */
export function cutOffPeer(
  libp2p: PolderLibp2p,
  gate: PeerGate,
  peer: PeerId,
  forMs: number,
): void {
  gate.cutOff(peer.toString(), directAddressesOf(libp2p, peer), forMs)
}
