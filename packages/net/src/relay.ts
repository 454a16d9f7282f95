/**
 * Circuit relay service for members of the collective: a well-connected node (a
 * university, a province) relays connections to and from nodes that cannot be dialled.
 * Limits keep it from being abused: reservations in all (one per peer), and the data and
 * time of each relayed connection; peers that are not members are refused both a
 * reservation and a relayed connection.
 */
import { circuitRelayServer } from '@libp2p/circuit-relay-v2'
import type { ConnectionGater, PeerId } from '@libp2p/interface'

export interface RelayServiceInit {
  /** Reservations held at once (each peer holds at most one). */
  readonly maxReservations: number
  /** Bytes each relayed connection may carry, both ways together, before it is reset. */
  readonly dataLimitBytes: number
  /** How long each relayed connection may stay open, ms. */
  readonly durationLimitMs: number
  /** Whether `peer` is a member of the collective (its organisation announced itself). */
  readonly isMember: (peer: PeerId) => Promise<boolean>
  /** Told of each refusal, with the peer and why. */
  readonly onRefused?: (peer: PeerId, reason: string) => void
}

/** The relay server with the limits of `init`. */
export function relayService(init: RelayServiceInit): ReturnType<typeof circuitRelayServer> {
  return circuitRelayServer({
    reservations: {
      maxReservations: init.maxReservations,
      applyDefaultLimit: true,
      defaultDataLimit: BigInt(init.dataLimitBytes),
      defaultDurationLimit: init.durationLimitMs,
    },
  })
}

/** The connection gater's part of the relay: reservations and relayed connections for members only. */
export function relayGater(
  init: RelayServiceInit,
): Pick<ConnectionGater, 'denyInboundRelayReservation' | 'denyOutboundRelayedConnection'> {
  const refuse = (peer: PeerId, reason: string): true => {
    init.onRefused?.(peer, reason)
    return true
  }
  return {
    async denyInboundRelayReservation(peer) {
      return (await init.isMember(peer)) ? false : refuse(peer, 'reservation: not a member')
    },
    async denyOutboundRelayedConnection(source, target) {
      if (!(await init.isMember(source)))
        return refuse(source, `relayed connection to ${target}: not a member`)
      if (!(await init.isMember(target)))
        return refuse(target, `relayed connection from ${source}: not a member`)
      return false
    },
  }
}
