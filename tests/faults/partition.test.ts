/**
 * Five nodes split in two sides, each side writing 1,000 records while cut off from the
 * other, then the partition heals. Heads are compared with each newly connected peer at
 * once (healing once waited for the periodic comparison). The periodic comparison is set
 * to ten minutes here and the wait for the heal to a minute and a half, so only the
 * exchange on connecting can heal it in time; how fast it heals is the bench's to measure,
 * not this test's (a time asserted here failed on a busy machine).
 */
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practices } from '../collective/records.js'

const WRITES = 1_000
describe('a partition of five nodes', () => {
  it(`heals on reconnecting, without the periodic comparison, after ${WRITES.toLocaleString('en')} writes per side`, async () => {
    await using network = await TestNetwork.create({
      nodes: 5,
      topology: 'full',
      follow: 'all',
      syncInterval: 600,
    })
    const nodes = network.nodes
    const left = [0, 1]
    const right = [2, 3, 4]
    const pairs = left.flatMap((a) => right.map((b) => [a, b] as const))

    // the partition: the left side refuses the right, both ways, and drops its connections
    for (const [a, b] of pairs) {
      await network
        .node(a)
        .client.deny({ params: { target: network.node(b).peerId }, body: { minutes: 10 } })
    }
    const crossing = async () => {
      let count = 0
      for (const a of left) {
        const { peers } = await network.node(a).client.listPeers()
        count += peers.filter((peer) =>
          right.some((b) => network.node(b).peerId === peer.peerId),
        ).length
      }
      return count
    }
    await waitFor(async () => (await crossing()) === 0, { what: 'no connection across' })

    const [writerLeft, writerRight] = [network.node(0), network.node(2)]
    for (let i = 0; i < WRITES; i += 100) {
      await writerLeft.publish(practices(i, 100))
      await writerRight.publish(practices(i, 100))
    }
    const holds = async (node: TestNode, writer: TestNode) =>
      (await node.count(writer.did)) === WRITES
    await waitFor(
      async () =>
        (await holds(network.node(1), writerLeft)) &&
        (await holds(network.node(3), writerRight)) &&
        (await holds(network.node(4), writerRight)),
      { what: 'each side in sync within itself', timeoutMs: 60_000 },
    )
    // nothing crossed
    expect(await network.node(1).count(writerRight.did)).toBe(0)
    expect(await network.node(3).count(writerLeft.did)).toBe(0)

    for (const [a, b] of pairs) {
      await network.node(a).client.liftDenial({ params: { target: network.node(b).peerId } })
    }
    for (const [a, b] of pairs) await network.connect(a, b)
    await waitFor(
      async () => {
        for (const node of nodes) {
          if (node !== writerLeft && !(await holds(node, writerLeft))) return false
          if (node !== writerRight && !(await holds(node, writerRight))) return false
        }
        return true
      },
      { what: 'every node holding both sides', timeoutMs: 90_000, intervalMs: 100 },
    )
  }, 240_000)
})
