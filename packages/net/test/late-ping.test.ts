/**
 * libp2p's connection monitor pings every connection and closes it when the answer is
 * late. Its wait adapts to past pings with a floor of 5 s, so on a busy machine a healthy
 * peer not scheduled for that long lost its connections, and both ends dialled again. A
 * peer whose answers come later than libp2p's floor keeps its connection; and a node asked
 * for a ping waits for the asker's bytes longer than libp2p's 10 s (its reset of the stream
 * made the asker's monitor close the connection).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Connection, Stream } from '@libp2p/interface'
import { byteStream } from '@libp2p/utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { localNetwork } from './local-network.js'

const PING = '/ipfs/ping/1.0.0'
const PING_LENGTH = 32
/** Later than libp2p's floor of 5 s, as a peer not scheduled for that long answers. */
const ANSWER_DELAY_MS = 6_000
/** Longer than the delay, so that the monitor's pings of the connection do not overlap. */
const PING_INTERVAL_MS = 8_000
/** Longer than libp2p's wait for the bytes of a ping asked for, 10 s. */
const ASK_DELAY_MS = 11_000

describe('a peer that answers pings late', () => {
  let root: string
  let a: Network
  let b: Network
  /** How each ping b received ended: `answered`, or the name of the error. */
  const answers: string[] = []
  /** a's connection to b closing: `local|remote:<error name>`. */
  const closes: string[] = []
  let changed = (): void => undefined

  /** b's ping handler: the echo, after the delay. */
  const lateEcho = async (stream: Stream): Promise<void> => {
    try {
      const bytes = byteStream(stream)
      const data = await bytes.read({ bytes: PING_LENGTH })
      await sleep(ANSWER_DELAY_MS)
      await bytes.write(data)
      await stream.close()
      answers.push('answered')
    } catch (err) {
      answers.push((err as Error).name)
      stream.abort(err as Error)
    }
    changed()
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-late-ping-'))
    a = await localNetwork(root, 'a', { pingIntervalMs: PING_INTERVAL_MS })
    b = await localNetwork(root, 'b')
    await b.libp2p.unhandle(PING)
    await b.libp2p.handle(PING, lateEcho, { maxInboundStreams: 4 })
  })

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await rm(root, { recursive: true, force: true })
  })

  it('keeps its connection', { timeout: 60_000 }, async () => {
    const connection: Connection = await a.libp2p.dial(b.libp2p.getMultiaddrs())
    connection.addEventListener('close', (event) => {
      closes.push(`${event.local ? 'local' : 'remote'}:${event.error?.name ?? 'closed'}`)
      changed()
    })
    // two pings ended (the DHT's of a new contact and the monitor's first, or the
    // monitor's first two), or the connection closed first
    await new Promise<void>((resolve) => {
      changed = () => {
        if (answers.length >= 2 || closes.length > 0) resolve()
      }
      changed()
    })
    expect(closes).toEqual([])
    expect(answers).toContain('answered')
    expect(connection.status).toBe('open')
    expect(a.libp2p.getConnections(b.libp2p.peerId)).toEqual([connection])
  })
})

describe('a peer slow to send the bytes of its ping', () => {
  let root: string
  let asker: Network
  let answerer: Network

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-slow-ask-'))
    asker = await localNetwork(root, 'asker')
    answerer = await localNetwork(root, 'answerer')
  })

  afterAll(async () => {
    await Promise.all([asker?.stop(), answerer?.stop()])
    await rm(root, { recursive: true, force: true })
  })

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
