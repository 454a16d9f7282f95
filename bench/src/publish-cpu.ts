/**
 * The store's share of an HTTP publish, without HTTP: CPU time per record of publishes
 * that share group commits as concurrent requests do (50 at a time, each its own
 * `publishMany([record], { refuseDuplicates: true })`, as `POST /v1/records` calls it),
 * after 1,000 that let V8 compile the path. In process and without other processes, so it
 * moves far less with the machine's load than the HTTP figure: the one to compare two
 * builds of the store and the record model by.
 *
 *   node bench/src/publish-cpu.ts [--baseline <another worktree's root>] [--repeat n]
 *
 * With a baseline, each repeat runs this tree, then that one's built store, each in a
 * process of its own, with the V8 flags of that tree's daemon.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store as StoreClass } from '@polder/store'
import { alternateTrees, storeOfTree } from './alternate-trees.ts'
import { fixtureTexts, variedPractice } from './records.ts'

const CONCURRENT = 50
const WARM_UP = 1_000
const MEASURED = 3_000

/** CPU microseconds per record publishing with the store built in the tree at `root`. */
async function cpuPerRecord(root: string): Promise<number> {
  const { loadOrCreateKey, Store } = await storeOfTree(root)
  const home = await mkdtemp(join(tmpdir(), 'polder-publish-cpu-'))
  let store: StoreClass | undefined
  try {
    const { key } = await loadOrCreateKey(home)
    store = await Store.open({ home, key })
    const opened = store
    const texts = fixtureTexts()
    const inputs = Array.from({ length: WARM_UP + MEASURED }, (_, n) => variedPractice(n, texts))
    const publishFrom = async (first: number) => {
      for (let i = first; i < first + (first === 0 ? WARM_UP : MEASURED); i += CONCURRENT) {
        await Promise.all(
          inputs
            .slice(i, i + CONCURRENT)
            .map((record) => opened.publishMany([record], { refuseDuplicates: true })),
        )
      }
    }
    await publishFrom(0)
    const start = process.cpuUsage()
    await publishFrom(WARM_UP)
    const used = process.cpuUsage(start)
    return (used.user + used.system) / MEASURED
  } finally {
    await store?.stop()
    await rm(home, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  await alternateTrees(import.meta.url, async (root) => ({
    cpuUsPerRecord: await cpuPerRecord(root),
  }))
}
