/**
 * A connection closed right after its dial closes cleanly: the peer's first ping (each end
 * pings a new connection at once) reaching the closing end no longer aborts it.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StreamCloseEvent } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { localNetwork } from './local-network.js'

/** Dials closed at once: the race hit one or two in five before the fix. */
const ROUNDS = 8
/** Between dials: libp2p resets a host's sixth inbound connection within a second. */
const PACE_MS = 250

let root: string
let a: Network
let b: Network

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'polder-net-closing-'))
  a = await localNetwork(root, 'a')
  b = await localNetwork(root, 'b')
})

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()])
  await rm(root, { recursive: true, force: true })
})

describe('a connection closed right after its dial', () => {
  it('ends as a clean close, not an abort', async () => {
    const ends: string[] = []
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, PACE_MS))
      const connection = await a.libp2p.dial(b.libp2p.getMultiaddrs())
      const closed = new Promise<StreamCloseEvent>((resolve) =>
        connection.addEventListener('close', resolve, { once: true }),
      )
      await a.libp2p.hangUp(b.libp2p.peerId)
      const event = await closed
      ends.push(
        event.error === undefined ? 'closed' : `${event.error.name}: ${event.error.message}`,
      )
    }
    expect(ends).toEqual(Array(ROUNDS).fill('closed'))
  }, 60_000)
})
