/**
 * A peer that subscribes to a topic and then stops reading its gossip stream: the node
 * holds at most {@link GOSSIP_OUTBOUND_BUFFER_BYTES} unsent for it (gossipsub then resets
 * that stream), and its other peers still get every message. The stuck peer is a real
 * libp2p node speaking gossipsub's protocol by hand: it pauses the stream the node opens
 * to it (yamux then grants no more window, as a peer that never reads) and sends its
 * subscription on a stream of its own. A node of ours that stops reading for a moment, cut
 * off so, gets a new stream from the node a while later and the messages published then
 * (gossipsub opens a stream to a peer only when it connects).
 */
import { RPC } from '@libp2p/gossipsub/message'
import type { PeerId, Stream } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import type { Libp2p } from 'libp2p'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { GOSSIP_OUTBOUND_BUFFER_BYTES } from '../src/network.js'
import { type NetworkPair, networkPair, plainLibp2p } from './local-network.js'
import { waitFor } from './wait-for.js'

const TOPIC = '/polder/test/heads/1.0.0'
const GOSSIP_PROTOCOLS = ['/meshsub/1.2.0', '/meshsub/1.1.0']
const MESSAGE_BYTES = 64 * 1024
/** Three times the bound in all: without it, the node would hold nearly all of it. */
const MESSAGES = Math.ceil((3 * GOSSIP_OUTBOUND_BUFFER_BYTES) / MESSAGE_BYTES)

/** A gossipsub RPC subscribing to `topic`. */
const subscribeRpc = (topic: string): Uint8Array =>
  RPC.encode({ subscriptions: [{ subscribe: true, topic }], messages: [] })

/** A libp2p node that subscribes to `topic` over gossipsub's protocol and reads nothing. */
async function stuckPeer(): Promise<{ libp2p: Libp2p; paused: Promise<Stream> }> {
  const libp2p = await plainLibp2p()
  let resolve: (stream: Stream) => void = () => undefined
  const paused = new Promise<Stream>((r) => {
    resolve = r
  })
  for (const protocol of GOSSIP_PROTOCOLS)
    await libp2p.handle(protocol, (stream) => {
      stream.pause()
      resolve(stream)
    })
  return { libp2p, paused }
}

/**
 * A pair whose `b` subscribes to the topic, notes the first byte of each message it gets in
 * `received`, and dials `a`.
 */
async function subscribedPair(name: string, received: number[]): Promise<NetworkPair> {
  const pair = await networkPair(name)
  const { a: node, b: peer } = pair
  peer.libp2p.services.pubsub.subscribe(TOPIC)
  peer.libp2p.services.pubsub.addEventListener('message', ({ detail }) => {
    if (detail.topic === TOPIC) received.push(detail.data[0] ?? -1)
  })
  await peer.libp2p.dial(node.libp2p.getMultiaddrs())
  return pair
}

describe('gossip to a peer that stops reading', () => {
  let pair: NetworkPair
  let stuck: Libp2p
  const received: number[] = []

  beforeAll(async () => {
    pair = await subscribedPair('gossip-slow-peer', received)
    const { a: node } = pair
    const peer = await stuckPeer()
    stuck = peer.libp2p
    await stuck.dial(node.libp2p.getMultiaddrs())
    // the node's gossip stream to it: gossipsub knows the peer now, so its stream is read
    await peer.paused
    const own = lpStream(await stuck.dialProtocol(node.libp2p.peerId, GOSSIP_PROTOCOLS))
    await own.write(subscribeRpc(TOPIC))
    const subscribers = (): PeerId[] => node.libp2p.services.pubsub.getSubscribers(TOPIC)
    await waitFor(
      () => subscribers().some((p) => p.equals(stuck.peerId)) && subscribers().length === 2,
      'both peers subscribed',
    )
  })

  afterAll(async () => {
    await stuck?.stop()
    await pair?.stop()
  })

  it('holds at most the bound for it, and the other peer gets every message', async () => {
    const { a: node, b: reader } = pair
    /** What the node holds unsent on its gossip streams to `peer`. */
    const held = (peer: PeerId): number =>
      node.libp2p
        .getConnections(peer)
        .flatMap((connection) => connection.streams)
        .filter((s) => s.direction === 'outbound' && GOSSIP_PROTOCOLS.includes(s.protocol))
        .reduce((sum, s) => sum + s.writeBufferLength, 0)
    let mostHeld = 0
    for (let i = 0; i < MESSAGES; i++) {
      const data = new Uint8Array(MESSAGE_BYTES)
      data[0] = i % 256
      data[1] = i >> 8
      await node.libp2p.services.pubsub.publish(TOPIC, data)
      mostHeld = Math.max(mostHeld, held(stuck.peerId))
      // the reading peer reads: in this one process it does so when the publisher waits
      while (held(reader.libp2p.peerId) > 0) await new Promise((resolve) => setImmediate(resolve))
    }
    expect(mostHeld).toBeLessThanOrEqual(GOSSIP_OUTBOUND_BUFFER_BYTES)
    await waitFor(() => received.length === MESSAGES, 'every message at the reading peer')
    // the node still answers, and its connection to the stuck peer is not what was cut
    await reader.libp2p.services.ping.ping(node.libp2p.peerId)
    expect(node.libp2p.getConnections(stuck.peerId).length).toBeGreaterThan(0)
    // 3 × 8 MiB through two nodes in one process: 19 s at load 28, near the suite's 30 s
  }, 60_000)
})

describe('gossip to a peer that stopped reading for a moment', () => {
  let pair: NetworkPair
  /** The first byte of each message the peer got: 0 before it was cut off, 1 after. */
  const received: number[] = []

  /** The open gossip stream `from` holds to `to` in `direction`. */
  const gossipStream = (from: Network, to: Network, direction: 'inbound' | 'outbound') =>
    from.libp2p
      .getConnections(to.libp2p.peerId)
      .flatMap((connection) => connection.streams)
      .find(
        (s) =>
          s.direction === direction && GOSSIP_PROTOCOLS.includes(s.protocol) && s.status === 'open',
      )

  beforeAll(async () => {
    pair = await subscribedPair('gossip-cut-off', received)
    const { a: node, b: peer } = pair
    await waitFor(
      () =>
        node.libp2p.services.pubsub
          .getSubscribers(TOPIC)
          .some((p) => p.equals(peer.libp2p.peerId)) && gossipStream(peer, node, 'inbound'),
      'the peer subscribed, and the node gossiping to it',
    )
  })

  afterAll(async () => {
    await pair?.stop()
  })

  it('is cut off at the bound, then gets a new stream and the messages published after', async () => {
    const { a: node, b: peer } = pair
    // the peer stops reading what the node sends it (busy, say, with a burst to validate)
    gossipStream(peer, node, 'inbound')?.pause()
    const cut = gossipStream(node, peer, 'outbound')
    expect(cut).toBeDefined()
    for (let i = 0; i < MESSAGES && cut?.status === 'open'; i++)
      await node.libp2p.services.pubsub.publish(TOPIC, new Uint8Array(MESSAGE_BYTES))
    expect(cut?.status).not.toBe('open')
    // the peer reads again: it reads any stream it is given; the node, after a while, gives one
    await waitFor(() => {
      const stream = gossipStream(node, peer, 'outbound')
      return stream !== undefined && stream !== cut
    }, 'a new gossip stream to the peer')
    const later = new Uint8Array(MESSAGE_BYTES)
    later[0] = 1
    await node.libp2p.services.pubsub.publish(TOPIC, later)
    await waitFor(() => received.includes(1), 'the message published after, at the peer')
  }, 60_000)
})
