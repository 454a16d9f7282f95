/**
 * Two nodes with two connections to each other (both dialled, as happens when each finds
 * the other at once, or over TCP and WebSocket) lose one of them. gossipsub keeps one
 * outbound stream per peer and opens it only when a connection is first announced: when
 * the connection that carried it closed, the other stayed open and no message went either
 * way again (tests/network/upnp.test.ts with a WebSocket listener lost a record so).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Connection } from '@libp2p/interface'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { localNetwork } from './local-network.js'
import { waitFor } from './wait-for.js'

const TOPIC = 'polder-test-duplicates'

describe('two connections between the same two nodes', () => {
  let root: string
  let a: Network
  let b: Network
  const received = { a: [] as string[], b: [] as string[] }

  const start = async (name: string): Promise<Network> =>
    localNetwork(root, name, { listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'] })

  const listen = (network: Network, into: string[]) => {
    const pubsub = network.libp2p.services.pubsub
    pubsub.subscribe(TOPIC)
    pubsub.addEventListener('message', (event) => {
      if (event.detail.topic === TOPIC) into.push(new TextDecoder().decode(event.detail.data))
    })
  }

  /** The connection of `network` that carries its gossipsub stream to `other`. */
  const gossipConnection = (network: Network, other: Network): Connection | undefined =>
    network.libp2p
      .getConnections(other.libp2p.peerId)
      .find((connection) =>
        connection.streams.some(
          (stream) => stream.direction === 'outbound' && stream.protocol?.includes('meshsub'),
        ),
      )

  /**
   * Publishes `text` (numbered copies, every half second) until one arrives: a message
   * published while gossipsub restores its stream and mesh (a heartbeat) may be lost,
   * as any gossip may; the sync protocol repairs that. Never arriving is the failure.
   */
  const delivered = async (from: Network, to: string[], text: string) => {
    const pubsub = from.libp2p.services.pubsub
    let copy = 0
    const deadline = Date.now() + 20_000
    while (!to.some((message) => message.startsWith(text))) {
      if (Date.now() > deadline) throw new Error(`"${text}" never delivered (${copy} copies)`)
      await pubsub.publish(TOPIC, new TextEncoder().encode(`${text} #${copy++}`))
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-dup-'))
    a = await start('a')
    b = await start('b')
    listen(a, received.a)
    listen(b, received.b)
  })

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()])
    await rm(root, { recursive: true, force: true })
  })

  it('keeps gossip flowing both ways over the connection that remains', async () => {
    const tcp = (network: Network) =>
      network.libp2p.getMultiaddrs().find((address) => !address.toString().includes('/ws'))
    const ws = (network: Network) =>
      network.libp2p.getMultiaddrs().find((address) => address.toString().includes('/ws'))
    await a.libp2p.dial(tcp(b) ?? [])
    await waitFor(
      () => a.libp2p.services.pubsub.getSubscribers(TOPIC).length > 0 && gossipConnection(a, b),
      'gossip between a and b',
    )
    // b dials a as well, over its other transport: a second connection
    await b.libp2p.dial(ws(a) ?? [], { force: true })
    await waitFor(
      () => a.libp2p.getConnections(b.libp2p.peerId).length === 2,
      'two connections between a and b',
    )
    await delivered(a, received.b, 'before, a to b')
    await delivered(b, received.a, 'before, b to a')

    // the connection that carries a's gossip stream goes (a peer's restart of one
    // transport, a NAT's timeout, a connection manager's pruning)
    const carrier = gossipConnection(a, b)
    expect(carrier).toBeDefined()
    await carrier?.close()
    await waitFor(
      () => a.libp2p.getConnections(b.libp2p.peerId).length === 1,
      'one connection left',
    )

    await delivered(a, received.b, 'after, a to b')
    await delivered(b, received.a, 'after, b to a')
  }, 60_000)
})
