/**
 * A relay frees the slot of a member that disconnected: the reservation was of use only
 * while the member was connected (libp2p's server kept it for its two hours), and the
 * member asks again when it is back. Real libp2p nodes on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type NetworkPair, networkPair } from './local-network.js'
import { waitFor } from './wait-for.js'

describe('a relay whose member disconnects', () => {
  let pair: NetworkPair

  beforeAll(async () => {
    pair = await networkPair(
      'relay-disconnect',
      {
        relay: {
          maxReservations: 1,
          dataLimitBytes: 1 << 20,
          durationLimitMs: 60_000,
          isMember: async () => true,
        },
      },
      // listening on /p2p-circuit: it keeps a reservation on a relay it meets
      { useRelays: true },
    )
  })

  afterAll(async () => {
    await pair?.stop()
  })

  it('frees its slot, and grants it again when the member is back', async () => {
    const { a: relay, b: member } = pair
    const reservations = (
      relay.libp2p.services as unknown as {
        relay: { reservations: Map<unknown, { signal: AbortSignal }> }
      }
    ).relay.reservations
    const held = () => reservations.get(member.libp2p.peerId)
    // a member that found the relay (its bootstrap peer) gets a reservation
    await member.libp2p.dial(relay.libp2p.getMultiaddrs())
    await waitFor(() => held() !== undefined, 'the member holding a reservation')
    const first = held()
    await member.libp2p.hangUp(relay.libp2p.peerId)
    // the member's relay search dials it again at once, so the free slot is watched for
    // on the reservation itself, not by polling the count (a refresh would keep it)
    await waitFor(() => first?.signal.aborted === true, 'the slot freed')
    await member.libp2p.dial(relay.libp2p.getMultiaddrs())
    await waitFor(
      () => held() !== undefined && held() !== first,
      'the member holding a reservation again',
    )
    expect(reservations.size).toBe(1)
  })
})
