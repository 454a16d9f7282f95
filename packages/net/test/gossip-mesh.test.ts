/**
 * Gossipsub's mesh is {@link GOSSIP_MESH}'s size, not gossipsub's default (D 6, up to Dhi
 * 12): where every member is connected to every other (the DHT connects most of a
 * collective), each node forwards a message to its mesh peers, which the publisher's flood
 * reached already, so the mesh's size is the number of copies of every message a node
 * reads. Eleven real nodes in this process, each connected to all others; each node's
 * mesh is read as its heartbeat ends (when gossipsub has grafted and pruned it).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { GOSSIP_MESH } from '../src/network.js'
import { localNetwork } from './local-network.js'
import { waitFor } from './wait-for.js'

const TOPIC = '/polder/test/heads/1.0.0'
/** Enough that gossipsub's default mesh (each node grafts 6, accepts up to 12) exceeds Dhi. */
const NODES = 11
/** Heartbeats each node runs, once all are connected, before its mesh is read. */
const HEARTBEATS = 3

/**
 * Dials `other` from `node`. libp2p takes at most 5 inbound connections a second from one
 * host (`inboundConnectionThreshold`) and resets the rest; here every node is 127.0.0.1 and
 * the DHT dials the peers it learns of too: a refused dial is tried again a second later,
 * unless the other side's dial connected them meanwhile.
 */
async function connect(node: Network, other: Network): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await node.libp2p.dial(other.libp2p.getMultiaddrs())
      return
    } catch (error) {
      if (node.libp2p.getConnections(other.libp2p.peerId).length > 0) return
      if (attempt === 5) throw error
      await new Promise((resolve) => setTimeout(resolve, 1_000))
    }
  }
}

describe('the gossip mesh', () => {
  let root = ''
  const nodes: Network[] = []

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-gossip-mesh-'))
    for (let i = 0; i < NODES; i++)
      nodes.push(await localNetwork(root, `n${i}`, { colocationWhitelist: ['127.0.0.1'] }))
    for (const node of nodes) node.libp2p.services.pubsub.subscribe(TOPIC)
    for (const [i, node] of nodes.entries())
      for (const other of nodes.slice(i + 1)) await connect(node, other)
    await waitFor(
      () =>
        nodes.every(
          (node) => node.libp2p.services.pubsub.getSubscribers(TOPIC).length === NODES - 1,
        ),
      'every node to see every other subscribed',
    )
  }, 60_000)

  afterAll(async () => {
    await Promise.allSettled(nodes.map((node) => node.stop()))
    await rm(root, { recursive: true, force: true })
  })

  it(`holds at most Dhi (${GOSSIP_MESH.Dhi}) peers and still brings a message to every node`, async () => {
    const meshes = await Promise.all(nodes.map((node) => meshAfterHeartbeats(node)))
    expect(Math.max(...meshes)).toBeLessThanOrEqual(GOSSIP_MESH.Dhi)
    expect(Math.min(...meshes)).toBeGreaterThanOrEqual(GOSSIP_MESH.Dlo)

    const received = new Set<number>()
    for (const [i, node] of nodes.entries())
      node.libp2p.services.pubsub.addEventListener('message', ({ detail }) => {
        if (detail.topic === TOPIC) received.add(i)
      })
    await nodes[0]?.libp2p.services.pubsub.publish(TOPIC, new Uint8Array(1024).fill(1))
    await waitFor(() => received.size === NODES - 1, 'every other node to get the message')
  }, 60_000)
})

/** `node`'s mesh peers on the topic: on gossipsub's class, not on its exported interface. */
const meshOf = (node: Network): string[] =>
  (
    node.libp2p.services.pubsub as unknown as { getMeshPeers(topic: string): string[] }
  ).getMeshPeers(TOPIC)

/** The size of `node`'s mesh on the topic as its `HEARTBEATS`th heartbeat from now ends. */
function meshAfterHeartbeats(node: Network): Promise<number> {
  const pubsub = node.libp2p.services.pubsub
  return new Promise((resolve, reject) => {
    let beats = 0
    const timer = setTimeout(() => reject(new Error('no heartbeats within 30 s')), 30_000)
    const onBeat = () => {
      if (++beats < HEARTBEATS) return
      pubsub.removeEventListener('gossipsub:heartbeat', onBeat)
      clearTimeout(timer)
      // read in the heartbeat's own event: no graft can come between its prune and this
      resolve(meshOf(node).length)
    }
    pubsub.addEventListener('gossipsub:heartbeat', onBeat)
  })
}
