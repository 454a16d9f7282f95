/**
 * A relay answers a reservation request of a peer it does not know as a member yet within
 * libp2p's relay client's timeout (5 s from before the request): with a refusal the client
 * can act on (it asks again later), not a check still waiting when the client gives up.
 * The same for a relayed connection from a peer not known yet. Real libp2p nodes on
 * loopback; the peers run libp2p's own relay client, unchanged.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  type CircuitRelayTransportComponents,
  circuitRelayTransport,
} from '@libp2p/circuit-relay-v2'
import type { PeerId, TopologyFilter } from '@libp2p/interface'
import type { Libp2p } from 'libp2p'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { localNetwork, plainLibp2p } from './local-network.js'

/** How long the member check below waits for an announcement: the daemon's wait before. */
const ANNOUNCEMENT_WAIT_MS = 15_000

/** The part of libp2p's relay client the test drives: a public field its type leaves out. */
interface ReservationStore {
  addRelay(peer: PeerId, type: 'configured'): Promise<unknown>
}

/** The client never asks a relay it meets by itself: the test asks. */
const discoversNone: TopologyFilter = {
  has: () => true,
  add: () => undefined,
  remove: () => undefined,
}

/** A plain libp2p node with libp2p's relay client; `store` receives its reservation store. */
const relayClient = (store: (reservations: ReservationStore) => void) =>
  plainLibp2p([
    (components: CircuitRelayTransportComponents) => {
      const transport = circuitRelayTransport({ discoveryFilter: discoversNone })(components)
      store((transport as unknown as { reservationStore: ReservationStore }).reservationStore)
      return transport
    },
  ])

describe('a relay asked by a peer it does not know as a member yet', () => {
  let root: string
  let relay: Network
  let member: Libp2p
  let client: ReservationStore | undefined
  const members = new Set<string>()

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-relay-member-wait-'))
    relay = await localNetwork(root, 'relay', {
      relay: {
        maxReservations: 4,
        dataLimitBytes: 1 << 20,
        durationLimitMs: 60_000,
        // waits for the member's announcement, as the daemon's check does, while asked to
        isMember: async (peer: PeerId, options?: { signal?: AbortSignal }) => {
          for (const deadline = Date.now() + ANNOUNCEMENT_WAIT_MS; ; await sleep(100)) {
            if (members.has(peer.toString())) return true
            if (Date.now() > deadline || options?.signal?.aborted === true) return false
          }
        },
      },
    })
    member = await relayClient((reservations) => {
      client = reservations
    })
    await member.dial(relay.libp2p.getMultiaddrs())
  })

  afterAll(async () => {
    await member?.stop()
    await relay?.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('refuses its reservation in time, and grants it when asked again once it is known', async () => {
    const relayId = relay.libp2p.peerId
    // libp2p's client reads the refusal (not its own timeout: "The operation was aborted")
    await expect(client?.addRelay(relayId, 'configured')).rejects.toThrow('PERMISSION_DENIED')
    // its announcement arrived
    members.add(member.peerId.toString())
    await client?.addRelay(relayId, 'configured')
    const reservations = (
      relay.libp2p.services as unknown as { relay: { reservations: Map<unknown, unknown> } }
    ).relay.reservations
    expect(reservations.has(member.peerId)).toBe(true)
  })

  it('refuses in time a relayed connection from a peer it does not know yet', async () => {
    // the member, known, holds a reservation (as after the test before)
    members.add(member.peerId.toString())
    await client?.addRelay(relay.libp2p.peerId, 'configured')
    const stranger = await relayClient(() => undefined)
    try {
      const throughRelay = relay.libp2p
        .getMultiaddrs()[0]
        ?.encapsulate(`/p2p-circuit/p2p/${member.peerId}`)
      expect(throughRelay).toBeDefined()
      // the dialler reads the refusal, not its own timeout
      await expect(stranger.dial(throughRelay ?? [])).rejects.toThrow('PERMISSION_DENIED')
    } finally {
      await stranger.stop()
    }
  })
})
