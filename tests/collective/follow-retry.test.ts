/**
 * A follow whose first lookup of the organisation's node finds no one is tried again soon,
 * not at the next announcement. On a busy machine a lookup or a dial through a relay can
 * time out; the follower then waited for the publisher's periodic announcement (5
 * minutes): the relayed cold sync bench once took 331 s instead of 9.
 */
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practices } from './records.js'

describe('a follow whose first lookup finds no one', () => {
  it('looks again within seconds, with repairs and announcements minutes apart', async () => {
    // 0 publisher — 1 its neighbour, and apart: 2 hub — 3 follower. The repair runs every
    // 10 minutes and announcements every 5 (the default): nothing but the follow itself
    // can start the sync
    await using network = await TestNetwork.create({
      nodes: 4,
      topology: [
        [0, 1],
        [2, 3],
      ],
      syncInterval: 600,
    })
    const [publisher, , , follower] = network.nodes as [TestNode, TestNode, TestNode, TestNode]
    await publisher.publish(practices(1, 5))

    // the follower's DHT (the hub) knows nobody who knows the publisher: the lookup fails
    await follower.follow(publisher)
    await waitFor(
      async () =>
        (await follower.client.getSyncOf({ params: { did: publisher.did } })).state !== 'syncing',
      { timeoutMs: 30_000, what: 'the first sync of the follow to give up' },
    )
    expect(await follower.count(publisher.did)).toBe(0)

    // the two halves meet; each had a peer on the topic, so nobody announces anything
    await network.connect(1, 2)
    await waitFor(async () => (await follower.count(publisher.did)) === 5, {
      timeoutMs: 60_000,
      what: 'the five records on the follower',
    })
  }, 180_000)
})
