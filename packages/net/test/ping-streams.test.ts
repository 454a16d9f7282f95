/**
 * libp2p's connection monitor and the DHT (which pings a new contact before it enters the
 * routing table) both ping over the ping protocol. With libp2p's limit of one outbound ping
 * stream a connection, the monitor's ping failed while the DHT's was open
 * (TooManyOutboundProtocolStreamsError), and the monitor closed the healthy connection:
 * seen in a 20-node network at rest, where each reconnection cost identify, subscriptions
 * and announcements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { type NetworkPair, networkPair } from './local-network.js'

describe('ping streams on one connection', () => {
  let pair: NetworkPair
  let a: Network
  let b: Network

  beforeAll(async () => {
    pair = await networkPair('ping-streams')
    ;({ a, b } = pair)
    await a.libp2p.dial(b.libp2p.getMultiaddrs())
  })

  afterAll(() => pair?.stop())

  it('a ping succeeds while another ping stream is open', async () => {
    // another user's ping in flight: a stream of the protocol, open
    const open = await a.libp2p.dialProtocol(b.libp2p.peerId, '/ipfs/ping/1.0.0')
    try {
      const rtt = await a.libp2p.services.ping.ping(b.libp2p.peerId)
      expect(rtt).toBeGreaterThanOrEqual(0)
      expect(a.libp2p.getConnections(b.libp2p.peerId)).toHaveLength(1)
    } finally {
      open.abort(new Error('test over'))
    }
  })
})
