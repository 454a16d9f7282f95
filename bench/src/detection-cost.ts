/**
 * What the propagation bench's detection of "searchable" costs the node it asks: one node
 * holding `records` of the bench's practices answers the search the bench asks for each
 * record, `rounds` times over, asked one after another, each way of asking in turn; the
 * node's CPU (all threads, /proc) per search. `node bench/src/detection-cost.ts [records]
 * [rounds]`.
 */
import { TestNetwork } from '@polder/testnet'
import { processCpu } from './process-cpu.ts'
import { practice } from './records.ts'

/**
 * `full`: the propagation bench's search (rounds 4-16): up to 100 hits, the kind facet
 * counted; `lean`: the same words, 5 hits, no facet. The record is among a few hits either way.
 */
const DETECTION_QUERIES = ['full', 'lean'] as const
type DetectionQuery = (typeof DETECTION_QUERIES)[number]
const detectionQuery = (way: DetectionQuery, words: string) =>
  way === 'full' ? { q: words, limit: 100, facets: 'kind' } : { q: words, limit: 5, facets: '' }

const records = Number(process.argv[2] ?? 200)
const rounds = Number(process.argv[3] ?? 5)
const network = await TestNetwork.create({ nodes: 1 })
try {
  const node = network.node(0)
  const published = await node.publish(Array.from({ length: records }, (_, n) => practice(n)))
  const perSearch: Record<DetectionQuery, number[]> = { full: [], lean: [] }
  for (let round = 0; round < rounds; round++) {
    for (const way of DETECTION_QUERIES) {
      const before = await processCpu(node.pid)
      for (const [n, record] of published.entries()) {
        const result = await node.client.searchRecords({
          query: detectionQuery(way, `lantaarnpalen wijk ${n}`),
        })
        if (!result.hits.some((hit) => hit.id === record.id))
          throw new Error(`${way}: record ${n} not found`)
      }
      perSearch[way].push((((await processCpu(node.pid)) - before) * 1000) / published.length)
    }
  }
  for (const way of DETECTION_QUERIES)
    process.stdout.write(
      `${way}: node CPU ms per search ${perSearch[way].map((ms) => ms.toFixed(3)).join(' ')}\n`,
    )
} finally {
  await network.dispose()
}
