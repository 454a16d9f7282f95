/**
 * How others reach this node, and how it is connected to each peer: what `polder status`,
 * `polder doctor` and the viewer's network page show. A libp2p service, so that it sees
 * the address manager (which addresses AutoNAT confirmed) and every connection.
 *
 * - `public`: an address others can dial: confirmed by AutoNAT (never a private IP),
 *   or announced (`POLDER_ANNOUNCE`).
 * - `relayed`: not dialable, but holds a reservation on a relay: reachable through it.
 * - `hole-punched`: not dialable, and at least one peer it met through a relay is now
 *   connected directly (DCUtR, or a direct dial after the relayed connection).
 * - `private`: none of these: only its own outgoing connections reach it (or a LAN).
 */
import type { Connection, Libp2pEvents, PeerId, TypedEventTarget } from '@libp2p/interface'
import { isPrivate } from '@libp2p/utils'
import type { Multiaddr } from '@multiformats/multiaddr'

export type Reachability = 'public' | 'relayed' | 'hole-punched' | 'private'

/** `relayed`: through a circuit relay (limited); `websocket`: direct over WebSocket; else `direct`. */
export type ConnectionKind = 'direct' | 'relayed' | 'websocket'

export interface PeerConnection {
  readonly peer: string
  /** The remote address (`…/p2p-circuit/…` when relayed). */
  readonly address: string
  readonly kind: ConnectionKind
  readonly direction: 'inbound' | 'outbound'
  /** Limited by a relay (data and duration): libp2p runs only protocols that allow it. */
  readonly limited: boolean
  /** A direct connection to a peer first reached through a relay (hole punch or upgrade). */
  readonly upgraded: boolean
}

export interface ReachabilityReport {
  readonly reachability: Reachability
  /** Addresses others can dial (confirmed or announced), without the peer id. */
  readonly publicAddresses: readonly string[]
  /** Addresses through relays this node holds a reservation on, ending in `/p2p/<own id>`. */
  readonly relayedAddresses: readonly string[]
  /** Peer ids of the relays in use. */
  readonly relays: readonly string[]
  readonly connections: readonly PeerConnection[]
}

/** What the service needs of libp2p's internal address manager (a structural subset). */
interface AddressSource {
  getAddressesWithMetadata(): NodeAddress[]
  getAddresses(): Multiaddr[]
}

export interface ReachabilityComponents {
  readonly peerId: PeerId
  readonly addressManager: AddressSource
  readonly connectionManager: { getConnections(peer?: PeerId): Connection[] }
  readonly events: TypedEventTarget<Libp2pEvents>
}

const isCircuit = (address: Multiaddr | string): boolean =>
  address.toString().includes('/p2p-circuit')

/** One of the node's addresses as libp2p's address manager describes it. */
export interface NodeAddress {
  readonly multiaddr: Multiaddr
  readonly verified: boolean
  readonly type: string
}

/**
 * Whether others can dial the node at `address`: announced by the operator, or confirmed
 * (AutoNAT, UPnP) and not a private IP. A relayed address never is.
 */
export const isPublicAddress = ({ multiaddr, verified, type }: NodeAddress): boolean =>
  !isCircuit(multiaddr) && (type === 'announce' || (verified && !isPrivate(multiaddr)))

/** The kind of a connection, from its limits and remote address. */
export function connectionKind(connection: Connection): ConnectionKind {
  if (connection.limits !== undefined || isCircuit(connection.remoteAddr)) return 'relayed'
  const protocols = connection.remoteAddr.getComponents().map((c) => c.name)
  return protocols.includes('ws') || protocols.includes('wss') ? 'websocket' : 'direct'
}

/** The relay's peer id in a circuit address `/…/p2p/<relay>/p2p-circuit[/p2p/<self>]`. */
function relayOf(address: Multiaddr): string | undefined {
  const components = address.getComponents()
  const circuit = components.findIndex((c) => c.name === 'p2p-circuit')
  return components
    .slice(0, circuit)
    .reverse()
    .find((c) => c.name === 'p2p')?.value
}

export class ReachabilityWatch {
  readonly #components: ReachabilityComponents
  /** Peers reached through a relay first; kept while any connection to them is open. */
  readonly #metThroughRelay = new Set<string>()

  constructor(components: ReachabilityComponents) {
    this.#components = components
  }

  /** libp2p starts and stops its services with it. */
  start(): void {
    this.#components.events.addEventListener('connection:open', this.#onOpen)
    this.#components.events.addEventListener('peer:disconnect', this.#onDisconnect)
  }

  readonly #onOpen = ({ detail: connection }: CustomEvent<Connection>): void => {
    if (connectionKind(connection) === 'relayed')
      this.#metThroughRelay.add(connection.remotePeer.toString())
  }

  readonly #onDisconnect = ({ detail: peer }: CustomEvent<PeerId>): void => {
    this.#metThroughRelay.delete(peer.toString())
  }

  stop(): void {
    this.#metThroughRelay.clear()
    this.#components.events.removeEventListener('connection:open', this.#onOpen)
    this.#components.events.removeEventListener('peer:disconnect', this.#onDisconnect)
  }

  /** The node's reachability, addresses, relays and connections now. */
  report(): ReachabilityReport {
    const publicAddresses: string[] = []
    const relayedAddresses: string[] = []
    const relays = new Set<string>()
    for (const address of this.#components.addressManager.getAddressesWithMetadata()) {
      const { multiaddr } = address
      if (isCircuit(multiaddr)) {
        // as others dial it: without the own id at the end it names the relay itself
        const own = `/p2p/${this.#components.peerId}`
        const address = multiaddr.toString()
        relayedAddresses.push(address.endsWith(own) ? address : `${address}${own}`)
        const relay = relayOf(multiaddr)
        if (relay !== undefined) relays.add(relay)
      } else if (isPublicAddress(address)) {
        publicAddresses.push(multiaddr.toString())
      }
    }
    const connections = this.#components.connectionManager.getConnections().map((connection) => {
      const peer = connection.remotePeer.toString()
      const kind = connectionKind(connection)
      return {
        peer,
        address: connection.remoteAddr.toString(),
        kind,
        direction: connection.direction,
        limited: connection.limits !== undefined,
        upgraded: kind !== 'relayed' && this.#metThroughRelay.has(peer),
      }
    })
    const reachability: Reachability =
      publicAddresses.length > 0
        ? 'public'
        : connections.some((c) => c.upgraded)
          ? 'hole-punched'
          : relayedAddresses.length > 0
            ? 'relayed'
            : 'private'
    return { reachability, publicAddresses, relayedAddresses, relays: [...relays], connections }
  }
}

/** The service factory for libp2p's `services`. */
export function reachability(): (components: ReachabilityComponents) => ReachabilityWatch {
  return (components) => new ReachabilityWatch(components)
}
