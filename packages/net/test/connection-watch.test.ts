/**
 * Each connection is checked with yamux's ping frame (connection-watch.ts) instead of
 * libp2p's monitor, which opened a ping stream every time: a live peer's connection is
 * pinged and kept without a stream, and a peer that stops answering loses its connection
 * after the watch's timeout (30 s), as with the monitor.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { connectionInternals as internals, type NetworkPair, networkPair } from './local-network.js'
import { waitFor } from './wait-for.js'

/** Short, so that the watch pings within the test. */
const PING_INTERVAL_MS = 300

describe('the connection watch', () => {
  let pair: NetworkPair
  let a: Network
  let b: Network

  beforeEach(async () => {
    pair = await networkPair('connection-watch', { pingIntervalMs: PING_INTERVAL_MS })
    ;({ a, b } = pair)
  })

  afterEach(() => pair?.stop())

  it('pings a live peer with a yamux frame, no stream', { timeout: 60_000 }, async () => {
    const connection = await a.libp2p.dial(b.libp2p.getMultiaddrs())
    // the muxer's round trip is known once a ping frame was answered; libp2p's monitor
    // pinged over a stream and noted its round trip on the connection instead
    await waitFor(() => internals(connection).muxer.rtt >= 0, 'a ping frame answered')
    expect(connection.rtt).toBeUndefined()
    expect(connection.status).toBe('open')
  })

  it('closes the connection of a peer that stops answering', { timeout: 90_000 }, async () => {
    const connection = await a.libp2p.dial(b.libp2p.getMultiaddrs())
    const closed = new Promise<string>((resolve) => {
      connection.addEventListener('close', (event) => resolve(event.error?.name ?? 'closed'), {
        once: true,
      })
    })
    const silent = await waitFor(() => b.libp2p.getConnections(a.libp2p.peerId)[0], "b's end")
    // b's process goes on but never reads the connection again: a frozen or cut-off peer
    internals(silent).maConn.socket.pause()
    expect(await closed).toBe('TimeoutError')
  })
})
