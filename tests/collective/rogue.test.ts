/** A rogue node forging entries, announcements and oversized data: none of it is accepted, honest replication goes on. */
import { type Forgery, RogueNode, TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { organization, practice } from './records.js'

const offencesOf = async (node: TestNode, rogue: RogueNode) =>
  (await node.client.listPeers()).offenders.find(
    (entry) => entry.peer === rogue.network.libp2p.peerId.toString(),
  )?.offences ?? 0

async function connect(node: TestNode, rogue: RogueNode): Promise<void> {
  await node.client.connectPeer({ body: { address: rogue.address } })
  // gossip reaches a peer once it knows the peer's subscriptions
  await waitFor(
    () =>
      rogue.network.libp2p.services.pubsub.getSubscribers(`/polder/nl-smart-city/heads/1.0.0`)
        .length > 0,
    { what: 'the rogue to see the honest subscription' },
  )
}

describe('a rogue node', () => {
  it('gets nothing accepted, and the honest log keeps replicating', async () => {
    await using network = await TestNetwork.create({ nodes: 2, topology: 'line', follow: [[1, 0]] })
    const [a, b] = network.nodes as [TestNode, TestNode]
    await a.publish([organization('Gemeente Zwolle'), practice(1)])
    await waitFor(async () => (await b.count(a.did)) === 2, { what: 'the honest records' })

    // 1. forged entries for the honest organisation's log, served to whoever asks
    await using forger = await RogueNode.create()
    await connect(b, forger)
    const forgeries: Forgery[] = ['wrong-writer', 'bad-signature', 'oversized-message']
    for (const [index, forgery] of forgeries.entries()) {
      forger.forgery = forgery
      await forger.claimLog(a.did)
      await waitFor(async () => (await offencesOf(b, forger)) === index + 1, {
        what: `the ${forgery} forgery counted against the rogue`,
      })
    }
    expect(forger.requests.every((log) => log === a.did)).toBe(true)
    // a repeat offender is cut off
    await waitFor(
      async () => {
        const { peers } = await b.client.listPeers()
        return !peers.some((peer) => peer.peerId === forger.network.libp2p.peerId.toString())
      },
      { what: 'the rogue disconnected' },
    )

    // 1b. forged entries pushed inside a heads message, as a live update
    await using pusher = await RogueNode.create()
    await connect(b, pusher)
    pusher.forgery = 'bad-signature'
    await pusher.pushForged(a.did)
    await waitFor(async () => (await offencesOf(b, pusher)) >= 1, {
      what: 'the pushed forgery counted against the rogue',
    })

    // 2. announcements in the honest organisation's name, garbage, oversized gossip
    await using liar = await RogueNode.create()
    await connect(b, liar)
    await liar.forgeAnnouncement(a.did, 'Gehackt')
    await waitFor(async () => (await offencesOf(b, liar)) >= 1, {
      what: 'the forged announcement refused',
    })
    await liar.sendGarbage()
    await waitFor(async () => (await offencesOf(b, liar)) >= 3, { what: 'the garbage refused' })

    // 3. its own log, validly signed, with an invalid and an oversized record
    await using publisher = await RogueNode.create()
    await connect(b, publisher)
    publisher.forgery = 'invalid-record'
    await b.follow(publisher.did)
    await waitFor(async () => (await offencesOf(b, publisher)) >= 1, {
      what: 'the invalid record refused',
    })
    publisher.forgery = 'oversized-record'
    await publisher.claimLog(publisher.did)
    await waitFor(async () => (await offencesOf(b, publisher)) >= 2, {
      what: 'the oversized record refused',
    })
    const status = await b.client.getSyncOf({ params: { did: publisher.did } })
    expect(status.records).toBe(0)
    expect(status.lastError).toMatch(/refused/)

    // nothing of it was stored: the honest organisation's records and name are intact
    const { records } = await b.client.listRecords({ query: { author: a.did } })
    expect(
      records.map((record) => ('title' in record ? record.title.nl : undefined)).sort(),
    ).toEqual(['Gemeente Zwolle', 'Hittekaart 1'])
    expect(await b.client.getOrg({ params: { did: a.did } })).toMatchObject({
      name: { nl: 'Gemeente Zwolle' },
    })
    expect(await b.count(publisher.did)).toBe(0)

    // and honest replication goes on
    await a.publish([practice(2)])
    await waitFor(async () => (await b.count(a.did)) === 3, { what: 'a new honest record' })
    expect(b.output).toMatch(/a peer sent data that was refused/)
  })
})
