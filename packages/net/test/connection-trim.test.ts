/**
 * A member past its high water mark closes its least valued idle connections down to the
 * low one (connection-trim.ts): libp2p's own pruner never closes a connection carrying a
 * gossipsub stream, which every member's does, so without this a member's connections
 * only grew, up to the limit past which libp2p refuses every inbound one.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import type { Libp2p, Stream } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ConnectionTrim } from '../src/connection-trim.js'
import { connectionWaterFor, type Network, type NetworkInit } from '../src/index.js'
import { type LocalNetworks, localNetworks } from './local-network.js'
import { waitFor } from './wait-for.js'

const WORK = '/polder-test/work/1.0.0'

describe('trimming a member’s connections', () => {
  let networks: LocalNetworks
  const start = (name: string, init: Partial<NetworkInit> = {}) => networks.start(name, init)

  const peers: Libp2p[] = []
  /**
   * Peers that speak gossipsub (a stream on every connection, as a member's) but not the
   * DHT: the hub's DHT tags its closest peers `keep-alive` (kept, as it should be), and in a
   * collective of six every peer is among the closest.
   */
  const members = (count: number) =>
    Promise.all(
      [...Array(count).keys()].map(async () => {
        const peer = await createLibp2p({
          addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
          transports: [tcp()],
          connectionEncrypters: [noise()],
          streamMuxers: [yamux()],
          services: { identify: identify(), pubsub: gossipsub() },
        })
        peers.push(peer)
        return peer
      }),
    )

  const connectedTo = (hub: Network) =>
    new Set(hub.libp2p.getConnections().map((connection) => connection.remotePeer.toString()))

  beforeAll(async () => {
    networks = await localNetworks('polder-trim-')
  })

  afterAll(() => networks.stop(peers))

  it('closes the least valued idle connections down to the low mark, keeping the valued and the kept-alive', async () => {
    const hub = await start('hub', { connectionWater: { low: 2, high: 3, graceMs: 0 } })
    const [valued, relay, ...others] = await members(5)
    if (valued === undefined || relay === undefined) throw new Error('no members')
    // as gossipsub tags a mesh peer, and libp2p's relay transport the relay it keeps
    await hub.libp2p.peerStore.merge(valued.peerId, { tags: { mesh: { value: 100 } } })
    await hub.libp2p.peerStore.merge(relay.peerId, {
      tags: { 'keep-alive-circuit-relay': { value: 1 } },
    })
    await Promise.all(
      [valued, relay, ...others].map((member) => member.dial(hub.libp2p.getMultiaddrs())),
    )
    // one pass if all five came within its second (down to 2), else one at the fourth and
    // the fifth left standing (3 is not past the high mark); a connection still carrying a
    // DHT query of the start waits for a later pass
    await waitFor(
      () => hub.libp2p.getConnections().length <= 3,
      'the trim',
      () =>
        `${hub.connectionsTrimmed} trimmed, open: ${hub.libp2p
          .getConnections()
          .map((c) => `${c.remotePeer} ${c.timeline.open} [${c.streams.map((s) => s.protocol)}]`)
          .join('; ')}`,
    )
    const kept = connectedTo(hub)
    expect(kept.has(valued.peerId.toString())).toBe(true)
    expect(kept.has(relay.peerId.toString())).toBe(true)
    expect(kept.size).toBeLessThanOrEqual(3)
    expect(kept.size + (hub.connectionsTrimmed ?? 0)).toBe(5)
  }, 60_000)

  it('leaves a connection alone while it carries a stream at work', async () => {
    const hub = await start('busy-hub', { connectionWater: { low: 1, high: 2, graceMs: 0 } })
    const streams: Stream[] = []
    await hub.libp2p.handle(WORK, (stream) => {
      streams.push(stream) // held open: a pull still running
    })
    const [working, ...idle] = await members(3)
    if (working === undefined) throw new Error('no members')
    await working.dial(hub.libp2p.getMultiaddrs())
    await working.dialProtocol(hub.libp2p.peerId, WORK)
    await waitFor(() => streams.length > 0, 'the stream at work')
    // the idle ones valued above it: by value alone, it would be the first closed
    for (const member of idle)
      await hub.libp2p.peerStore.merge(member.peerId, { tags: { mesh: { value: 100 } } })
    await Promise.all(idle.map((member) => member.dial(hub.libp2p.getMultiaddrs())))
    await waitFor(() => hub.libp2p.getConnections().length <= 2, 'the trim')
    expect(connectedTo(hub).has(working.peerId.toString())).toBe(true)
    expect(working.getConnections(hub.libp2p.peerId)).toHaveLength(1)
  }, 60_000)

  it('leaves a connection in its grace period alone, and closes it once past', async () => {
    // the hub's own trim off: this test drives one by hand on its real libp2p
    const hub = await start('young-hub', { connectionWater: false })
    const idle = await members(4)
    await Promise.all(idle.map((member) => member.dial(hub.libp2p.getMultiaddrs())))
    // all four upgraded on the hub's side too, their first streams past negotiation
    await waitFor(
      () =>
        hub.libp2p.getConnections().length === 4 &&
        hub.libp2p
          .getConnections()
          .every(({ streams }) => streams.every(({ protocol }) => protocol !== undefined)),
      'four idle connections',
    )
    const water = { libp2p: hub.libp2p, lowWater: 1, highWater: 2 }
    const young = new ConnectionTrim({ ...water, graceMs: 60_000 })
    expect(await young.trim()).toBe(0)
    young.stop() // the later pass it scheduled for when they are past grace
    expect(hub.libp2p.getConnections()).toHaveLength(4)
    const past = new ConnectionTrim({ ...water, graceMs: 0 })
    expect(await past.trim()).toBeGreaterThan(0)
    past.stop()
  }, 60_000)

  it('does not trim a relay, which holds a connection to nearly every member', async () => {
    const relay = await start('relay', {
      relay: {
        maxReservations: 4,
        dataLimitBytes: 1 << 20,
        durationLimitMs: 60_000,
        isMember: async () => true,
      },
    })
    expect(relay.connectionsTrimmed).toBeUndefined()
  })

  it('starts trimming before libp2p refuses inbound connections under a lower limit', () => {
    expect(connectionWaterFor(300)).toEqual({ low: 64, high: 96 })
    expect(connectionWaterFor(50)).toEqual({ low: 26, high: 40 })
    expect(connectionWaterFor(10)).toEqual({ low: 5, high: 8 })
    expect(connectionWaterFor(2)).toEqual({ low: 1, high: 1 })
  })
})
