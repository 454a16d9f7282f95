/**
 * A reservation request whose stream closes while the relay's member check waits for an
 * announcement (libp2p's client gives up 5 s after it started, resets the stream and asks
 * again; the relay waits at most RELAY_MEMBER_WAIT_MS, but the client may have started long
 * before the relay saw its request): it takes no slot, and the member's newer request keeps
 * the reservation it was granted. Real libp2p nodes on loopback; the requests are written by
 * hand so that the test decides when each one closes.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RELAY_V2_HOP_CODEC } from '@libp2p/circuit-relay-v2'
import type { PeerId } from '@libp2p/interface'
import { type LengthPrefixedStream, lpStream } from '@libp2p/utils'
import { varint } from 'multiformats'
import { afterEach, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { localNetwork } from './local-network.js'
import { waitFor } from './wait-for.js'

/** A HopMessage of type RESERVE (field 1, varint 0). */
const RESERVE = Uint8Array.from([0x08, 0x00])
const STATUS_OK = 100
const CLOSED_REASON = 'reservation: the request was closed while it waited'

/** The `status` (field 5) of a HopMessage answer. */
function statusOf(message: Uint8Array): number | undefined {
  let status: number | undefined
  for (let offset = 0; offset < message.length; ) {
    const [tag, tagLength] = varint.decode(message, offset)
    offset += tagLength
    const [value, valueLength] = varint.decode(message, offset)
    offset += valueLength
    if (tag === 5 << 3) status = value
    // a length-delimited field: `value` was its length
    else if ((tag & 7) === 2) offset += value
  }
  return status
}

describe('relay reservation requests closed while the member check waits', () => {
  let root: string
  const networks: Network[] = []
  /** Member checks waiting, in the order they were asked. */
  const waiting: (() => void)[] = []
  const refusals: { peer: string; reason: string }[] = []

  const startRelay = async (maxReservations: number): Promise<Network> => {
    root = await mkdtemp(join(tmpdir(), 'polder-relay-closed-'))
    const relay = await localNetwork(root, 'relay', {
      relay: {
        maxReservations,
        dataLimitBytes: 1 << 20,
        durationLimitMs: 60_000,
        // a member whose announcement comes when the test says so, however long it takes
        isMember: (_peer: PeerId) =>
          new Promise<boolean>((resolve) => waiting.push(() => resolve(true))),
        memberWaitMs: 60_000,
        onRefused: (peer, reason) => refusals.push({ peer: peer.toString(), reason }),
      },
    })
    networks.push(relay)
    return relay
  }
  const startClient = async (name: string): Promise<Network> => {
    const client = await localNetwork(root, name, { useRelays: false })
    networks.push(client)
    return client
  }
  /** Opens a hop stream from `client` to `relay` and sends RESERVE; resolves once the relay's check waits. */
  const ask = async (client: Network, relay: Network) => {
    const asked = waiting.length
    const stream = await client.libp2p.dialProtocol(
      relay.libp2p.getMultiaddrs(),
      RELAY_V2_HOP_CODEC,
    )
    const messages: LengthPrefixedStream = lpStream(stream)
    await messages.write(RESERVE)
    await waitFor(() => waiting.length > asked, 'the relay checking the member')
    return { stream, answer: async () => statusOf((await messages.read()).subarray()) }
  }
  const reservationsOf = (relay: Network): Map<unknown, unknown> =>
    (relay.libp2p.services as unknown as { relay: { reservations: Map<unknown, unknown> } }).relay
      .reservations
  const refusedClosed = (client: Network) => () =>
    refusals.some((r) => r.peer === client.libp2p.peerId.toString() && r.reason === CLOSED_REASON)

  afterEach(async () => {
    await Promise.allSettled(networks.splice(0).map((network) => network.stop()))
    waiting.length = 0
    refusals.length = 0
    await rm(root, { recursive: true, force: true })
  })

  it('keeps the reservation a member was granted when its earlier, closed request is checked', async () => {
    const relay = await startRelay(4)
    const member = await startClient('member')
    const stale = await ask(member, relay)
    // the client gave up on it (libp2p's does after 5 s) and asks again
    stale.stream.abort(new Error('gave up'))
    const live = await ask(member, relay)
    // the announcement arrives: both checks end at once, the older first
    for (const release of waiting) release()
    expect(await live.answer()).toBe(STATUS_OK)
    await waitFor(refusedClosed(member), 'the closed request refused')
    expect(reservationsOf(relay).has(member.libp2p.peerId)).toBe(true)
  })

  it('takes no slot for a request closed while its check waited', async () => {
    const relay = await startRelay(1)
    const gone = await startClient('gone')
    const other = await startClient('other')
    const stale = await ask(gone, relay)
    stale.stream.abort(new Error('gave up'))
    const live = await ask(other, relay)
    for (const release of waiting) release()
    // the one slot goes to the member still asking
    expect(await live.answer()).toBe(STATUS_OK)
    await waitFor(refusedClosed(gone), 'the closed request refused')
    expect([...reservationsOf(relay).keys()].map(String)).toEqual([other.libp2p.peerId.toString()])
  })
})
