/** Replication between real node processes: live, two hops away, after being offline, after lost gossip. */
import {
  type NodeEvent,
  subscribeEvents,
  TestNetwork,
  type TestNode,
  waitFor,
} from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practice, practices } from './records.js'

describe('replication between nodes', () => {
  it('brings a record to every follower live, also two hops away', async () => {
    // 0 — 1 — 2: node 2 is not connected to the publisher, only to node 1, which also follows it
    await using network = await TestNetwork.create({
      nodes: 3,
      topology: 'line',
      follow: [
        [1, 0],
        [2, 0],
      ],
    })
    const [a, b, c] = network.nodes as [
      (typeof network.nodes)[0],
      (typeof network.nodes)[0],
      (typeof network.nodes)[0],
    ]
    // c never connects to a directly (the DHT would otherwise introduce them)
    await c.restart({ POLDER_DENY_PEERS: a.peerId })
    await network.connect(2, 1)
    const events: NodeEvent[] = []
    const subscription = subscribeEvents(c.url, (event) => events.push(event))
    await subscription.ready
    const [record] = await a.publish([practice(1)])
    const ref = `polder://${a.did}/${record?.id}`
    await waitFor(async () => (await b.client.getRecord({ params: { id: ref } })) !== undefined, {
      what: 'the record on the direct follower',
    })
    await waitFor(async () => (await c.client.getRecord({ params: { id: ref } })) !== undefined, {
      what: 'the record two hops away',
    })
    // the change event fired on the follower two hops away
    await waitFor(() => events.some((e) => e.event === 'record:added' && e.data.ref === ref), {
      what: 'the record:added event on c',
    })
    const added = events.find((e) => e.event === 'record:added' && e.data.ref === ref)
    expect(added?.event === 'record:added' && added.data.title).toBeTruthy() // enough to show it
    expect(subscription.invalid).toEqual([]) // every event as the contract says
    subscription.close()
    const peersOfC = await c.client.listPeers()
    expect(peersOfC.peers.map((peer) => peer.peerId)).not.toContain(a.peerId)

    // a stream of updates keeps arriving, in order, with their versions
    const edited = await a.client.editRecord({
      params: { id: record?.id ?? '' },
      body: { status: 'scaled' },
    })
    expect(edited.version).toBe(2)
    await waitFor(
      async () => {
        const state = await c.client.getRecord({ params: { id: ref } })
        return state.version === 2 && 'status' in state && state.status === 'scaled'
      },
      { what: 'the edit two hops away' },
    )
    const status = await waitFor(
      async () => {
        const current = await c.client.getSyncOf({ params: { did: a.did } })
        return current.state === 'complete' && current
      },
      { what: 'the sync status complete' },
    )
    expect(status.records).toBe(1)
  })

  it('catches up on 1,000 records published while the follower was offline', async () => {
    await using network = await TestNetwork.create({ nodes: 2, topology: 'line', follow: [[1, 0]] })
    const [a, b] = network.nodes as [(typeof network.nodes)[0], (typeof network.nodes)[0]]
    await a.publish([practice(0)])
    await waitFor(async () => (await b.count(a.did)) === 1, { what: 'the first record' })
    await b.stop()
    // 1,000 records, one by one and in bulk, while the follower is away
    for (let i = 1; i <= 100; i++) await a.publish([practice(i)])
    await a.publish(practices(101, 900))
    await b.start()
    await b.connect(a)
    await waitFor(async () => (await b.count(a.did)) === 1_001, {
      timeoutMs: 20_000,
      what: 'all 1,001 records after reconnecting',
    })
    await waitFor(
      async () => (await b.client.getSyncOf({ params: { did: a.did } })).state === 'complete',
      { what: 'the sync status complete' },
    )
    // the guarantee: a record joined is found by search once its log's sync is complete
    const found = await b.client.searchRecords({ query: { organization: a.did, limit: 1 } })
    expect(found.total).toBe(1_001)
  }, 90_000)

  it('repairs lost gossip: a follower that hears no heads message still converges', async () => {
    await using network = await TestNetwork.create({
      nodes: 2,
      topology: 'line',
      follow: [[1, 0]],
      syncInterval: 1,
      node: (index) => (index === 1 ? { env: { POLDER_FAULT_DROP_HEADS: '1' } } : {}),
    })
    const [a, b] = network.nodes as [(typeof network.nodes)[0], (typeof network.nodes)[0]]
    for (let i = 0; i < 20; i++) await a.publish([practice(i)])
    // a comparison a second, but a loaded machine delays both nodes' timers (10 s failed at load 45-60)
    await waitFor(async () => (await b.count(a.did)) === 20, {
      timeoutMs: 30_000,
      what: 'the records through the periodic comparison alone',
    })
  })

  it('loses nothing when the follower is killed mid-sync, and finishes after a restart', async () => {
    await using network = await TestNetwork.create({ nodes: 2, topology: 'line' })
    const [a, b] = network.nodes as [TestNode, TestNode]
    for (let i = 0; i < 4; i++) await a.publish(practices(i * 5_000, 5_000))
    await b.follow(a)
    const partial = await waitFor(
      async () => {
        const count = await b.count(a.did)
        return count > 0 && count
      },
      { intervalMs: 20, what: 'the first batches applied' },
    )
    await b.kill()
    expect(partial).toBeLessThan(20_000)
    await b.start()
    // what was applied before the kill survived it
    expect(await b.count(a.did)).toBeGreaterThanOrEqual(partial)
    await network.connect(1, 0)
    await waitFor(async () => (await b.count(a.did)) === 20_000, {
      timeoutMs: 30_000,
      what: 'all records after the restart',
    })
    await waitFor(
      async () => (await b.client.getSyncOf({ params: { did: a.did } })).state === 'complete',
      { what: 'the sync status complete' },
    )
  }, 90_000)

  it('loses nothing when the holder is killed mid-sync, and finishes once it is back', async () => {
    await using network = await TestNetwork.create({ nodes: 2, topology: 'line' })
    const [a, b] = network.nodes as [TestNode, TestNode]
    for (let i = 0; i < 4; i++) await a.publish(practices(i * 5_000, 5_000))
    await b.follow(a)
    await waitFor(async () => (await b.count(a.did)) > 0, {
      intervalMs: 20,
      what: 'the first batches applied',
    })
    await a.kill()
    const partial = await b.count(a.did)
    expect(partial).toBeLessThan(20_000)
    // the follower keeps what it joined
    const status = await b.client.getSyncOf({ params: { did: a.did } })
    expect(status.records).toBeGreaterThanOrEqual(partial)
    await a.start()
    await network.connect(1, 0)
    await waitFor(async () => (await b.count(a.did)) === 20_000, {
      timeoutMs: 30_000,
      what: 'all records once the holder is back',
    })
  }, 90_000)
})
