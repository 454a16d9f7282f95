/**
 * What a collective at rest sends: a new connection between members that know each other
 * is answered directly, never by relayed profiles or hellos to everyone (each used to
 * reach every member on every connection event). Counted with the node's
 * gossip counters (`/metrics`): how many messages arrive, never how long anything takes.
 */
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { organization, practice } from './records.js'

/** Gossip messages delivered to `node` so far, by topic (heads, orgs, hello, profiles). */
async function gossipOf(node: TestNode): Promise<Record<string, number>> {
  const text = await (await fetch(new URL('/metrics', node.url))).text()
  const counts: Record<string, number> = {}
  for (const [, topic, value] of text.matchAll(
    /^polder_gossip_messages_total\{topic="([^"]+)"\} (\S+)$/gm,
  )) {
    counts[topic as string] = Number(value)
  }
  return counts
}

const since = (after: Record<string, number>, before: Record<string, number>, topic: string) =>
  (after[topic] ?? 0) - (before[topic] ?? 0)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const knows = async (node: TestNode, did: string) =>
  (await node.client.listOrgs()).organizations.some((org) => org.did === did)

describe('a collective at rest', () => {
  it('answers a new connection between members without telling everyone', async () => {
    // 0 — 1 — 2 — 3, everyone following 0, heads compared every second
    await using network = await TestNetwork.create({
      nodes: 4,
      topology: 'line',
      follow: [
        [1, 0],
        [2, 0],
        [3, 0],
      ],
      syncInterval: 1,
    })
    const [a, b, , d] = network.nodes as [TestNode, TestNode, TestNode, TestNode]
    // 0 and 3 kept apart (the DHT would introduce them) until the test connects them
    await a.client.deny({ params: { target: d.peerId }, body: { minutes: 10 } })
    await waitFor(
      async () => !(await a.client.listPeers()).peers.some((peer) => peer.peerId === d.peerId),
      { what: 'no connection between nodes 0 and 3' },
    )
    await a.publish([practice(1)])
    for (const node of network.nodes.slice(1)) {
      await waitFor(async () => (await node.count(a.did)) === 1, { what: 'the record everywhere' })
    }

    // a new connection between members: no relayed profile or hello to everyone (node 3
    // used to relay the profile of node 0, which node 1 and everyone else heard). Not
    // counted: announcements, which still go out when a node's addresses change, as they
    // may when a new peer confirms one (reachability)
    // the answers to the nodes' hellos at start are over: three quiet seconds in a row
    await waitFor(
      async () => {
        const first = await gossipOf(b)
        await sleep(3_000)
        const second = await gossipOf(b)
        return ['profiles', 'hello'].every((topic) => since(second, first, topic) === 0)
      },
      { what: 'the collective quiet', timeoutMs: 60_000 },
    )
    await a.client.liftDenial({ params: { target: d.peerId } })
    const beforeConnect = await gossipOf(b)
    await network.connect(0, 3)
    await sleep(5_000)
    const afterConnect = await gossipOf(b)
    for (const topic of ['profiles', 'hello']) {
      expect(since(afterConnect, beforeConnect, topic), `${topic} messages`).toBe(0)
    }

    // and news still travels
    await a.publish([practice(2)])
    for (const node of network.nodes.slice(1)) {
      await waitFor(async () => (await node.count(a.did)) === 2, { what: 'the new record' })
    }
  }, 120_000)

  it('tells a joining node the collective directly, without a hello to everyone', async () => {
    // 0 — 1 — 2, then 3 joins at 2: it asks node 2 for its directory. It used to say hello
    // to the whole collective, and every member answered with an announcement to everyone
    await using network = await TestNetwork.create({ nodes: 4, topology: 'none' })
    const [a, b, c, d] = network.nodes as [TestNode, TestNode, TestNode, TestNode]
    await a.publish([organization('Gemeente Zwolle')])
    await network.connect(0, 1)
    await network.connect(1, 2)
    for (const node of [b, c]) {
      await waitFor(() => knows(node, a.did), { what: 'the first members to know node 0' })
    }
    await waitFor(
      async () => {
        const first = await gossipOf(a)
        await sleep(3_000)
        return since(await gossipOf(a), first, 'hello') === 0
      },
      { what: 'the hellos of the start over', timeoutMs: 60_000 },
    )
    const beforeJoin = await gossipOf(a)
    await network.connect(2, 3)
    for (const member of [a, b, c]) {
      await waitFor(() => knows(d, member.did), {
        timeoutMs: 20_000,
        what: 'the joining node to know every member',
      })
    }
    await sleep(3_000)
    expect(since(await gossipOf(a), beforeJoin, 'hello'), 'hellos reaching node 0').toBe(0)
  }, 120_000)

  it('lets only a few followers say they pulled a log, also when all pull at once', async () => {
    // seven followers of node 0 follow it at the same moment, as in a collective's follow
    // phase. Each used to tell the whole collective it now held the log (a heads message to
    // every node per follower: N x F in a follow phase); round 9 let a follower keep quiet
    // once 3 others had said so, but followers pulling at once all checked before any of
    // them had: now each checks at a random moment within a third of the interval (10 s)
    const followers = 7
    await using network = await TestNetwork.create({
      nodes: followers + 1,
      topology: 'full',
      syncInterval: 30,
      // eight processes starting at once on a shared machine
      node: { startTimeoutMs: 120_000 },
    })
    const [a] = network.nodes as [TestNode]
    await a.publish([practice(1)])
    // no heads message reached node 0 for `ms`
    const quiet = (ms: number) => async () => {
      const first = await gossipOf(a)
      await sleep(ms)
      return since(await gossipOf(a), first, 'heads') === 0
    }
    await waitFor(quiet(3_000), { what: 'no heads said', timeoutMs: 60_000 })
    const before = await gossipOf(a)
    await Promise.all(network.nodes.slice(1).map((follower) => follower.follow(a)))
    for (const follower of network.nodes.slice(1)) {
      await waitFor(async () => (await follower.count(a.did)) === 1, { what: 'the log pulled' })
    }
    // every follower's turn came (within 10 s of its pull) and what it said reached node 0
    await waitFor(quiet(12_000), { what: 'their heads messages delivered', timeoutMs: 120_000 })
    const said = since(await gossipOf(a), before, 'heads')
    expect(said, 'heads messages from followers reaching node 0').toBeLessThanOrEqual(4)
  }, 300_000)
})
