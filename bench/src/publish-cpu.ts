/**
 * The store's share of an HTTP publish, without HTTP: CPU time per record of publishes
 * that share group commits as concurrent requests do (50 at a time, each its own
 * `publishMany([record], { refuseDuplicates: true })`, as `POST /v1/records` calls it),
 * after 1,000 that let V8 compile the path. In process and without other processes, so it
 * moves far less with the machine's load than the HTTP figure: the one to compare two
 * builds of the store and the record model by.
 *
 *   node bench/src/publish-cpu.ts [--baseline <another worktree's root>] [--repeat n] [--search]
 *
 * `--search`: with the node's search service following the store (as in the daemon), so the
 * figure includes indexing each record.
 *
 * With a baseline, each repeat runs this tree, then that one's built store, each in a
 * process of its own, with the V8 flags of that tree's daemon.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Store as StoreClass } from '@polder/store'
import { alternateTrees, storeOfTree } from './alternate-trees.ts'
import { fixtureTexts, variedPractice } from './records.ts'

const CONCURRENT = 50
const WARM_UP = 1_000
const MEASURED = 3_000

/** What is used here of the node's search service (not part of the node package's exports). */
interface SearchServiceModule {
  readonly SearchService: {
    open(
      store: StoreClass,
      home: string,
      logger: unknown,
    ): { readonly status: unknown; close(): Promise<void> }
  }
}

/** The node's search service of the tree at `root`, following `store` (closed by the caller). */
async function searchService(root: string, store: StoreClass, home: string) {
  const { SearchService } = (await import(
    pathToFileURL(join(root, 'node/dist/parts/search.js')).href
  )) as SearchServiceModule
  // the node's own logger library, silent: the bench has no dependency on it
  const pinoPath = createRequire(join(root, 'node/package.json')).resolve('pino')
  const { pino } = (await import(pathToFileURL(pinoPath).href)) as {
    pino(options: { level: string }): unknown
  }
  return SearchService.open(store, home, pino({ level: 'silent' }))
}

/**
 * CPU microseconds per record publishing with the store built in the tree at `root` (with
 * its node's search service following the store when `search`).
 */
async function cpuPerRecord(root: string, search: boolean): Promise<number> {
  const { loadOrCreateKey, Store } = await storeOfTree(root)
  const home = await mkdtemp(join(tmpdir(), 'polder-publish-cpu-'))
  let store: StoreClass | undefined
  let service: { readonly status: unknown; close(): Promise<void> } | undefined
  try {
    const { key } = await loadOrCreateKey(home)
    store = await Store.open({ home, key })
    if (search) service = await searchService(root, store, home)
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
    // reading the service's status indexes what waits: all of the warm-up before the clock,
    // all of the measured records within it
    await publishFrom(0)
    void service?.status
    const start = process.cpuUsage()
    await publishFrom(WARM_UP)
    void service?.status
    const used = process.cpuUsage(start)
    return (used.user + used.system) / MEASURED
  } finally {
    await service?.close()
    await store?.stop()
    await rm(home, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  await alternateTrees(
    import.meta.url,
    async (root, switches) => ({
      cpuUsPerRecord: await cpuPerRecord(root, switches.has('search')),
    }),
    ['search'],
  )
}
