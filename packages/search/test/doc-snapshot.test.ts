/**
 * The doc columns' snapshot taken at a clean close: a reopened index answers exactly as
 * one that read every row, and a snapshot is never used once the index may have changed.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { editRecord, type PolderRecord, retractRecord } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { SearchIndex, type SearchQuery } from '../src/index.js'
import { Corpus, fixtures, tempDir } from './helpers.js'

const BUDGET_MIN = { amount: '500000', currency: 'EUR' }
const QUERIES: SearchQuery[] = [
  {},
  { text: 'warmte' },
  { text: 'energy', sort: 'date' },
  { filters: { kind: ['initiative'] }, sort: 'budget' },
  { budget: { min: BUDGET_MIN }, sort: 'budget', limit: 100 },
]

const answers = (index: SearchIndex) => QUERIES.map((query) => index.search(query))

/** The snapshot's parts in `path`: its header row in the index file, and the arrays' file. */
const snapshotParts = (path: string): number => {
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    const table = db
      .prepare("SELECT 1 AS found FROM sqlite_schema WHERE name = 'doc_snapshot'")
      .get()
    const rows =
      table === undefined
        ? 0
        : Number(db.prepare('SELECT count(*) AS n FROM doc_snapshot').get()?.n)
    return rows + (existsSync(`${path}-columns`) ? 1 : 0)
  } finally {
    db.close()
  }
}

/** An index built from the fixtures in `dir` and closed cleanly (so with its snapshot), and its answers. */
function closedWithSnapshot(dir: string) {
  const path = join(dir, 'search.sqlite')
  const states = fixtures()
  const corpus = new Corpus(states)
  const first = SearchIndex.open({ path, records: corpus.load })
  first.index.rebuild(states)
  const expected = answers(first.index)
  first.index.close()
  return { path, states, corpus, expected }
}

describe('the doc columns snapshot', () => {
  it('is written at a clean close, read at open (answers as from the rows), replaced at the next', async () => {
    const dir = await tempDir()
    try {
      const { path, states, corpus, expected } = closedWithSnapshot(dir)
      expect(snapshotParts(path)).toBe(2) // the header in the index, the arrays beside it

      const again = SearchIndex.open({ path, records: corpus.load })
      expect(again.needsRebuild).toBe(false)
      // kept: dropping it read its pages again at every start; the file is marked open, so
      // only the next clean close (which replaces it) makes it readable again
      expect(snapshotParts(path)).toBeGreaterThan(0)
      expect(answers(again.index)).toEqual(expected)
      // and it keeps indexing on top of the restored columns
      const practice = states.find((s): s is PolderRecord => s.kind === 'practice')
      if (practice === undefined) throw new Error('no practice')
      const edited = editRecord(practice, {
        title: { ...practice.title, en: 'Zyxwvut heat pumps' },
      })
      corpus.add(edited)
      again.index.apply({ state: edited })
      expect(again.index.search({ text: 'Zyxwvut' }).total).toBe(1)
      const afterEdit = answers(again.index)
      again.index.close()

      const third = SearchIndex.open({ path, records: corpus.load })
      expect(answers(third.index)).toEqual(afterEdit)
      third.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is never read from an index opened and not closed (a crash): that one is rebuilt', async () => {
    const dir = await tempDir()
    try {
      const { path, corpus } = closedWithSnapshot(dir)
      const crashed = SearchIndex.open({ path, records: corpus.load })
      expect(crashed.needsRebuild).toBe(false)
      const next = SearchIndex.open({ path, records: corpus.load })
      expect(next.needsRebuild).toBe(true)
      expect(snapshotParts(path)).toBe(0)
      next.index.close()
      crashed.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is dropped by a clean close that cannot write a new one: the rows are read, with its changes', async () => {
    const dir = await tempDir()
    try {
      const { path, states, corpus } = closedWithSnapshot(dir)
      const again = SearchIndex.open({ path, records: corpus.load })
      // the close's snapshot fails (as on a full disk); the clean mark is still written
      const db = new DatabaseSync(path)
      db.exec(
        "CREATE TRIGGER no_snapshot BEFORE INSERT ON doc_snapshot BEGIN SELECT RAISE(ABORT, 'full'); END",
      )
      db.close()
      // a change that adds no row, so the last snapshot would still fit the rows
      const first = states.find((s): s is PolderRecord => s.kind === 'practice')
      if (first === undefined) throw new Error('no practice')
      again.index.remove(first.author, first.id)
      const afterRemove = answers(again.index)
      again.index.close()
      expect(snapshotParts(path)).toBe(0)

      const next = SearchIndex.open({ path, records: corpus.load })
      expect(next.needsRebuild).toBe(false)
      expect(answers(next.index)).toEqual(afterRemove)
      next.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('of an older layout (1, without the facet sets) is ignored: the columns are read from the rows', async () => {
    const dir = await tempDir()
    try {
      const { path, corpus, expected } = closedWithSnapshot(dir)
      // as a build of layout 1 left it: its header, no facet sets
      const db = new DatabaseSync(path)
      const row = db.prepare("SELECT bytes FROM doc_snapshot WHERE part = 'header'").get()
      const header = JSON.parse(Buffer.from(row?.bytes as Uint8Array).toString('utf8'))
      const { sets: _s, setPoolUsed: _u, ...older } = { ...header, version: 1 }
      db.prepare("UPDATE doc_snapshot SET bytes = ? WHERE part = 'header'").run(
        Buffer.from(JSON.stringify(older)),
      )
      db.exec(
        "DELETE FROM doc_snapshot WHERE part IN ('facetSet', 'setStart', 'setCount', 'setPool')",
      )
      db.close()
      const again = SearchIndex.open({ path, records: corpus.load })
      expect(again.needsRebuild).toBe(false)
      expect(answers(again.index)).toEqual(expected)
      again.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is ignored when it does not fit the rows (the columns are read from them)', async () => {
    const dir = await tempDir()
    try {
      const { path, corpus, expected } = closedWithSnapshot(dir)
      // a snapshot of other sizes: as if written by another build over other rows
      truncateSync(`${path}-columns`, 3)
      const again = SearchIndex.open({ path, records: corpus.load })
      expect(answers(again.index)).toEqual(expected)
      again.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is ignored when its arrays are those of another close (the rows are read, with the changes)', async () => {
    const dir = await tempDir()
    try {
      const { path, states, corpus } = closedWithSnapshot(dir)
      copyFileSync(`${path}-columns`, join(dir, 'older-columns'))
      const again = SearchIndex.open({ path, records: corpus.load })
      // a change that adds no row, so the older arrays would still fit the rows
      const first = states.find((s): s is PolderRecord => s.kind === 'practice')
      if (first === undefined) throw new Error('no practice')
      again.index.remove(first.author, first.id)
      const afterRemove = answers(again.index)
      again.index.close()
      copyFileSync(join(dir, 'older-columns'), `${path}-columns`)

      const next = SearchIndex.open({ path, records: corpus.load })
      expect(next.needsRebuild).toBe(false)
      expect(answers(next.index)).toEqual(afterRemove)
      next.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is found at open and read at the first search: the count before comes from it', async () => {
    const dir = await tempDir()
    try {
      const { path, corpus, expected } = closedWithSnapshot(dir)
      const again = SearchIndex.open({ path, records: corpus.load })
      expect(again.index.columnsLoaded).toBe(false)
      expect(again.index.size).toBe(expected[0]?.total)
      expect(answers(again.index)).toEqual(expected)
      expect(again.index.columnsLoaded).toBe(true)
      expect(again.index.size).toBe(expected[0]?.total)
      again.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is read before the first write, which then answers as on columns read at open', async () => {
    const dir = await tempDir()
    try {
      const { path, states, corpus } = closedWithSnapshot(dir)
      const copy = join(dir, 'copy')
      mkdirSync(copy)
      for (const file of ['search.sqlite', 'search.sqlite-columns'])
        copyFileSync(join(dir, file), join(copy, file))
      const practices = states.filter((s): s is PolderRecord => s.kind === 'practice')
      const [edit, retract] = practices
      if (edit === undefined || retract === undefined) throw new Error('no practices')
      const edited = editRecord(edit, { title: { ...edit.title, en: 'Zyxwvut heat pumps' } })
      const tombstone = retractRecord(retract, { en: 'Withdrawn' })
      corpus.add(edited)
      const writes = (index: SearchIndex) => {
        index.apply({ state: edited })
        index.apply({ state: tombstone })
        return answers(index)
      }
      const readFirst = SearchIndex.open({
        path: join(copy, 'search.sqlite'),
        records: corpus.load,
      })
      expect(readFirst.index.loadColumns()).toBe(true) // as every open did before
      const expected = writes(readFirst.index)
      readFirst.index.close()

      const deferred = SearchIndex.open({ path, records: corpus.load })
      expect(deferred.index.columnsLoaded).toBe(false)
      expect(writes(deferred.index)).toEqual(expected)
      expect(deferred.index.search({ text: 'Zyxwvut' }).total).toBe(1)
      deferred.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('is kept as it was by a close of an index never used, and found by the next open', async () => {
    const dir = await tempDir()
    try {
      const { path, corpus, expected } = closedWithSnapshot(dir)
      const written = readFileSync(`${path}-columns`)
      const unused = SearchIndex.open({ path, records: corpus.load })
      unused.index.close()
      // not written again (from columns it never read): the same arrays, the same token
      expect(readFileSync(`${path}-columns`).equals(written)).toBe(true)
      const next = SearchIndex.open({ path, records: corpus.load })
      expect(next.needsRebuild).toBe(false)
      expect(next.index.columnsLoaded).toBe(false)
      expect(answers(next.index)).toEqual(expected)
      next.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
