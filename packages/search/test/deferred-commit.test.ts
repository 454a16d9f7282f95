import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { RecordState } from '@polder/schema'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { COMMIT_DELAY_MS } from '../src/constants.js'
import { SearchIndex } from '../src/index.js'
import { Corpus, fixtures, tempDir, titleOf } from './helpers.js'

/** Current rows of `docs` as another connection sees the file: what is committed. */
function committedDocs(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    return db.prepare('SELECT count(*) AS n FROM docs').get()?.n as number
  } finally {
    db.close()
  }
}

/** FTS5 segments of the `fts` table in the file: each is a flush of its pending terms. */
function segments(path: string): number {
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    return db.prepare('SELECT count(DISTINCT segid) AS n FROM fts_idx').get()?.n as number
  } finally {
    db.close()
  }
}

const practices = () =>
  fixtures().filter((s): s is RecordState & { title: Record<string, string> } => {
    return s.kind === 'practice' && 'title' in s
  })

describe('commits of the index', () => {
  let dir: string
  beforeEach(async () => {
    dir = await tempDir()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(async () => {
    vi.useRealTimers()
    await rm(dir, { recursive: true, force: true })
  })

  it('finds records indexed one at a time at once, and commits them together later', () => {
    const path = join(dir, 'search.sqlite')
    const states = practices().slice(0, 3)
    const { index } = SearchIndex.open({ path, records: new Corpus(states).load })
    for (const state of states) index.apply({ state })
    for (const state of states)
      expect(index.search({ text: `"${titleOf(state)}"` }).hits.map((hit) => hit.id)).toContain(
        state.id,
      )
    expect(committedDocs(path)).toBe(0)
    vi.advanceTimersByTime(COMMIT_DELAY_MS)
    expect(committedDocs(path)).toBe(3)
    index.close()
  })

  it('commits what is pending when closed, and opens clean', () => {
    const path = join(dir, 'search.sqlite')
    const [state] = practices()
    if (state === undefined) throw new Error('no practice')
    const records = new Corpus([state]).load
    const first = SearchIndex.open({ path, records })
    first.index.apply({ state })
    first.index.close()
    const again = SearchIndex.open({ path, records })
    expect(again.needsRebuild).toBe(false)
    expect(again.index.search({}).total).toBe(1)
    again.index.close()
  })

  it('writes the batches of one transaction as one FTS5 segment', () => {
    const path = join(dir, 'search.sqlite')
    const states = practices()
    expect(states.length).toBeGreaterThanOrEqual(6)
    const { index } = SearchIndex.open({ path, records: new Corpus(states).load })
    // one batch a window, as a node's follower writes them: a savepoint around each made
    // FTS5 write its pending terms out as a segment of its own at every batch
    for (const state of states) index.applyMany([state])
    vi.advanceTimersByTime(COMMIT_DELAY_MS)
    expect(committedDocs(path)).toBe(states.length)
    expect(segments(path)).toBe(1)
    for (const state of states)
      expect(index.search({ text: `"${titleOf(state)}"` }).hits.map((hit) => hit.id)).toContain(
        state.id,
      )
    index.close()
  })

  it('drops the uncommitted batches when one fails, and is rebuilt at the next open', () => {
    const path = join(dir, 'search.sqlite')
    const [committed, dropped, failed] = practices()
    if (committed === undefined || dropped === undefined || failed === undefined)
      throw new Error('no practices')
    const records = new Corpus([committed, dropped, failed]).load
    const first = SearchIndex.open({ path, records })
    first.index.apply({ state: committed })
    vi.advanceTimersByTime(COMMIT_DELAY_MS)
    first.index.apply({ state: dropped })
    const broken = { ...failed, id: undefined } as unknown as RecordState
    expect(() => first.index.applyMany([failed, broken])).toThrow()
    // the failed batch took the open transaction with it: what it held waits for the rebuild
    expect(first.index.search({}).hits.map((hit) => hit.id)).toEqual([committed.id])
    first.index.close()
    expect(SearchIndex.open({ path, records }).needsRebuild).toBe(true)
  })
})
