/**
 * A connection has one keep-alive: the connection watch (connection-watch.ts), which also
 * closes it when a ping goes unanswered. Yamux's own (a ping frame every 30 s from each end,
 * never acted on) woke every node once a connection a minute and more for nothing. The watch
 * pings each new muxer once at once, as yamux's keep-alive did at its start: yamux grows its
 * streams' windows only once it knows the round trip.
 */
import type { Connection } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { connectionInternals, type NetworkPair, networkPair } from './local-network.js'

describe('a connection between two nodes', () => {
  let pair: NetworkPair
  let a: Network
  let b: Network

  beforeAll(async () => {
    pair = await networkPair('keep-alive')
    ;({ a, b } = pair)
  })

  afterAll(() => pair?.stop())

  it('carries no yamux keep-alive, and knows its round trip from the start', {
    timeout: 30_000,
  }, async () => {
    const connection = await a.libp2p.dial(b.libp2p.getMultiaddrs())
    // a stream's round trip from each end: the watch's first ping frame, sent as the muxer
    // started, is answered before it
    await a.libp2p.services.ping.ping(b.libp2p.peerId)
    await b.libp2p.services.ping.ping(a.libp2p.peerId)
    const [inbound] = b.libp2p.getConnections(a.libp2p.peerId)
    expect(inbound).toBeDefined()
    for (const end of [connection, inbound as Connection]) {
      const { muxer } = connectionInternals(end)
      expect(muxer).toBeDefined()
      expect(muxer.keepAlive).toBeUndefined()
      expect(muxer.rtt).toBeGreaterThanOrEqual(0)
    }
  })
})
