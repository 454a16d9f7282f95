/**
 * A pull opens its stream on a connection that works. A peer that says GoAway on a
 * connection without closing its socket leaves that connection's multiplexer closed while
 * libp2p still counts it open and hands it out for every new stream: each pull from that
 * peer failed with "The connection muxer is closed" until the connection monitor's next
 * ping (a minute) ended it. Two real libp2p nodes over TCP.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import type { Connection, Libp2p } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p } from 'libp2p'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStream } from '../src/peer-stream.js'

const PROTOCOL = '/polder-test/echo/1.0.0'

const node = () =>
  createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
  })

/** The multiplexer libp2p keeps inside a connection (not part of its interface). */
const muxerOf = (connection: Connection) =>
  (connection as unknown as { muxer: { close(): Promise<void>; status: string } }).muxer

describe('opening a pull stream', () => {
  let a: Libp2p
  let b: Libp2p

  beforeAll(async () => {
    a = await node()
    b = await node()
    await b.handle(PROTOCOL, async (stream) => {
      for await (const chunk of stream) stream.send(chunk)
      await stream.close()
    })
  })

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()])
  })

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

  /**
   * A connection from a to b whose multiplexer b closed (GoAway) while its socket stays
   * open. Now and then libp2p aborts the connection instead as the GoAway crosses a's
   * first keep-alive ping: then it is dialled again.
   */
  const halfClosedConnection = async (): Promise<Connection> => {
    for (let attempt = 0; attempt < 5; attempt++) {
      await a.hangUp(b.peerId)
      const connection = await a.dial(b.getMultiaddrs())
      let bSide: Connection | undefined
      for (let i = 0; i < 100 && bSide === undefined; i++) {
        bSide = b.getConnections(a.peerId).find((other) => other.status === 'open')
        if (bSide === undefined) await sleep(20)
      }
      await muxerOf(bSide as Connection).close()
      for (let i = 0; i < 100 && muxerOf(connection).status === 'open'; i++) await sleep(20)
      await sleep(100)
      if (muxerOf(connection).status !== 'open' && connection.status === 'open') return connection
    }
    throw new Error('no connection was left with a closed multiplexer and an open socket')
  }

  it('ends a connection whose multiplexer the peer closed, and opens the stream anew', async () => {
    const first = await halfClosedConnection()
    // what a pull did before: libp2p hands out the same connection, which cannot serve
    await expect(a.dialProtocol(b.peerId, PROTOCOL)).rejects.toMatchObject({
      name: 'ConnectionClosedError',
    })

    const stream = await openStream(a, b.peerId, PROTOCOL, { signal: AbortSignal.timeout(10_000) })
    stream.send(new TextEncoder().encode('heads'))
    await stream.close()
    const echoed: string[] = []
    for await (const chunk of stream) echoed.push(new TextDecoder().decode(chunk.subarray()))
    expect(echoed.join('')).toBe('heads')
    expect(first.status).not.toBe('open')
    expect(a.getConnections(b.peerId).every((connection) => connection.id !== first.id)).toBe(true)
  }, 30_000)
})
