/**
 * What a follower writes to SQLite per live update, by table: a follower's store and
 * search index as the node wires them (the index following the store's events), joining
 * the publisher's log one live heads message at a time (the newest entry and the three
 * before it); the WAL frames each update appends, read from the WAL files and attributed
 * to the table or index owning each page (`dbstat`), with the process's write system
 * calls and bytes (`/proc/self/io`) and CPU time.
 *
 *   node bench/src/live-write-pages.ts [--records n] [--search] [--tree <another worktree's root>]
 *
 * `--search`: a search for each update's record after it, as the propagation bench asks.
 */
import { open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { SearchIndex as Index } from '@polder/search'
import { liveFollower } from './live-follower.ts'
import { type ProcessIo, processIo } from './process-cpu.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BULK = 50
const PUSHED = 4
const WAL_HEADER = 32
const FRAME_HEADER = 24

/** Reads the frames a WAL gained since the last call: page numbers and commits. */
class WalReader {
  readonly #path: string
  #salt = ''
  #offset = WAL_HEADER
  readonly pages: number[] = []
  commits = 0

  constructor(path: string) {
    this.#path = path
  }

  async read(): Promise<void> {
    const file = await open(this.#path, 'r').catch(() => undefined)
    if (file === undefined) return
    try {
      const bytes = await file.readFile()
      if (bytes.length < WAL_HEADER) return
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      const pageSize = view.getUint32(8)
      const salt = bytes.subarray(16, 24).toString('hex')
      // a checkpoint restarted the WAL: its frames begin again after the header
      if (salt !== this.#salt) {
        this.#salt = salt
        this.#offset = WAL_HEADER
      }
      while (this.#offset + FRAME_HEADER + pageSize <= bytes.length) {
        const frameSalt = bytes.subarray(this.#offset + 8, this.#offset + 16).toString('hex')
        if (frameSalt !== salt) break
        this.pages.push(view.getUint32(this.#offset))
        if (view.getUint32(this.#offset + 4) !== 0) this.commits++
        this.#offset += FRAME_HEADER + pageSize
      }
    } finally {
      await file.close()
    }
  }
}

/** Frames by the table or index owning each page. */
function byTable(path: string, pages: readonly number[]): Record<string, number> {
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    const owner = new Map<number, string>()
    for (const row of db.prepare('SELECT name, pageno FROM dbstat').all())
      owner.set(Number(row.pageno), String(row.name))
    const counts: Record<string, number> = {}
    for (const page of pages) {
      const name = owner.get(page) ?? `page ${page}`
      counts[name] = (counts[name] ?? 0) + 1
    }
    return counts
  } finally {
    db.close()
  }
}

async function measure(root: string, records: number, search: boolean): Promise<unknown> {
  const { SearchIndex, follow } = (await import(
    pathToFileURL(join(root, 'packages/search/dist/index.js')).href
  )) as typeof import('@polder/search')
  let opened: { index: Index; following: () => void; searchPath: string } | undefined
  const { publisher, follower, homes, entries, close } = await liveFollower(
    root,
    records,
    BULK,
    (store, home) => {
      // the index follows the follower's store from the start, as in the node
      const searchPath = join(home, 'search.sqlite')
      const { index } = SearchIndex.open({
        path: searchPath,
        records: (author, id, version) => store.version(author, id, version),
      })
      opened = { index, following: follow(store, index), searchPath }
    },
  )
  if (opened === undefined) throw new Error('no search index')
  const { index, following, searchPath } = opened
  try {
    await new Promise((resolve) => setImmediate(resolve))
    const storeWal = new WalReader(join(homes[1], 'state.sqlite-wal'))
    const searchWal = new WalReader(`${searchPath}-wal`)
    await storeWal.read()
    await searchWal.read()
    storeWal.pages.length = 0
    searchWal.pages.length = 0
    storeWal.commits = 0
    searchWal.commits = 0
    let cpu = 0
    let sys = 0
    let io: ProcessIo = await processIo(process.pid)
    const totals = { syscw: 0, wchar: 0 }
    for (let i = BULK; i < records; i++) {
      const pushed = entries.slice(Math.max(0, i + 1 - PUSHED), i + 1)
      const start = process.cpuUsage()
      await follower.joinSegment(publisher.did, { entries: pushed, identities: [] }, { from: 'a' })
      await new Promise((resolve) => setImmediate(resolve))
      // as the propagation bench asks each follower: a search for the record's words
      if (search) index.search({ text: `lantaarnpalen wijk ${i}`, limit: 100 })
      const used = process.cpuUsage(start)
      cpu += used.user + used.system
      sys += used.system
      const after = await processIo(process.pid)
      totals.syscw += after.syscw - io.syscw
      totals.wchar += after.wchar - io.wchar
      // the WALs are read between updates: checkpoints restart them
      await storeWal.read()
      await searchWal.read()
      io = await processIo(process.pid)
    }
    following()
    // the index commits its writes a while after them: wait for that commit, and read it
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    await searchWal.read()
    const updates = records - BULK
    const per = (counts: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(counts)
          .sort((a, b) => b[1] - a[1])
          .map(([name, count]) => [name, Math.round((count / updates) * 100) / 100]),
      )
    const result = {
      tree: root,
      cpuUsPerUpdate: Math.round(cpu / updates),
      systemUsPerUpdate: Math.round(sys / updates),
      writesPerUpdate: totals.syscw / updates,
      kbWrittenPerUpdate: Math.round(totals.wchar / updates / 102.4) / 10,
      store: {
        framesPerUpdate: storeWal.pages.length / updates,
        commitsPerUpdate: storeWal.commits / updates,
        byTable: per(byTable(join(homes[1], 'state.sqlite'), storeWal.pages)),
      },
      search: {
        framesPerUpdate: searchWal.pages.length / updates,
        commitsPerUpdate: searchWal.commits / updates,
        byTable: per(byTable(searchPath, searchWal.pages)),
      },
    }
    index.close()
    return result
  } finally {
    await close()
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '250' },
      tree: { type: 'string' },
      search: { type: 'boolean', default: false },
    },
  })
  const result = await measure(values.tree ?? ROOT, Number(values.records), values.search)
  const load = (await readFile('/proc/loadavg', 'utf8')).split(' ')[0]
  process.stdout.write(`${JSON.stringify({ load, ...(result as object) }, null, 1)}\n`)
}
