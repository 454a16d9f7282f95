/**
 * The memory ceiling, POLDER_MEMORY_LIMIT (512 MiB by default): a node's resident memory
 * stays under it during a flood of invalid gossip and forged announcements from rogue
 * peers with fresh keys, and the node warns in its log when its memory nears the limit.
 */
import { floodWithGarbage, sampleRss, TestNetwork, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const LIMIT_MIB = 512

describe('the memory ceiling', () => {
  it(`keeps RSS under ${LIMIT_MIB} MiB during a flood of invalid gossip and forged announcements`, async () => {
    await using network = await TestNetwork.create({
      nodes: 1,
      node: { env: { POLDER_MEMORY_LIMIT: String(LIMIT_MIB) } },
    })
    const node = network.node(0)
    const rss = sampleRss(node.pid)
    let flood = { messages: 0, offences: 0 }
    try {
      flood = await floodWithGarbage(node, { rogues: 5, rounds: 20 })
    } finally {
      const peak = await rss.stop()
      expect(peak, `peak RSS ${peak.toFixed(0)} MiB`).toBeLessThan(LIMIT_MIB)
    }
    // the flood reached the node and was refused, and the node is still serving
    expect(flood.messages).toBe(5 * 20 * 26)
    expect(flood.offences).toBeGreaterThan(0)
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
