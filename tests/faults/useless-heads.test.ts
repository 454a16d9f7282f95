/**
 * A flood of useless heads: a connected peer passes on thousands of heads messages, each
 * signed by a fresh key, claiming a followed organisation's log at heads nobody has. The
 * follower must stay responsive, keep its memory bounded, go on replicating the real log
 * live, and not stay "behind" for claims nobody serves.
 */
import {
  probeLatency,
  RogueNode,
  rssMb,
  TestNetwork,
  type TestNode,
  waitFor,
} from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practices } from '../collective/records.js'

const USELESS = 3_000

describe('a flood of useless heads', () => {
  it(`leaves the follower responsive and complete after ${USELESS.toLocaleString('en')} claims nobody serves`, async () => {
    await using network = await TestNetwork.create({ nodes: 2, follow: [[0, 1]] })
    const [follower, member] = network.nodes as [TestNode, TestNode]
    await member.publish(practices(0, 10))
    await waitFor(async () => (await follower.count(member.did)) === 10, {
      what: 'the first records',
    })
    await using rogue = await RogueNode.create()
    await follower.client.connectPeer({ body: { address: rogue.address } })
    const rssBefore = await rssMb(follower.pid)
    const health = await probeLatency(follower, ['/health', '/v1/status'])
    try {
      const flood = rogue.floodUselessHeads(follower.address, member.did, USELESS)
      // the real log goes on while the flood runs
      await member.publish(practices(10, 10))
      await flood
      await waitFor(async () => (await follower.count(member.did)) === 20, {
        what: 'the records published during the flood',
        timeoutMs: 60_000,
      })
    } finally {
      const latencies = await health.stop()
      const worst = Math.max(...latencies)
      // the p99 goal (100 ms) is measured by the bench; here: never frozen
      expect(worst, `worst of ${latencies.length}: ${worst.toFixed(0)} ms`).toBeLessThan(2_000)
    }
    // claims nobody serves do not keep the log behind: the follower settles on complete
    await follower.client.syncNow()
    await waitFor(
      async () =>
        (await follower.client.getSyncOf({ params: { did: member.did } })).state === 'complete',
      { what: 'the log complete again, the useless claims dropped', timeoutMs: 60_000 },
    )
    const rssAfter = await rssMb(follower.pid)
    expect(rssAfter - rssBefore, `RSS ${rssBefore} -> ${rssAfter} MiB`).toBeLessThan(100)
    expect(await follower.count(member.did)).toBe(20)
  }, 180_000)
})
