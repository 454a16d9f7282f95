/**
 * Each connection is pinged every minute and closed when the answer is late (the connection
 * watch; before it, libp2p's monitor, whose wait adapted to past pings with a floor of 5 s:
 * on a busy machine a healthy peer not scheduled for that long lost its connections, and
 * both ends dialled again). A peer whose answers come later than that floor keeps its
 * connection; and a node asked for a ping (the DHT's) waits for the asker's bytes longer
 * than libp2p's 10 s (its reset of the stream made the asker close the connection).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Connection } from '@libp2p/interface'
import { byteStream } from '@libp2p/utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { connectionInternals as internals, type NetworkPair, networkPair } from './local-network.js'
import { waitFor } from './wait-for.js'

const PING = '/ipfs/ping/1.0.0'
const PING_LENGTH = 32
/** Later than libp2p's floor of 5 s, as a peer not scheduled for that long answers. */
const ANSWER_DELAY_MS = 6_000
/** Short, so that a ping is under way while the peer does not read. */
const PING_INTERVAL_MS = 1_000
/** Longer than libp2p's wait for the bytes of a ping asked for, 10 s. */
const ASK_DELAY_MS = 11_000

describe('a peer that answers pings late', () => {
  let pair: NetworkPair
  let a: Network
  let b: Network

  beforeAll(async () => {
    pair = await networkPair('late-ping', { pingIntervalMs: PING_INTERVAL_MS })
    ;({ a, b } = pair)
  })

  afterAll(() => pair?.stop())

  it('keeps its connection', { timeout: 60_000 }, async () => {
    const connection: Connection = await a.libp2p.dial(b.libp2p.getMultiaddrs())
    const closes: string[] = []
    connection.addEventListener('close', (event) => {
      closes.push(`${event.local ? 'local' : 'remote'}:${event.error?.name ?? 'closed'}`)
    })
    const late = await waitFor(() => b.libp2p.getConnections(a.libp2p.peerId)[0], "b's end")
    const socket = internals(late).maConn.socket
    // b is not scheduled for a while: it reads nothing, a's next ping waits for its answer
    socket.pause()
    await sleep(ANSWER_DELAY_MS)
    socket.resume()
    // a ping sent while b did not read (one a second) is answered now, seconds late
    await waitFor(() => internals(connection).muxer.rtt >= ANSWER_DELAY_MS / 2, 'a late answer')
    expect(closes).toEqual([])
    expect(connection.status).toBe('open')
    expect(a.libp2p.getConnections(b.libp2p.peerId)).toEqual([connection])
  })
})

describe('a peer slow to send the bytes of its ping', () => {
  let pair: NetworkPair
  let asker: Network
  let answerer: Network

  beforeAll(async () => {
    pair = await networkPair('slow-ask')
    ;({ a: asker, b: answerer } = pair)
  })

  afterAll(() => pair?.stop())

  it('gets its answer', { timeout: 60_000 }, async () => {
    const stream = await asker.libp2p.dialProtocol(answerer.libp2p.getMultiaddrs(), PING)
    const bytes = byteStream(stream)
    // as the monitor of a node not scheduled between the stream's opening and its write
    await sleep(ASK_DELAY_MS)
    const data = crypto.getRandomValues(new Uint8Array(PING_LENGTH))
    await bytes.write(data)
    const echo = await bytes.read({ bytes: PING_LENGTH })
    await stream.close()
    expect([...echo.subarray()]).toEqual([...data])
  })
})
