/**
 * A node holds at most `maxConnections` and refuses inbound ones past it: what lets a relay
 * or bootstrap peer, to which every member keeps a connection, hold more than libp2p's
 * 300 (the scale simulation's 301st member was refused and stayed alone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  MEMBER_MAX_CONNECTIONS,
  maxConnectionsOf,
  type Network,
  type NetworkInit,
  RELAY_MAX_CONNECTIONS,
} from '../src/index.js'
import { type LocalNetworks, localNetworks } from './local-network.js'

describe('the connections a node holds', () => {
  let networks: LocalNetworks
  const start = (name: string, init: Partial<NetworkInit> = {}) => networks.start(name, init)

  /** Dials `hub` from each of `members` in turn; what each dial gave. */
  const dialAll = async (hub: Network, members: Network[]) => {
    const address = hub.libp2p.getMultiaddrs()[0]
    if (address === undefined) throw new Error('the hub listens nowhere')
    const outcomes: string[] = []
    for (const member of members) {
      outcomes.push(
        await member.libp2p.dial(address).then(
          () => 'connected',
          () => 'refused',
        ),
      )
    }
    return outcomes
  }

  beforeAll(async () => {
    networks = await localNetworks('polder-maxconn-')
  })

  afterAll(() => networks.stop())

  it('refuses an inbound connection past its limit', async () => {
    const hub = await start('small-hub', { maxConnections: 2 })
    const members = await Promise.all(['m1', 'm2', 'm3'].map((name) => start(name)))
    expect(await dialAll(hub, members)).toEqual(['connected', 'connected', 'refused'])
    expect(hub.libp2p.getConnections()).toHaveLength(2)
  })

  it('takes them all under a higher limit', async () => {
    const hub = await start('large-hub', { maxConnections: 10 })
    const members = await Promise.all(['n1', 'n2', 'n3'].map((name) => start(name)))
    expect(await dialAll(hub, members)).toEqual(['connected', 'connected', 'connected'])
  })

  it('gives a relay room for every member by default, whoever builds the network', () => {
    // createNetwork applies these: the scale simulation's relays, built without the node's
    // configuration, were held to libp2p's 300 and refused the 301st member
    expect(maxConnectionsOf(undefined, false)).toBe(MEMBER_MAX_CONNECTIONS)
    expect(maxConnectionsOf(undefined, true)).toBe(RELAY_MAX_CONNECTIONS)
    expect(RELAY_MAX_CONNECTIONS).toBeGreaterThanOrEqual(1_000)
    expect(maxConnectionsOf(40, true)).toBe(40)
  })
})
