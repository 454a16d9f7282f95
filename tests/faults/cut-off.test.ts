/**
 * A peer cut off for offences stays cut off for a while: it cannot dial again at once
 * (before, a cut-off peer reconnected immediately and went on), and the node does not dial
 * it either. Fresh keys do not help: an address from which several offenders came is
 * refused as a whole. And the operator can deny a peer by hand, and lift it.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { RogueNode, TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

/** Asks `node` to dial `address` over the API; the raw answer (the client would throw). */
const dialFrom = (node: TestNode, address: string) =>
  fetch(`${node.url}/v1/peers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ address }),
  })

/** Connects `node` to the rogue, lets it send garbage, waits until it is cut off. */
async function offend(node: TestNode, rogue: RogueNode): Promise<void> {
  const rogueId = rogue.network.libp2p.peerId.toString()
  await node.client.connectPeer({ body: { address: rogue.address } })
  await waitFor(
    () =>
      rogue.network.libp2p.services.pubsub.getSubscribers('/polder/nl-smart-city/heads/1.0.0')
        .length > 0,
    { what: 'the rogue to see the node subscribed' },
  )
  await rogue.sendGarbage()
  await waitFor(
    async () => {
      const { peers, offenders } = await node.client.listPeers()
      const offences = offenders.find((o) => o.peer === rogueId)?.offences ?? 0
      return offences >= 3 && !peers.some((peer) => peer.peerId === rogueId)
    },
    { what: 'the rogue cut off after three offences' },
  )
}

describe('a peer cut off for its offences', () => {
  it('cannot connect again at once, in either direction', async () => {
    await using network = await TestNetwork.create({ nodes: 1 })
    const node = network.node(0)
    await using rogue = await RogueNode.create()
    const rogueId = rogue.network.libp2p.peerId.toString()
    await offend(node, rogue)
    await waitFor(() => rogue.network.libp2p.getConnections().length === 0, {
      what: 'the connection closed at the rogue too',
    })
    // it dials again: the node's connection gater closes the connection once it knows who
    // dialled (the dialler may think it connected for a moment)
    await rogue.network.libp2p.dial(multiaddr(node.address)).catch(() => undefined)
    await waitFor(() => rogue.network.libp2p.getConnections().length === 0, {
      what: 'the new connection closed by the node',
    })
    const { peers } = await node.client.listPeers()
    expect(peers.some((peer) => peer.peerId === rogueId)).toBe(false)
    // and the node does not dial it either
    const dial = await dialFrom(node, rogue.address)
    expect(dial.status).toBe(502)
    expect(await dial.json()).toMatchObject({ detail: expect.stringMatching(/gater/) })
  }, 60_000)

  it('refuses, after three offenders with fresh keys, the address they came from', async () => {
    await using network = await TestNetwork.create({ nodes: 2, topology: 'none' })
    const node = network.node(0)
    // 127.0.0.7 stands for a machine of its own: the node dials the rogues there
    const rogues: RogueNode[] = []
    try {
      for (let i = 0; i < 3; i++) {
        const rogue = await RogueNode.create({ host: '127.0.0.7' })
        rogues.push(rogue)
        await offend(node, rogue)
      }
      const { denied } = await node.client.listDenials()
      expect(denied).toContainEqual(
        expect.objectContaining({
          target: '127.0.0.7',
          kind: 'address',
          source: 'address-offences',
        }),
      )
      // a fourth fresh key from there is refused before it could send anything
      const fourth = await RogueNode.create({ host: '127.0.0.7' })
      rogues.push(fourth)
      const dial = await dialFrom(node, fourth.address)
      expect(dial.status).toBe(502)
      expect(await dial.json()).toMatchObject({ detail: expect.stringMatching(/gater/) })
      // an honest peer elsewhere is not touched
      await network.connect(0, 1)
      const { peers } = await node.client.listPeers()
      expect(peers.map((peer) => peer.peerId)).toContain(network.node(1).peerId)
    } finally {
      await Promise.allSettled(rogues.map((rogue) => rogue.dispose()))
    }
  }, 120_000)

  it('lets the operator deny a peer, closing its connection, and lift the denial', async () => {
    await using network = await TestNetwork.create({ nodes: 2, topology: 'line' })
    const [a, b] = network.nodes as [TestNode, TestNode]
    const denial = await a.client.deny({
      params: { target: b.peerId },
      body: { minutes: 5, reason: 'onderhoud' },
    })
    expect(denial).toMatchObject({
      kind: 'peer',
      source: 'operator',
      reason: 'onderhoud',
      closed: 1,
    })
    await waitFor(async () => (await a.client.listPeers()).peers.length === 0, {
      what: 'the connection closed',
    })
    // b cannot come back, and a does not dial b
    await b.client.connectPeer({ body: { address: a.address } }).catch(() => undefined)
    await waitFor(async () => (await b.client.listPeers()).peers.length === 0, {
      what: 'b refused by a',
    })
    expect((await dialFrom(a, b.address)).status).toBe(502)
    // a bad target is a 400 naming what is expected
    const bad = await fetch(`${a.url}/v1/denied/not-a-peer`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${a.token}` },
    })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/peer id/)

    await a.client.liftDenial({ params: { target: b.peerId } })
    expect((await a.client.listDenials()).denied).toEqual([])
    await network.connect(0, 1)
    expect((await a.client.listPeers()).peers.map((peer) => peer.peerId)).toEqual([b.peerId])
  }, 60_000)
})
