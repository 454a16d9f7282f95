/**
 * A member others can dial takes no relay slot: a node with an announced address (as one
 * AutoNAT or UPnP confirmed) asks its relay for no reservation, while a member behind a
 * NAT on the same relay gets one. Real libp2p nodes on loopback.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RELAY_V2_HOP_CODEC } from '@libp2p/circuit-relay-v2'
import type { PeerId } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network, NetworkInit } from '../src/index.js'
import { localNetwork } from './local-network.js'
import { waitFor } from './wait-for.js'

describe('relay reservations of a public member', () => {
  let root: string
  let relay: Network
  const networks: Network[] = []
  /** Reservation requests the relay checked, by peer. */
  const asked: string[] = []

  const start = async (name: string, init: Partial<NetworkInit> = {}): Promise<Network> => {
    const network = await localNetwork(root, name, init)
    networks.push(network)
    return network
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-relay-public-'))
    relay = await start('relay', {
      relay: {
        maxReservations: 4,
        dataLimitBytes: 1 << 20,
        durationLimitMs: 60_000,
        isMember: async (peer: PeerId) => {
          asked.push(peer.toString())
          return true
        },
      },
    })
  })

  afterAll(async () => {
    await Promise.allSettled(networks.map((network) => network.stop()))
    await rm(root, { recursive: true, force: true })
  })

  it('asks for none, while a member behind a NAT gets one', async () => {
    const bootstrap = relay.libp2p.getMultiaddrs().map(String)
    // dialable at an address its operator announced (a port forward): loopback here
    const open = await start('public', { bootstrap, announce: ['/ip4/127.0.0.1/tcp/9'] })
    await waitFor(
      () => open.libp2p.getConnections(relay.libp2p.peerId).length > 0,
      'the public member connected to its relay',
    )
    const relayProtocols = async (): Promise<string[]> =>
      (await open.libp2p.peerStore.get(relay.libp2p.peerId)).protocols
    // identify told it the relay relays: libp2p's transport asks at that moment
    for (let deadline = Date.now() + 30_000; ; ) {
      if ((await relayProtocols()).includes(RELAY_V2_HOP_CODEC)) break
      if (Date.now() > deadline) throw new Error('timed out waiting for identify')
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    // a member behind a NAT, started after it, on the same relay: its reservation comes
    // after any request of the public member would have
    const hidden = await start('hidden', { bootstrap })
    await waitFor(
      () => hidden.reachability.report().relayedAddresses.length > 0,
      'the hidden member holding a reservation',
    )
    expect(asked).not.toContain(open.libp2p.peerId.toString())
    const report = open.reachability.report()
    expect(report.reachability).toBe('public')
    expect(report.relayedAddresses).toEqual([])
  })
})
