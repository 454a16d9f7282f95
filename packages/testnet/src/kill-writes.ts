/**
 * kill -9 under writes, again and again: single-record writers and a bulk writer publish
 * to one node until it is killed; then its files are checked as it left them (integrity,
 * every acknowledged record there, every bulk whole or absent) and, after the restart,
 * its search index against its records. For the fault test and `pnpm bench --faults`.
 */
import { join } from 'node:path'
import { integrityOf, storedTitles } from './state-check.js'
import { waitFor } from './test-network.js'
import type { TestNode } from './test-node.js'

export interface KillOptions {
  readonly kills: number
  /** Records in each bulk publish. @default 1000 */
  readonly bulkSize?: number
  /** Single-record writers running beside the bulk writer. @default 2 */
  readonly singleWriters?: number
  /** The kill falls this many ms after the writers start, at random. @default [200, 1500] */
  readonly delayMs?: readonly [number, number]
  readonly seed?: number
  readonly onRound?: (round: number, report: KillReport) => void
}

export interface KillReport {
  readonly kills: number
  /** Records whose publish was answered 201 (singles and bulks). */
  readonly acknowledged: number
  /** Acknowledged records missing after the kill. */
  readonly lost: number
  /** Bulks sent; bulks stored whole; bulks answered 201; bulks stored in part. */
  readonly bulks: number
  readonly wholeBulks: number
  readonly acknowledgedBulks: number
  readonly partialBulks: number
  /** Kills after which `PRAGMA integrity_check` of state.sqlite or search.sqlite was not ok. */
  readonly integrityFailures: readonly string[]
  /** Restarts after which the search index did not hold exactly the node's records. */
  readonly searchMismatches: readonly string[]
  /** Restart (spawn to API up) after each kill, ms. */
  readonly restartMs: readonly number[]
}

const record = (title: string) => ({
  kind: 'practice',
  languages: ['en'],
  title: { en: title },
  status: 'pilot',
  themes: ['energy-climate'],
})

async function post(node: TestNode, body: unknown): Promise<Response | undefined> {
  try {
    return await fetch(`${node.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${node.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    })
  } catch {
    return undefined // the connection died with the process
  }
}

/** Waits for the node's search index to be ready and to hold exactly its records. */
async function searchMatches(node: TestNode): Promise<boolean> {
  try {
    await waitFor(
      async () => {
        const status = await node.client.getStatus()
        const search = await node.client.searchRecords({ query: { limit: 1 } })
        return (
          search.index.state === 'ready' &&
          search.index.records === status.records &&
          search.total === status.records
        )
      },
      { what: 'the search index to hold the records', timeoutMs: 60_000, intervalMs: 100 },
    )
    return true
  } catch {
    return false
  }
}

/** Kills `node` (started or not) `kills` times under writes; leaves it running. */
export async function killDuringWrites(node: TestNode, options: KillOptions): Promise<KillReport> {
  const bulkSize = options.bulkSize ?? 1_000
  const [minDelay, maxDelay] = options.delayMs ?? [200, 1_500]
  let seed = options.seed ?? 7
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const acknowledgedSingles = new Map<string, string>()
  const bulks: { title: string; acknowledged: boolean }[] = []
  const integrityFailures: string[] = []
  const searchMismatches: string[] = []
  const restartMs: number[] = []
  let single = 0
  const report = (kills: number): KillReport => {
    const stored = storedTitles(join(node.home, 'state.sqlite'))
    const titles = new Set(stored.values())
    let lost = 0
    for (const [id, title] of acknowledgedSingles) if (stored.get(id) !== title) lost++
    let whole = 0
    let partial = 0
    let acknowledgedBulks = 0
    for (const bulk of bulks) {
      let present = 0
      for (let i = 0; i < bulkSize; i++) if (titles.has(`${bulk.title} #${i}`)) present++
      if (present === bulkSize) whole++
      else if (present > 0) partial++
      if (bulk.acknowledged) {
        acknowledgedBulks++
        lost += bulkSize - present
      }
    }
    return {
      kills,
      acknowledged: acknowledgedSingles.size + acknowledgedBulks * bulkSize,
      lost,
      bulks: bulks.length,
      wholeBulks: whole,
      acknowledgedBulks,
      partialBulks: partial,
      integrityFailures,
      searchMismatches,
      restartMs,
    }
  }

  if (!node.running) await node.start()
  for (let round = 1; round <= options.kills; round++) {
    let writing = true
    const singles = Array.from({ length: options.singleWriters ?? 2 }, async () => {
      while (writing) {
        const title = `single ${single++}`
        const response = await post(node, record(title))
        if (response?.status !== 201) return
        acknowledgedSingles.set(((await response.json()) as { id: string }).id, title)
      }
    })
    const bulkWriter = (async () => {
      while (writing) {
        const bulk = { title: `bulk ${bulks.length}`, acknowledged: false }
        bulks.push(bulk)
        const body = Array.from({ length: bulkSize }, (_, i) => record(`${bulk.title} #${i}`))
        const response = await post(node, body)
        if (response?.status !== 201) return
        await response.arrayBuffer()
        bulk.acknowledged = true
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, minDelay + random() * (maxDelay - minDelay)))
    await node.kill()
    writing = false
    await Promise.all([...singles, bulkWriter])
    for (const file of ['state.sqlite', 'search.sqlite']) {
      const result = integrityOf(join(node.home, file))
      if (result.join() !== 'ok') integrityFailures.push(`kill ${round}, ${file}: ${result.join()}`)
    }
    const afterKill = report(round)
    const started = performance.now()
    await node.start()
    restartMs.push(performance.now() - started)
    if (!(await searchMatches(node))) searchMismatches.push(`restart ${round}`)
    options.onRound?.(round, afterKill)
  }
  return report(options.kills)
}
