/** Finding an organisation's log through the collective's DHT, knowing only its DID. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { organization, practice } from './records.js'

const peersOf = async (node: TestNode) =>
  (await node.client.listPeers()).peers.map((peer) => peer.peerId)

const knows = async (node: TestNode, did: string) =>
  (await node.client.listOrgs()).organizations.some((org) => org.did === did)

const demoOrganizations = JSON.parse(
  readFileSync(
    fileURLToPath(import.meta.resolve('@polder/schema/fixtures/organizations.json')),
    'utf8',
  ),
) as { did: string }[]

describe('organisations learned from holders of their logs', () => {
  it('a node connected to a demo node learns the twelve demo organisations by name', async () => {
    await using network = await TestNetwork.create({
      nodes: 2,
      topology: 'line',
      node: (index) => (index === 0 ? { args: ['--demo'] } : {}),
    })
    const [demo, b] = network.nodes as [TestNode, TestNode]
    expect(demoOrganizations).toHaveLength(12)
    const named = async () => {
      const { organizations } = await b.client.listOrgs()
      return new Map(organizations.flatMap((org) => (org.name ? [[org.did, org.name]] : [])))
    }
    await waitFor(
      async () => {
        const names = await named()
        return demoOrganizations.every((org) => names.has(org.did))
      },
      { timeoutMs: 30_000, what: 'the demo organisations known on node 1 by name' },
    )
    // their own nodes never spoke: the profiles came from the demo node, checked
    expect((await named()).get('did:key:z6MkqsmMgMovyYEBBRdcMs4kc6j3CKtxH1RRBv4B7XKiTPCZ')).toEqual(
      { nl: 'Gemeente Eindhoven', en: 'Municipality of Eindhoven' },
    )
    const orgs = await b.cli(['orgs'])
    expect(orgs.stdout).toContain('Technische Universiteit Delft  [not replicated]')

    // the demo node holds them, and says so
    const onDemo = await demo.client.listOrgs()
    for (const { did } of demoOrganizations) {
      expect(onDemo.organizations.find((org) => org.did === did)).toMatchObject({ held: true })
    }
    const listed = (await demo.cli(['orgs'])).stdout.split('\n')
    for (const { did } of demoOrganizations) {
      expect(listed.find((line) => line.startsWith(did))).toContain('[held here]')
    }
    expect(listed).toContainEqual(expect.stringContaining('Gemeente Eindhoven  [held here]'))
  }, 120_000)
})

describe('discovery through the DHT', () => {
  it('tells a node that joins late of organisations two hops away within seconds', async () => {
    // 0 — 1 first; then 2 joins at 1; 0 and 2 never connect (each denies the other), as in a
    // collective larger than a node's connections. Announcements repeat only every 5 minutes
    // (the default): node 2 learns of node 0 from node 1's directory, which it asks on joining
    await using network = await TestNetwork.create({ nodes: 3, topology: 'none' })
    const [a, b, c] = network.nodes as [TestNode, TestNode, TestNode]
    const [aPeer, cPeer] = [a.peerId, c.peerId]
    await a.restart({ POLDER_DENY_PEERS: cPeer })
    await c.restart({ POLDER_DENY_PEERS: aPeer })
    await a.publish([organization('Gemeente Zwolle')])
    await network.connect(0, 1)
    await waitFor(() => knows(b, a.did), { what: 'node 1 to know node 0' })
    // past gossipsub's message cache (5 heartbeats), which would still pass it on
    await new Promise((resolve) => setTimeout(resolve, 7_000))
    await network.connect(1, 2)
    await waitFor(() => knows(c, a.did), {
      timeoutMs: 10_000,
      what: 'node 2 to know node 0, two hops away',
    })
  }, 90_000)

  it('finds other members of the collective from one bootstrap peer', async () => {
    // 0 — 1 — 2; node 0 keeps up to 8 connections with members it finds
    await using network = await TestNetwork.create({
      nodes: 3,
      topology: 'line',
      node: (index) =>
        index === 0 ? { env: { POLDER_PEERS: '8', POLDER_ANNOUNCE_INTERVAL: '1' } } : {},
    })
    const [a, , c] = network.nodes as [TestNode, TestNode, TestNode]
    await waitFor(async () => (await peersOf(a)).includes(c.peerId), {
      timeoutMs: 20_000,
      what: 'node 0 connected to node 2',
    })
  })

  it('finds the organisation, then another holder of its log, from its DID alone', async () => {
    // 0 — 1 — 2 and 1 — 3: node 1 relays but follows nobody
    await using network = await TestNetwork.create({
      nodes: 4,
      topology: [
        [0, 1],
        [1, 2],
        [1, 3],
      ],
    })
    const [a, , c, d] = network.nodes as [TestNode, TestNode, TestNode, TestNode]
    await a.publish([practice(1), practice(2)])

    // The test never connects c to a: c finds a's node from the peer id the DID names, by
    // its follow's lookup or by the DHT's own queries, which in a network this small reach
    // every node within a second or two (so whether c is already connected to a here is a
    // race, and not asserted: it failed 1 run in 3)
    await c.follow(a)
    await waitFor(async () => (await c.count(a.did)) === 2, { what: "a's records on c" })
    expect(await peersOf(c)).toContain(a.peerId)

    // a goes offline; d finds c through the provider records of a's log
    await a.stop()
    await d.follow(a.did)
    await waitFor(async () => (await d.count(a.did)) === 2, {
      timeoutMs: 20_000,
      what: "a's records on d, from c",
    })
    expect(await peersOf(d)).toContain(c.peerId)
  })
})
