/**
 * A connection has one keep-alive: the connection watch (connection-watch.ts), which also
 * closes it when a ping goes unanswered. Yamux's own (a ping frame every 30 s from each end,
 * never acted on) woke every node once a connection a minute and more for nothing. The watch
 * pings each new muxer once at once, as yamux's keep-alive did at its start: yamux grows its
 * streams' windows only once it knows the round trip.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Connection } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { localNetwork } from './local-network.js'

/**
 * libp2p's connection keeps its muxer in a field its interface leaves out; yamux's `rtt` is
 * -1 until one of its pings is answered.
 */
const muxerOf = (connection: Connection): { rtt: number; keepAlive?: unknown } | undefined =>
  (connection as unknown as { muxer?: { rtt: number; keepAlive?: unknown } }).muxer

describe('a connection between two nodes', () => {
  let root: string
  let a: Network
  let b: Network

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-keep-alive-'))
    a = await localNetwork(root, 'a')
    b = await localNetwork(root, 'b')
  })

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await rm(root, { recursive: true, force: true })
  })

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
      const muxer = muxerOf(end)
      expect(muxer).toBeDefined()
      // yamux keeps its keep-alive's repeating task here when it runs one
      expect(muxer?.keepAlive).toBeUndefined()
      expect(muxer?.rtt).toBeGreaterThanOrEqual(0)
    }
  })
})
