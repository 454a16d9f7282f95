/**
 * The search index's share of a publish, alone: CPU time per state of indexing the bench's
 * varied practices in batches of `BATCH`, as a node's follower hands them over (one batch
 * per 100 ms window: ~100 states at 1,000 records/s), its deferred commit running as in the
 * node (every 500 states). After 2,000 states that let V8 compile the path; each tree in a
 * process of its own, alternated (alternate-trees.ts).
 *
 *   node bench/src/index-windows.ts [--baseline <another worktree's root>] [--repeat n]
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RecordState } from '@polder/schema'
import { alternateTrees } from './alternate-trees.ts'
import { fixtureTexts, variedPractice } from './records.ts'

const BATCH = 100
const WARM_UP = 2_000
const MEASURED = 6_000
const AUTHOR = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'

/** The bench's practices as valid states, made with the schema of the tree at `root`. */
async function statesOf(root: string): Promise<RecordState[]> {
  const schema = (await import(
    pathToFileURL(join(root, 'packages/schema/dist/index.js')).href
  )) as typeof import('@polder/schema')
  const texts = fixtureTexts()
  const start = Date.parse('2026-12-07T12:00:00Z')
  return Array.from({ length: WARM_UP + MEASURED }, (_, n) => {
    const result = schema.validateDraft(variedPractice(n, texts), {
      author: AUTHOR,
      now: new Date(start + n),
    })
    if (!result.ok) throw new Error(`practice ${n} is not valid`)
    return result.value
  })
}

async function cpuPerState(root: string): Promise<number> {
  const { SearchIndex } = (await import(
    pathToFileURL(join(root, 'packages/search/dist/index.js')).href
  )) as typeof import('@polder/search')
  const states = await statesOf(root)
  const dir = await mkdtemp(join(tmpdir(), 'polder-index-windows-'))
  const { index } = SearchIndex.open({ path: join(dir, 'search.sqlite'), records: () => undefined })
  try {
    const feed = (from: number, to: number) => {
      for (let i = from; i < to; i += BATCH) index.applyMany(states.slice(i, i + BATCH))
    }
    feed(0, WARM_UP)
    const start = process.cpuUsage()
    feed(WARM_UP, WARM_UP + MEASURED)
    const used = process.cpuUsage(start)
    return (used.user + used.system) / MEASURED
  } finally {
    index.close()
    await rm(dir, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  await alternateTrees(import.meta.url, async (root) => ({
    cpuUsPerState: await cpuPerState(root),
  }))
}
