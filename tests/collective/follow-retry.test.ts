/**
 * A follow whose first lookup of the organisation's node fails is tried again soon, not
 * at the next announcement. On a busy machine a lookup or a dial through a relay can time
 * out; the follower then waited for the publisher's periodic announcement (5 minutes):
 * the relayed cold sync bench once took 303 s instead of 9.
 */
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practices } from './records.js'

describe('a follow whose first lookup fails', () => {
  it('finds the organisation’s node again within seconds, with repairs and announcements minutes apart', async () => {
    // 0 publisher — 1 hub — 2 follower; the repair runs every 10 minutes and announcements
    // every 5 (the default), so only the follow itself can start the sync
    await using network = await TestNetwork.create({
      nodes: 3,
      topology: 'none',
      syncInterval: 600,
    })
    const [publisher, hub, follower] = network.nodes as [TestNode, TestNode, TestNode]
    await publisher.publish(practices(1, 5))
    await network.connect(0, 1)
    await network.connect(2, 1)

    // the follow comes while the publisher's node is offline: the lookup finds no one
    await publisher.stop()
    await follower.follow(publisher)
    await waitFor(
      async () =>
        (await follower.client.getSyncOf({ params: { did: publisher.did } })).state !== 'syncing',
      { timeoutMs: 30_000, what: 'the first sync of the follow to give up' },
    )
    expect(await follower.count(publisher.did)).toBe(0)

    // back within the search's cool-down: what it says on joining is heard while the
    // follower may not look again
    await publisher.start()
    await network.connect(0, 1)
    await waitFor(async () => (await follower.count(publisher.did)) === 5, {
      timeoutMs: 60_000,
      what: 'the five records on the follower',
    })
    expect((await hub.client.listPeers()).peers.map((peer) => peer.peerId)).toContain(
      publisher.peerId,
    )
  }, 180_000)
})
