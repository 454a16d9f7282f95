/**
 * Floods one node with invalid gossip from rogue peers, one after another, each with a
 * fresh key: garbage on both topics (not CBOR, wrong shapes, 400 KiB messages) and
 * announcements forged in random organisations' names. For the memory-ceiling fault test
 * and `pnpm bench --faults`.
 */
import { randomBytes } from 'node:crypto'
import { didFromEd25519PublicKey } from '@polder/schema'
import { RogueNode } from './rogue.js'
import { waitFor } from './test-network.js'
import type { TestNode } from './test-node.js'

export interface FloodOptions {
  readonly rogues: number
  /** Rounds of garbage per rogue, each followed by 20 forged announcements. */
  readonly rounds: number
}

export interface FloodReport {
  /** Gossip messages sent. */
  readonly messages: number
  /** Offences the node counted against the rogues. */
  readonly offences: number
}

export async function floodWithGarbage(
  node: TestNode,
  options: FloodOptions,
): Promise<FloodReport> {
  let messages = 0
  let offences = 0
  for (let r = 0; r < options.rogues; r++) {
    const rogue = await RogueNode.create()
    try {
      await node.client.connectPeer({ body: { address: rogue.address } })
      // gossip reaches the node once the rogue knows its subscriptions
      await waitFor(
        () =>
          rogue.network.libp2p.services.pubsub.getSubscribers('/polder/nl-smart-city/heads/1.0.0')
            .length > 0,
        { what: 'the rogue to see the honest subscription' },
      )
      for (let round = 0; round < options.rounds; round++) {
        await rogue.sendGarbage()
        messages += 6
        for (let i = 0; i < 20; i++) {
          await rogue.forgeAnnouncement(didFromEd25519PublicKey(randomBytes(32)), `Nep ${i}`)
          messages++
        }
      }
      const peer = rogue.network.libp2p.peerId.toString()
      const { offenders } = await node.client.listPeers()
      offences += offenders.find((o) => o.peer === peer)?.offences ?? 0
    } finally {
      await rogue.dispose()
    }
  }
  return { messages, offences }
}
