/**
 * How others reach this node, read from what libp2p exposes: its own addresses (a
 * `/p2p-circuit` address is a reservation on a relay), its connections (relayed ones
 * carry a `/p2p-circuit` remote address or the relay's limits; `/ws` is WebSocket), and
 * whether an AutoNAT service runs (without one, nobody has told the node whether it can
 * be dialled: `unknown`). The network layer may later give a direct signal (AutoNAT's
 * verdict, DCUtR's upgrades); this module is where it plugs in.
 */

export type Reachability = 'public' | 'private' | 'relayed' | 'direct-after-hole-punch' | 'unknown'
export type ConnectionType = 'direct' | 'relayed' | 'websocket'

export interface PeerConnection {
  readonly peerId: string
  readonly address: string
  readonly direction: 'inbound' | 'outbound'
  readonly type: ConnectionType
}

export interface NetworkReport {
  readonly reachability: Reachability
  /** Peer ids of the relays this node holds a reservation on. */
  readonly relays: readonly string[]
  readonly connections: readonly PeerConnection[]
}

/** The parts of libp2p read here (a structural subset, so tests can hand in plain objects). */
export interface ReachabilitySource {
  getMultiaddrs(): readonly { toString(): string }[]
  getConnections(): readonly {
    readonly remotePeer: { toString(): string }
    readonly remoteAddr: { toString(): string }
    readonly direction: 'inbound' | 'outbound'
    readonly limits?: unknown
  }[]
  readonly services: Readonly<Record<string, unknown>>
}

const CIRCUIT = '/p2p-circuit'

export function connectionType(address: string, limited: boolean): ConnectionType {
  if (limited || address.includes(CIRCUIT)) return 'relayed'
  if (/\/(ws|wss|tls\/ws)(\/|$)/.test(address)) return 'websocket'
  return 'direct'
}

/** Whether a multiaddr's IP is one others on the internet cannot dial (loopback, LAN, CGNAT). */
export function isPrivateAddress(address: string): boolean {
  const ip4 = /^\/ip4\/(\d+)\.(\d+)\./.exec(address)
  if (ip4 !== null) {
    const [a, b] = [Number(ip4[1]), Number(ip4[2])]
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    )
  }
  const ip6 = /^\/ip6\/([^/]+)/.exec(address)
  if (ip6 !== null) {
    const ip = (ip6[1] ?? '').toLowerCase()
    return ip === '::1' || ip === '::' || /^f[cd]/.test(ip) || ip.startsWith('fe80')
  }
  // dns names are what an operator announces: taken as public
  return false
}

/** The relay's peer id in a circuit address `/…/p2p/<relay>/p2p-circuit[/p2p/<self>]`. */
function relayOf(address: string): string | undefined {
  const before = address.slice(0, address.indexOf(CIRCUIT))
  return /\/p2p\/([^/]+)$/.exec(before)?.[1]
}

export function networkReport(libp2p: ReachabilitySource): NetworkReport {
  const own = libp2p.getMultiaddrs().map(String)
  const relays = [
    ...new Set(own.filter((a) => a.includes(CIRCUIT)).flatMap((a) => relayOf(a) ?? [])),
  ]
  const connections = libp2p.getConnections().map((connection) => {
    const address = connection.remoteAddr.toString()
    return {
      peerId: connection.remotePeer.toString(),
      address,
      direction: connection.direction,
      type: connectionType(address, connection.limits !== undefined),
    }
  })
  return {
    reachability: reachabilityOf(own, relays, connections, libp2p.services),
    relays,
    connections,
  }
}

function reachabilityOf(
  own: readonly string[],
  relays: readonly string[],
  connections: readonly PeerConnection[],
  services: Readonly<Record<string, unknown>>,
): Reachability {
  if (relays.length > 0) {
    // behind a NAT an inbound direct connection from a peer other than a relay only
    // comes through a punched hole
    const punched = connections.some(
      (c) => c.type !== 'relayed' && c.direction === 'inbound' && !relays.includes(c.peerId),
    )
    return punched ? 'direct-after-hole-punch' : 'relayed'
  }
  // only AutoNAT confirms that others can dial an address: without it, nobody has said
  if (!Object.keys(services).some((name) => /autonat/i.test(name))) return 'unknown'
  const dialable = own.some((a) => !a.includes(CIRCUIT) && !isPrivateAddress(a))
  return dialable ? 'public' : 'private'
}
