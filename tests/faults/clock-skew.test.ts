/**
 * Peers whose clocks are a day off (one ahead, one behind) publish: their records carry
 * `created`/`updated` a day in the future or the past. Replication must work in every
 * direction, and the follower keeps the timestamps as their author signed them (it does
 * not check them against its own clock: they are the author's claim, like any field).
 */
import { clockOffset, TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const DAY = 24 * 60 * 60 * 1000

const practice = (title: string) => ({
  kind: 'practice',
  languages: ['en'],
  title: { en: title },
  status: 'pilot',
})

interface Stored {
  readonly id: string
  readonly created: string
  readonly updated: string
}

async function recordsOf(node: TestNode, author: string): Promise<Stored[]> {
  const { records } = await node.client.listRecords({ query: { author, limit: 100 } })
  return records
}

describe('a peer whose clock is a day off', () => {
  it('replicates both ways; followers keep the timestamps as signed', async () => {
    const offsets = [0, DAY, -DAY]
    await using network = await TestNetwork.create({
      nodes: 3,
      topology: 'full',
      follow: 'all',
      node: (index) => ({ env: { NODE_OPTIONS: clockOffset(offsets[index] ?? 0) } }),
    })
    const nodes = network.nodes
    const published = new Map<string, number>()
    for (const node of nodes) {
      const before = Date.now()
      await node.publish(Array.from({ length: 20 }, (_, i) => practice(`${node.name} bulk ${i}`)))
      const [single] = await node.publish([practice(`${node.name} single`)])
      // an edit too: a later version from the skewed clock
      await node.client.editRecord({
        params: { id: single?.id as string },
        body: { title: { en: `${node.name} edited` } },
      })
      published.set(node.did, before)
    }
    for (const [i, reader] of nodes.entries()) {
      for (const [j, author] of nodes.entries()) {
        if (i === j) continue
        await waitFor(async () => (await reader.count(author.did)) === 21, {
          what: `${author.name}'s 21 records at ${reader.name}`,
          timeoutMs: 30_000,
        })
        await waitFor(
          async () => (await recordsOf(reader, author.did)).some((r) => r.updated !== r.created),
          { what: `${author.name}'s edit at ${reader.name}`, timeoutMs: 30_000 },
        )
      }
    }
    // the timestamps arrive as the author's clock made them: a day ahead, a day behind
    const reader = nodes[0] as TestNode
    for (const [j, author] of nodes.entries()) {
      if (j === 0) continue
      const expected = (published.get(author.did) ?? 0) + (offsets[j] ?? 0)
      for (const record of await recordsOf(reader, author.did)) {
        expect(Math.abs(Date.parse(record.created) - expected)).toBeLessThan(60_000)
        expect(Date.parse(record.updated)).toBeGreaterThanOrEqual(Date.parse(record.created))
      }
    }
    // and the skewed nodes know each other from their announcements
    const orgs = await reader.client.listOrgs()
    for (const node of nodes) expect(orgs.organizations.map((o) => o.did)).toContain(node.did)
  }, 120_000)
})
