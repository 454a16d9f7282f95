/**
 * The node's libp2p key signs as `@libp2p/crypto`'s does, with one import into node:crypto
 * (the library imported it again for every gossip message), and gossip signed with it is
 * accepted by a peer (gossipsub's strict signing verifies every message).
 */
import * as nodeCrypto from 'node:crypto'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { Uint8ArrayList } from 'uint8arraylist'
import { describe, expect, it, vi } from 'vitest'
import { gossipPeersOf } from '../src/gossip-streams.js'
import { importedOnce } from '../src/signing-key.js'
import { networkPair } from './local-network.js'
import { waitFor } from './wait-for.js'

vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>()
  return { ...actual, createPrivateKey: vi.fn(actual.createPrivateKey) }
})

describe("the node's libp2p key", () => {
  it('signs as the library key does, importing the key once', async () => {
    const key = await generateKeyPair('Ed25519')
    const once = importedOnce(key)
    const imports = vi.mocked(nodeCrypto.createPrivateKey)
    imports.mockClear()
    for (let i = 0; i < 20; i++) {
      const message = nodeCrypto.randomBytes(40 + i)
      const signature = await once.sign(message)
      expect(signature).toEqual(await key.sign(message))
      expect(await key.publicKey.verify(message, signature)).toBe(true)
    }
    const parts = new Uint8ArrayList(Uint8Array.of(1, 2), Uint8Array.of(3))
    expect(await once.sign(parts)).toEqual(await key.sign(Uint8Array.of(1, 2, 3)))
    expect(imports).toHaveBeenCalledTimes(1)
    expect(once.equals(key)).toBe(true)
    expect(once.publicKey.equals(key.publicKey)).toBe(true)
  })

  it('signs gossip that a peer accepts', async () => {
    const imports = vi.mocked(nodeCrypto.createPrivateKey)
    imports.mockClear()
    const pair = await networkPair('signing-key')
    try {
      const { a, b } = pair
      const topic = 'polder/test/signing-key'
      const received: Uint8Array[] = []
      b.libp2p.services.pubsub.addEventListener('message', (event) => {
        if (event.detail.topic === topic) received.push(event.detail.data)
      })
      a.libp2p.services.pubsub.subscribe(topic)
      b.libp2p.services.pubsub.subscribe(topic)
      await a.libp2p.dial(b.libp2p.getMultiaddrs())
      // b's subscription comes on b's stream; a's own to b opens once identify's peer-store
      // write has told gossipsub b's protocols (a LevelDB write): a message before it is lost
      const toB = gossipPeersOf(a.libp2p.services.pubsub)
      await waitFor(
        () =>
          a.libp2p.services.pubsub.getSubscribers(topic).length > 0 &&
          toB.hasOutboundStream(b.libp2p.peerId.toString()),
        'a to see b subscribed, with its stream to b',
      )
      for (let i = 0; i < 5; i++) await a.libp2p.services.pubsub.publish(topic, Uint8Array.of(i))
      await waitFor(() => received.length === 5, 'b to receive the messages')
      expect(received.map((data) => data[0])).toEqual([0, 1, 2, 3, 4])
      // each node's key imported once (for its first signature: the noise handshake), not
      // again for every gossip message
      expect(imports).toHaveBeenCalledTimes(2)
    } finally {
      await pair.stop()
    }
  })
})
