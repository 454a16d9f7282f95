import { readFileSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { editRecord, type PolderRecord, type RecordState } from '@polder/schema'
import { TypedEventEmitter } from 'main-event'
import { describe, expect, it } from 'vitest'
import type { ChangeEvents } from '../src/follow.js'
import {
  follow,
  rebuildInSteps,
  SearchIndex,
  SearchIndexBrokenError,
  SearchQueryError,
} from '../src/index.js'
import { Corpus, fixtures, openIndex, tempDir } from './helpers.js'

const live = () => fixtures().filter((s): s is PolderRecord => !('reason' in s))
const organisation = (name: string) => {
  const org = live().find((s) => s.kind === 'organization' && s.title.en?.includes(name))
  if (org === undefined) throw new Error(`no organisation ${name}`)
  return org
}

describe('organisations', () => {
  it('finds records by the organisation’s current name after a rename', () => {
    const { index, corpus } = openIndex()
    const zwolle = organisation('Zwolle')
    const before = index.search({ text: 'Zwolle', filters: { organization: [zwolle.author] } })
    expect(before.total).toBeGreaterThan(3)
    const renamed = editRecord(zwolle, { title: { nl: 'Gemeente Isala', en: 'City of Isala' } })
    corpus.add(renamed)
    index.apply({ state: renamed })
    const byNewName = index.search({ text: 'Isala', filters: { organization: [zwolle.author] } })
    expect(byNewName.total).toBe(before.total)
    expect(
      index.search({}).facets.organization?.find((f) => f.value === zwolle.author)?.label,
    ).toEqual(renamed.title)
    index.close()
  })

  it('drops a blocked organisation’s records at once, through follow', async () => {
    const { index } = openIndex()
    const zwolle = organisation('Zwolle')
    const source = new TypedEventEmitter<ChangeEvents>()
    const stop = follow(source, index)
    const owned = index.search({ filters: { organization: [zwolle.author] } }).total
    expect(owned).toBeGreaterThan(0)
    source.safeDispatchEvent('org:blocked', { detail: { did: zwolle.author, records: owned } })
    expect(index.search({ filters: { organization: [zwolle.author] } }).total).toBe(0)
    expect(index.search({}).total).toBe(live().length - owned)
    stop()
    index.close()
  })
})

describe('broad queries', () => {
  it('puts title matches first when more records match than BM25 ranks', () => {
    const base = live().find((s) => s.kind === 'practice')
    if (base === undefined) throw new Error('no practice')
    const at = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString()
    const make = (n: number, title: string, body: string): RecordState => ({
      ...base,
      id: `01J${String(n).padStart(23, '0')}`,
      title: { en: title },
      summary: { en: 'A practice.' },
      body: { en: body },
      created: at(n),
      updated: at(n),
    })
    const states = [
      make(1, 'Zeppelin deliveries', 'Airships.'),
      make(2, 'Zeppelin parking', 'Airships.'),
      ...Array.from({ length: 5_100 }, (_, i) => make(10 + i, `Practice ${i}`, 'About zeppelins.')),
    ]
    const { index } = openIndex(states)
    const result = index.search({ text: 'zeppelin', limit: 5 })
    expect(result.broad).toBe(true)
    expect(result.total).toBe(5_102)
    expect(result.hits.slice(0, 2).map((h) => h.title.en)).toEqual([
      'Zeppelin parking',
      'Zeppelin deliveries',
    ])
    // the rest newest first
    const rest = result.hits.slice(2).map((h) => h.updated)
    expect(rest).toEqual([...rest].sort().reverse())
    const narrow = index.search({ text: 'zeppelin deliveries' })
    expect(narrow.broad).toBe(false)
    index.close()
  })

  it('goes broad when writes took a query it ranked past the limit', () => {
    const base = live().find((s) => s.kind === 'practice')
    if (base === undefined) throw new Error('no practice')
    const at = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString()
    const make = (n: number, title: string): RecordState => ({
      ...base,
      id: `01J${String(n).padStart(23, '0')}`,
      title: { en: title },
      summary: { en: 'A practice.' },
      body: { en: 'About zeppelins.' },
      created: at(n),
      updated: at(n),
    })
    const first = [
      make(1, 'Zeppelin deliveries'),
      ...Array.from({ length: 4_900 }, (_, i) => make(10 + i, `Practice ${i}`)),
    ]
    const { index, corpus } = openIndex(first)
    // counted once (4,901 matches: ranked), so the next search scores at once
    expect(index.search({ text: 'zeppelin' }).broad).toBe(false)
    const ranked = index.search({ text: 'zeppelin', limit: 3 })
    expect(ranked.broad).toBe(false)
    expect(ranked.hits[0]?.title.en).toBe('Zeppelin deliveries')
    const practices0 = { text: 'zeppelin', filters: { kind: ['practice'] }, limit: 3 }
    expect(index.search(practices0).broad).toBe(false)
    for (let i = 0; i < 200; i++) {
      const state = make(10_000 + i, `Later practice ${i}`)
      corpus.add(state)
      index.apply({ state })
    }
    const practices = { text: 'zeppelin', filters: { kind: ['practice'] }, limit: 3 }
    expect(index.search(practices).broad).toBe(true)
    const broad = index.search({ text: 'zeppelin', limit: 3 })
    expect(broad.broad).toBe(true)
    expect(broad.total).toBe(5_101)
    expect(broad.hits[0]?.title.en).toBe('Zeppelin deliveries')
    index.close()
  }, 30_000) // 5,101 versions indexed: seconds on a loaded machine

  it('ranks a query it has counted before as the first time', () => {
    const states = fixtures()
    const corpus = new Corpus(states)
    const { index } = SearchIndex.open({ path: ':memory:', records: corpus.load, recentQueries: 0 })
    index.rebuild(states)
    for (const text of [
      'fiets',
      'heat stress',
      'slimme lantaarnpalen',
      'sensor*',
      'Zwolle klimaat',
      'zeppelin fiets',
    ]) {
      const first = index.search({ text, limit: 100 })
      expect(index.search({ text, limit: 100 }), text).toEqual(first)
      // filtered: scored in one pass, the rows the filters drop left unscored
      for (const filters of [{ province: ['PV23'] }, { kind: ['practice'] }, { sdg: [13] }]) {
        const query = { text, filters, limit: 100 }
        const counted = index.search(query)
        expect(index.search(query), `${text} ${JSON.stringify(filters)}`).toEqual(counted)
      }
    }
    index.close()
  })
})

describe('recent queries', () => {
  it('answers a facet click or the next page from the kept matches, and forgets them on a write', () => {
    const states = fixtures()
    const corpus = new Corpus(states)
    const kept = SearchIndex.open({ path: ':memory:', records: corpus.load }).index
    const none = SearchIndex.open({
      path: ':memory:',
      records: corpus.load,
      recentQueries: 0,
    }).index
    kept.rebuild(states)
    none.rebuild(states)
    const same = (query: Parameters<SearchIndex['search']>[0]) =>
      expect(kept.search(query)).toEqual(none.search(query))
    same({ text: 'klimaat' })
    same({ text: 'klimaat', filters: { kind: ['practice'] } })
    same({ text: 'klimaat', limit: 2 })
    const page = kept.search({ text: 'klimaat', limit: 2 })
    same({ text: 'klimaat', limit: 2, cursor: page.cursor })
    same({ text: 'klimaat', sort: 'date' })
    // a write: the kept matches must not hide the new record
    const base = live().find((s) => s.kind === 'practice')
    if (base === undefined) throw new Error('no practice')
    const added = { ...base, id: '01J00000000000000000000KLM', title: { nl: 'Klimaatbos' } }
    corpus.add(added)
    kept.apply({ state: added })
    none.apply({ state: added })
    same({ text: 'klimaat' })
    expect(kept.search({ text: 'klimaatbos' }).total).toBe(1)
    kept.close()
    none.close()
  })

  it('does not answer other filters from matches scored for one filter only', () => {
    const states = fixtures()
    const corpus = new Corpus(states)
    const kept = SearchIndex.open({ path: ':memory:', records: corpus.load }).index
    const none = SearchIndex.open({
      path: ':memory:',
      records: corpus.load,
      recentQueries: 0,
    }).index
    kept.rebuild(states)
    none.rebuild(states)
    const same = (query: Parameters<SearchIndex['search']>[0]) =>
      expect(kept.search(query)).toEqual(none.search(query))
    // a filter first: only its versions are scored, and those scores must serve no other query
    same({ text: 'klimaat', filters: { kind: ['lesson'] }, limit: 100 })
    same({ text: 'klimaat', limit: 100 })
    same({ text: 'klimaat', filters: { kind: ['practice'] }, limit: 100 })
    same({ text: 'klimaat', filters: { kind: ['lesson'] }, history: true, limit: 100 })
    same({ text: 'klimaat', filters: { kind: ['lesson'] }, limit: 100 })
    kept.close()
    none.close()
  })
})

describe('files', () => {
  it('rebuilds an index that was not closed cleanly', async () => {
    const dir = await tempDir()
    const path = join(dir, 'search.sqlite')
    const records = new Corpus(fixtures()).load
    try {
      const first = SearchIndex.open({ path, records })
      first.index.rebuild(fixtures())
      // a crash: the process ends without close(); the next start must not trust the file
      const again = SearchIndex.open({ path, records })
      expect(again.needsRebuild).toBe(true)
      expect(again.index.search({}).total).toBe(0)
      again.index.close()
      first.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('rebuilds an index of an earlier layout or stemmer, closed cleanly or not', async () => {
    const dir = await tempDir()
    const path = join(dir, 'search.sqlite')
    const records = new Corpus(fixtures()).load
    try {
      const first = SearchIndex.open({ path, records })
      first.index.rebuild(fixtures())
      first.index.close()
      const db = new DatabaseSync(path)
      // version 3 held the light stemmer's stems: its Dutch terms would not meet Snowball's
      db.exec('PRAGMA user_version = 3')
      db.close()
      const again = SearchIndex.open({ path, records })
      expect(again.needsRebuild).toBe(true)
      expect(again.index.search({}).total).toBe(0)
      again.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('rebuilds in steps to the same index as at once', async () => {
    const states = fixtures()
    const a = openIndex(states).index
    const b = SearchIndex.open({ path: ':memory:', records: new Corpus(states).load }).index
    b.apply({ state: states[0] as RecordState })
    expect(await rebuildInSteps(b, states)).toBe(states.length)
    for (const text of ['hittestress', 'Zwolle', '']) {
      expect(b.search({ text, limit: 100 })).toEqual(a.search({ text, limit: 100 }))
    }
    a.close()
    b.close()
  })

  it('reports a file damaged under a clean mark as broken, never as an SQL error', async () => {
    const dir = await tempDir()
    const path = join(dir, 'search.sqlite')
    const records = new Corpus(fixtures()).load
    try {
      const first = SearchIndex.open({ path, records })
      first.index.rebuild(fixtures())
      first.index.close()
      // Garbage over the pages of FTS5's postings, which are first read by a query.
      const db = new DatabaseSync(path)
      const pages = db
        .prepare("SELECT pageno FROM dbstat WHERE name = 'fts_data' AND pagetype = 'leaf'")
        .all()
        .map((row) => row.pageno as number)
      const pageSize = db.prepare('PRAGMA page_size').get()?.page_size as number
      db.close()
      expect(pages.length).toBeGreaterThan(2)
      const bytes = readFileSync(path)
      for (const page of pages) {
        for (let at = (page - 1) * pageSize; at < page * pageSize; at++)
          bytes[at] = (at * 131) & 0xff
      }
      writeFileSync(path, bytes)
      const damaged = SearchIndex.open({ path, records })
      expect(damaged.needsRebuild).toBe(false) // the mark is clean; only a query finds out
      expect(() => damaged.index.search({ text: 'hittestress' })).toThrow(SearchIndexBrokenError)
      expect(() => damaged.index.search({ text: 'x'.repeat(2_000) })).toThrow(SearchQueryError)
      damaged.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
