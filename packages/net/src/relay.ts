/**
 * Circuit relay service for members of the collective: a well-connected node (a
 * university, a province) relays connections to and from nodes that cannot be dialled.
 * Limits keep it from being abused: reservations in all (one per peer), and the data and
 * time of each relayed connection; peers that are not members are refused both a
 * reservation and a relayed connection.
 *
 * The member check may wait for the announcement of a peer that just connected, but the
 * asker gives up 5 s after it started (libp2p's client: `reservationCompletionTimeout`,
 * counted from before it opens the stream; then it resets the stream). With the daemon's
 * 15 s, a member not yet known got no answer at all: its client timed out, its reservation
 * queue (one request at a time) having waited those 5 s before asking any other relay. So
 * the check answers within {@link RELAY_MEMBER_WAIT_MS}: a member whose announcement has not
 * come by then is refused, and asks again (relay-search.ts: at the search's next round).
 *
 * A request may still close while its check waits (its client started long before the
 * relay saw it). libp2p's server then granted the slot on the closed stream, failed to send
 * the answer and removed the reservation of that peer, the one a newer request of the same
 * peer had just been granted too: the member believed it was reachable through the relay
 * while the relay refused connections to it, until its refresh near the expiry (2 h). So the
 * hop handler runs with its stream in {@link hopRequests}, and the gater refuses a request
 * whose stream closed during the check before a slot is taken.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import {
  type CircuitRelayServerComponents,
  type CircuitRelayService,
  circuitRelayServer,
} from '@libp2p/circuit-relay-v2'
import type {
  ConnectionGater,
  Libp2pEvents,
  PeerId,
  Stream,
  TypedEventTarget,
} from '@libp2p/interface'

type Registrar = CircuitRelayServerComponents['registrar']

export interface RelayServiceInit {
  /** Reservations held at once (each peer holds at most one). */
  readonly maxReservations: number
  /** Bytes each relayed connection may carry, both ways together, before it is reset. */
  readonly dataLimitBytes: number
  /** How long each relayed connection may stay open, ms. */
  readonly durationLimitMs: number
  /**
   * Whether `peer` is a member of the collective (its organisation announced itself). It may
   * wait for the announcement of a peer not known yet while `options.signal` lets it; the
   * relay takes an answer still pending when the signal aborts as a no.
   */
  readonly isMember: (peer: PeerId, options: { signal: AbortSignal }) => Promise<boolean>
  /**
   * How long the member check of one request may wait, ms. Past libp2p's client's 5 s, a
   * member not known yet is answered only after its client gave up.
   * @default {@link RELAY_MEMBER_WAIT_MS}
   */
  readonly memberWaitMs?: number
  /** Told of each refusal, with the peer and why. */
  readonly onRefused?: (peer: PeerId, reason: string) => void
}

/**
 * How long the member check of a reservation or relayed connection request waits for a peer's
 * announcement: half of libp2p's client's 5 s, the other half for the request's way to the
 * relay and the answer's way back on a busy or distant link.
 */
export const RELAY_MEMBER_WAIT_MS = 2_500

/** The hop stream a relay's request came on, in the async context of its handler. */
const hopRequests = new AsyncLocalStorage<Stream>()

/** The relay server with the limits of `init`. */
export function relayService(
  init: RelayServiceInit,
): (components: RelayComponents) => CircuitRelayService {
  const server = circuitRelayServer({
    reservations: {
      maxReservations: init.maxReservations,
      applyDefaultLimit: true,
      defaultDataLimit: BigInt(init.dataLimitBytes),
      defaultDurationLimit: init.durationLimitMs,
    },
  })
  return (components: RelayComponents) => {
    const service = server({
      ...serverComponents(components),
      registrar: hopRegistrar(components.registrar),
    })
    // a reservation serves only while its member is connected (the member drops its own
    // then, and asks again when it is back); libp2p's server kept the slot until it
    // expired, two hours on, so members gone offline held slots others needed
    components.events.addEventListener('peer:disconnect', ({ detail: peer }) => {
      service.reservations.get(peer)?.signal.reset(0)
    })
    return service
  }
}

/** What libp2p hands the relay service: the server's components and its events. */
type RelayComponents = CircuitRelayServerComponents & {
  readonly events: TypedEventTarget<Libp2pEvents>
}

/** The server's components, named one by one: libp2p's components object is not spread. */
const serverComponents = (
  components: CircuitRelayServerComponents,
): CircuitRelayServerComponents => ({
  registrar: components.registrar,
  peerStore: components.peerStore,
  addressManager: components.addressManager,
  peerId: components.peerId,
  privateKey: components.privateKey,
  connectionManager: components.connectionManager,
  connectionGater: components.connectionGater,
  logger: components.logger,
  ...(components.metrics === undefined ? {} : { metrics: components.metrics }),
})

/** The registrar as the relay server uses it (handle, unhandle), its handlers run in {@link hopRequests}. */
function hopRegistrar(registrar: Registrar): Registrar {
  const used: Pick<Registrar, 'handle' | 'unhandle'> = {
    handle: (protocol, handler, options) =>
      registrar.handle(
        protocol,
        (stream, connection) => hopRequests.run(stream, () => handler(stream, connection)),
        options,
      ),
    unhandle: (protocol, options) => registrar.unhandle(protocol, options),
  }
  return used as Registrar
}

/** The connection gater's part of the relay: reservations and relayed connections for members only. */
export function relayGater(
  init: RelayServiceInit,
): Pick<ConnectionGater, 'denyInboundRelayReservation' | 'denyOutboundRelayedConnection'> {
  const refuse = (peer: PeerId, reason: string): true => {
    init.onRefused?.(peer, reason)
    return true
  }
  /** Whether each of `peers` is a member, all checked at once, answered within the wait. */
  const members = async (...peers: PeerId[]): Promise<boolean[]> => {
    const signal = AbortSignal.timeout(init.memberWaitMs ?? RELAY_MEMBER_WAIT_MS)
    // a check that does not heed the signal still gets its answer taken as a no then
    const waited = new Promise<false>((resolve) =>
      signal.addEventListener('abort', () => resolve(false), { once: true }),
    )
    return Promise.all(peers.map((peer) => Promise.race([init.isMember(peer, { signal }), waited])))
  }
  return {
    async denyInboundRelayReservation(peer) {
      const request = hopRequests.getStore()
      const [member] = await members(peer)
      if (member !== true) return refuse(peer, 'reservation: not a member')
      // reset by the asker or its connection closed while the check waited; a request
      // only closed for writing still reads the answer
      if (request !== undefined && request.status !== 'open')
        return refuse(peer, 'reservation: the request was closed while it waited')
      return false
    },
    async denyOutboundRelayedConnection(source, target) {
      const [sourceMember, targetMember] = await members(source, target)
      if (sourceMember !== true)
        return refuse(source, `relayed connection to ${target}: not a member`)
      if (targetMember !== true)
        return refuse(target, `relayed connection from ${source}: not a member`)
      return false
    },
  }
}
