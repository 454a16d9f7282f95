/**
 * A connection has one keep-alive: libp2p's connection monitor, which also closes it when a
 * ping goes unanswered. Yamux's own (a ping frame every 30 s from each end, never acted on)
 * woke every node once a connection a minute and more for nothing. Yamux pings as soon as
 * its muxer starts and notes the round trip when the answer comes; the answer travels before
 * anything the peer sends later on the connection, so after a stream's round trip a muxer
 * that pinged knows its round trip.
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
const muxerOf = (connection: Connection): { rtt: number } | undefined =>
  (connection as unknown as { muxer?: { rtt: number } }).muxer

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

  it('carries no yamux keep-alive ping', { timeout: 30_000 }, async () => {
    const connection = await a.libp2p.dial(b.libp2p.getMultiaddrs())
    // a stream's round trip from each end: a yamux ping its muxer sent at the start is
    // answered before it
    await a.libp2p.services.ping.ping(b.libp2p.peerId)
    await b.libp2p.services.ping.ping(a.libp2p.peerId)
    const [inbound] = b.libp2p.getConnections(a.libp2p.peerId)
    expect(inbound).toBeDefined()
    for (const end of [connection, inbound as Connection]) {
      const muxer = muxerOf(end)
      expect(muxer).toBeDefined()
      expect(muxer?.rtt).toBe(-1)
    }
  })
})
