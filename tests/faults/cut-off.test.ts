/**
 * A peer cut off for offences stays cut off for a while: it cannot dial again at once
 * (before, a cut-off peer reconnected immediately and went on), and the node does not dial
 * it either.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { RogueNode, TestNetwork, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

describe('a peer cut off for its offences', () => {
  it('cannot connect again at once, in either direction', async () => {
    await using network = await TestNetwork.create({ nodes: 1 })
    const node = network.node(0)
    await using rogue = await RogueNode.create()
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
    const dial = await fetch(`${node.url}/v1/peers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ address: rogue.address }),
    })
    expect(dial.status).toBe(502)
    expect(await dial.json()).toMatchObject({ detail: expect.stringMatching(/gater/) })
  }, 60_000)
})
