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
import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { Store as StoreClass } from '@polder/store'
import { nodeFlags } from './daemon.ts'
import { fixtureTexts, variedPractice } from './records.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
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
  // the store of another tree: the same API, so this tree's types describe it
  const { loadOrCreateKey, Store } = (await import(
    pathToFileURL(join(root, 'packages/store/dist/index.js')).href
  )) as typeof import('@polder/store')
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
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string' },
      repeat: { type: 'string', default: '3' },
      // the measurement itself, in this process: what each repeat spawns
      tree: { type: 'string' },
      search: { type: 'boolean', default: false },
    },
  })
  if (values.tree !== undefined) {
    process.stdout.write(
      `${JSON.stringify({ cpuUsPerRecord: await cpuPerRecord(values.tree, values.search) })}\n`,
    )
  } else {
    const trees = [ROOT, ...(values.baseline === undefined ? [] : [values.baseline])]
    for (let repeat = 0; repeat < Number(values.repeat); repeat++) {
      for (const tree of trees) {
        // the flags that tree's daemon runs with: the young generation decides much of the figure
        const flags = await nodeFlags(join(tree, 'node/bundle/bin.js'))
        const run = spawnSync(
          process.execPath,
          [
            ...flags,
            fileURLToPath(import.meta.url),
            '--tree',
            tree,
            ...(values.search ? ['--search'] : []),
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
        )
        if (run.status !== 0) throw new Error(`the run on ${tree} exited with ${run.status}`)
        const { cpuUsPerRecord } = JSON.parse(run.stdout) as { cpuUsPerRecord: number }
        process.stdout.write(`${JSON.stringify({ tree, cpuUsPerRecord })}\n`)
      }
    }
  }
}
