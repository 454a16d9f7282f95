/**
 * The relay search on real libp2p nodes over loopback: a member a relay refused at first
 * (its announcement had not arrived) gets its reservation once the relay knows it, and a
 * node no relay accepts queries the DHT a few times, not back to back.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { PeerId } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network, NetworkInit } from '../src/index.js'
import { RELAY_SEARCH_FIRST_PAUSE_MS } from '../src/relay-search.js'
import { localNetwork } from './local-network.js'
import { waitFor } from './wait-for.js'

describe('relay search', () => {
  let root: string
  const networks: Network[] = []
  const members = new Set<string>()
  const refused: string[] = []
  let relayAddress: string

  const start = async (name: string, init: Partial<NetworkInit> = {}): Promise<Network> => {
    const network = await localNetwork(root, name, init)
    networks.push(network)
    return network
  }
  const refusalsOf = (network: Network): number =>
    refused.filter((peer) => peer === network.libp2p.peerId.toString()).length

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-relay-search-'))
    const relay = await start('relay', {
      relay: {
        maxReservations: 4,
        dataLimitBytes: 1 << 20,
        durationLimitMs: 60_000,
        isMember: async (peer: PeerId) => members.has(peer.toString()),
        onRefused: (peer) => refused.push(peer.toString()),
      },
    })
    relayAddress = String(relay.libp2p.getMultiaddrs()[0])
    // peers dialled directly, so that the DHT has some to walk
    for (const name of ['p1', 'p2'])
      await start(name, { bootstrap: [relayAddress], useRelays: false })
  })

  afterAll(async () => {
    await Promise.allSettled(networks.map((network) => network.stop()))
    await rm(root, { recursive: true, force: true })
  })

  it('gives a member the relay refused at first a reservation once the relay knows it', async () => {
    const member = await start('member', { bootstrap: [relayAddress] })
    await waitFor(() => refusalsOf(member) > 0, 'the relay refusing the member')
    // its announcement arrived: the relay now counts it as a member
    members.add(member.libp2p.peerId.toString())
    const report = await waitFor(() => {
      const now = member.reachability.report()
      return now.relayedAddresses.length > 0 && now
    }, 'a reservation for the member')
    expect(report.reachability).toBe('relayed')
  })

  it('queries the DHT for other relays a few times, not back to back, while refused', async () => {
    const stranger = await start('stranger', { bootstrap: [relayAddress] })
    await waitFor(() => refusalsOf(stranger) > 0, 'the relay refusing the stranger')
    const dht = stranger.libp2p.services.dht
    const getClosestPeers = dht.getClosestPeers.bind(dht)
    let queries = 0
    dht.getClosestPeers = (key, options) => {
      queries++
      return getClosestPeers(key, options)
    }
    // the search's first round ran at start; the next comes after the first pause and
    // the one after that only after twice that pause
    await sleep(RELAY_SEARCH_FIRST_PAUSE_MS * 1.6)
    expect(queries).toBeLessThanOrEqual(2)
    expect(stranger.reachability.report().relayedAddresses).toEqual([])
  })
})
