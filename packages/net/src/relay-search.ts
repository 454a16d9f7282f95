/**
 * The circuit relay transport, with a relay search that asks again and takes its time.
 *
 * A node listening on `/p2p-circuit` asks a relay for a reservation once, when identify
 * first shows the relay speaks the hop protocol, and never again while connected to it. A
 * relay of the collective refuses a member whose announcement has not reached it yet
 * (`RelayServiceInit.isMember`), and that first request comes right after connecting: the
 * member then held no reservation for good, and libp2p's search for another relay, a DHT
 * walk (`getClosestPeers` on random keys) back to back with no pause, ran until one
 * granted it (the scale simulation, BENCHMARKS.md issue 18: most of an idle node's CPU
 * and DHT bytes).
 *
 * Here the transport gets a walk of its own: each round asks the relays the node is
 * connected to again (the refusal may have been lifted), then runs one DHT query for
 * relays it is not connected to, then pauses; the pause doubles each round up to a
 * maximum. The transport stops the walk as soon as it holds a reservation.
 *
 * A node others can dial (an announced address, or one AutoNAT or UPnP confirmed) needs no
 * relay: it asks none while it is, so it takes no slot a node behind a NAT needs. libp2p's
 * transport would ask anyway (on every relay it meets, and to refresh its reservation);
 * here its asks are refused while the node is public, the refresh too, so a reservation
 * held from before lapses when it would have been renewed (a relay frees a slot when the
 * reservation expires or the node disconnects: circuit relay v2 has no message to give
 * one back). A node no longer public asks again at the search's next round.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import {
  type CircuitRelayTransportComponents,
  circuitRelayTransport,
  RELAY_V2_HOP_CODEC,
} from '@libp2p/circuit-relay-v2'
import {
  type AbortOptions,
  ListenError,
  type PeerId,
  type PeerInfo,
  type PeerRouting,
  type Transport,
} from '@libp2p/interface'
import { isPublicAddress } from './reachability.js'

export interface RelaySearchInit {
  /** Pause after the first round of the search; it doubles after each round. @default 5_000 */
  readonly firstPauseMs?: number
  /** Longest pause between two rounds. @default 300_000 (the announcement interval) */
  readonly maxPauseMs?: number
}

export const RELAY_SEARCH_FIRST_PAUSE_MS = 5_000
export const RELAY_SEARCH_MAX_PAUSE_MS = 300_000

/** What the relay search needs besides the transport's own components. */
export type RelaySearchComponents = CircuitRelayTransportComponents & {
  readonly peerRouting: Pick<PeerRouting, 'getClosestPeers'>
}

/**
 * The part of the transport's reservation store asked here: a public field of libp2p's
 * `CircuitRelayTransport` that its exported `Transport` type leaves out.
 */
interface ReservationStore {
  addRelay(peer: PeerId, type: 'discovered' | 'configured'): Promise<unknown>
}

/** The circuit relay transport (libp2p's), its relay search paced and repeated. */
export function relayTransport(
  init: RelaySearchInit = {},
): (components: RelaySearchComponents) => Transport {
  const firstPauseMs = init.firstPauseMs ?? RELAY_SEARCH_FIRST_PAUSE_MS
  const maxPauseMs = init.maxPauseMs ?? RELAY_SEARCH_MAX_PAUSE_MS
  return (components) => {
    const log = components.logger.forComponent('polder:relay-search')
    let store: ReservationStore | undefined
    const isPublic = (): boolean =>
      components.addressManager.getAddressesWithMetadata().some(isPublicAddress)

    /** Asks every relay the node is directly connected to for a reservation again. */
    const askConnectedRelays = async (): Promise<void> => {
      const asked = new Set<string>()
      for (const connection of components.connectionManager.getConnections()) {
        const peer = connection.remotePeer
        // a reservation is never made over a relayed connection
        if (connection.limits !== undefined || asked.has(peer.toString())) continue
        asked.add(peer.toString())
        const known = await components.peerStore.get(peer).catch(() => undefined)
        if (known?.protocols.includes(RELAY_V2_HOP_CODEC) !== true) continue
        // a refusal or a relay with no room: the next round asks again
        store?.addRelay(peer, 'discovered').catch((err: unknown) => {
          log('relay %p gave no reservation: %e', peer, err)
        })
      }
    }

    async function* walk(options?: AbortOptions): AsyncGenerator<PeerInfo> {
      const signal = options?.signal
      const aborted = (): boolean => signal?.aborted === true
      for (let pause = firstPauseMs; !aborted(); ) {
        if (!isPublic()) {
          await askConnectedRelays()
          try {
            const key = crypto.getRandomValues(new Uint8Array(32))
            yield* components.peerRouting.getClosestPeers(key, { signal })
          } catch (err) {
            if (aborted()) return
            // no peers yet, or a query that failed: the next round tries again
            log('relay search query failed: %e', err)
          }
        }
        log('next relay search round in %d ms', pause)
        await sleep(pause, undefined, { signal }).catch(() => undefined)
        pause = Math.min(pause * 2, maxPauseMs)
      }
    }

    // the components libp2p hands the transport, with our walk in place of its RandomWalk
    const transport = circuitRelayTransport()({
      peerId: components.peerId,
      upgrader: components.upgrader,
      addressManager: components.addressManager,
      connectionGater: components.connectionGater,
      peerStore: components.peerStore,
      connectionManager: components.connectionManager,
      transportManager: components.transportManager,
      registrar: components.registrar,
      logger: components.logger,
      events: components.events,
      randomWalk: { walk },
    })
    store = (transport as Partial<{ reservationStore: ReservationStore }>).reservationStore
    if (typeof store?.addRelay !== 'function')
      throw new Error(
        '@libp2p/circuit-relay-v2 no longer exposes its reservation store: relay-search.ts needs updating',
      )
    // every ask of the transport goes through the store's addRelay (its discovery, its
    // refresh timer, this search), so a public node's are refused in one place
    const addRelay = store.addRelay.bind(store)
    store.addRelay = async (peer, type) => {
      if (type === 'discovered' && isPublic())
        throw new ListenError('publicly dialable: no relay reservation needed')
      return addRelay(peer, type)
    }
    return transport
  }
}
