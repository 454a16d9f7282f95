/**
 * The memory ceiling, POLDER_MEMORY_LIMIT (512 MiB by default): a node's resident memory
 * stays under it during a flood of invalid gossip and forged announcements from rogue
 * peers with fresh keys, and the node warns in its log when its memory nears the limit.
 */

import { randomBytes } from 'node:crypto'
import { didFromEd25519PublicKey } from '@polder/schema'
import { RogueNode, rssMb, TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const LIMIT_MIB = 512

interface Peers {
  offenders: { peer: string; offences: number }[]
}

async function connect(node: TestNode, rogue: RogueNode): Promise<void> {
  await node.api('POST', '/v1/peers', { address: rogue.address })
  await waitFor(
    () =>
      rogue.network.libp2p.services.pubsub.getSubscribers('/polder/nl-smart-city/heads/1.0.0')
        .length > 0,
    { what: 'the rogue to see the honest subscription' },
  )
}

/** Peak RSS of a process, sampled every 100 ms until stopped. */
function sampleRss(pid: number) {
  let peak = 0
  let running = true
  const done = (async () => {
    while (running) {
      peak = Math.max(peak, await rssMb(pid))
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  })()
  return {
    stop: async () => {
      running = false
      await done
      return peak
    },
  }
}

describe('the memory ceiling', () => {
  it(`keeps RSS under ${LIMIT_MIB} MiB during a flood of invalid gossip and forged announcements`, async () => {
    await using network = await TestNetwork.create({
      nodes: 1,
      node: { env: { POLDER_MEMORY_LIMIT: String(LIMIT_MIB) } },
    })
    const node = network.node(0)
    const rss = sampleRss(node.pid)
    let offences = 0
    try {
      // five rogues one after another, each with a fresh key
      for (let r = 0; r < 5; r++) {
        await using rogue = await RogueNode.create()
        await connect(node, rogue)
        for (let round = 0; round < 20; round++) {
          await rogue.sendGarbage()
          for (let i = 0; i < 20; i++) {
            await rogue.forgeAnnouncement(didFromEd25519PublicKey(randomBytes(32)), `Nep ${i}`)
          }
        }
        const peers = await node.api<Peers>('GET', '/v1/peers')
        offences +=
          peers.offenders.find((o) => o.peer === rogue.network.libp2p.peerId.toString())
            ?.offences ?? 0
      }
    } finally {
      const peak = await rss.stop()
      expect(peak, `peak RSS ${peak.toFixed(0)} MiB`).toBeLessThan(LIMIT_MIB)
    }
    // the flood reached the node and was refused, and it is still serving
    expect(offences).toBeGreaterThan(0)
    expect((await fetch(`${node.url}/health`)).status).toBe(200)
    expect(node.output).not.toContain('memory near its limit')
  }, 120_000)

  it('warns in its log when its resident memory nears the limit', async () => {
    // a node uses more than 64 MiB idle: over 90% of this limit at once
    await using network = await TestNetwork.create({
      nodes: 1,
      node: { env: { POLDER_MEMORY_LIMIT: '64' } },
    })
    const node = network.node(0)
    await waitFor(() => node.output.includes('memory near its limit (POLDER_MEMORY_LIMIT)'), {
      what: 'the memory warning',
      timeoutMs: 15_000,
    })
    expect(node.output).toMatch(/"memoryLimitMiB":64/)
  }, 60_000)
})
