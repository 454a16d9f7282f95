/**
 * How others reach this node, in the words of `GET /v1/status`: @polder/net's
 * reachability report (AutoNAT-confirmed and announced addresses, relay reservations,
 * connections to peers first met through a relay) with each connection's type.
 */
import type { BootstrapRedials, Network } from '@polder/net'

export type Reachability = 'public' | 'private' | 'relayed' | 'direct-after-hole-punch'
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
  /** The bootstrap peers dialled again while alone, and why those dials failed (net's, with no undefined field). */
  readonly bootstrapRedials?: Omit<BootstrapRedials, 'lastFailure'> & {
    readonly lastFailure?: string
  }
}

const WORDS = {
  public: 'public',
  private: 'private',
  relayed: 'relayed',
  'hole-punched': 'direct-after-hole-punch',
} as const satisfies Record<string, Reachability>

export function networkReport(
  network: Pick<Network, 'reachability' | 'bootstrapRedials'>,
): NetworkReport {
  const report = network.reachability.report()
  const redials = network.bootstrapRedials
  return {
    reachability: WORDS[report.reachability],
    relays: report.relays,
    connections: report.connections.map((connection) => ({
      peerId: connection.peer,
      address: connection.address,
      direction: connection.direction,
      type: connection.kind,
    })),
    ...(redials === undefined || redials.rounds === 0
      ? {}
      : { bootstrapRedials: withoutUndefined(redials) }),
  }
}

/** The redials as the contract has them: `lastFailure` left out rather than undefined. */
function withoutUndefined({ lastFailure, ...counts }: BootstrapRedials) {
  return lastFailure === undefined ? counts : { ...counts, lastFailure }
}
