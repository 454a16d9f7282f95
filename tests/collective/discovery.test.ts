/** Finding an organisation's log through the collective's DHT, knowing only its DID. */
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practice } from './records.js'

const peersOf = async (node: TestNode) =>
  (await node.client.listPeers()).peers.map((peer) => peer.peerId)

describe('discovery through the DHT', () => {
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

    // c is not connected to a: it looks up a's node by the peer id the DID names
    expect(await peersOf(c)).not.toContain(a.peerId)
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
