import { writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { editRecord, type PolderRecord, retractRecord } from '@polder/schema'
import fc from 'fast-check'
import { TypedEventEmitter } from 'main-event'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChangeEvents } from '../src/follow.js'
import { FACET_NAMES, follow, SearchIndex, SearchQueryError } from '../src/index.js'
import { Corpus, fixtures, openIndex, tempDir } from './helpers.js'

const live = () => fixtures().filter((s): s is PolderRecord => !('reason' in s))

describe('facets, filters, sorts and pages', () => {
  let index: SearchIndex
  beforeAll(() => {
    index = openIndex().index
  })
  afterAll(() => index.close())

  it('counts every facet, and each filter keeps only its records', () => {
    const all = index.search({ limit: 100 })
    expect(all.total).toBe(live().length)
    for (const facet of FACET_NAMES) {
      const counts = all.facets[facet] ?? []
      expect(counts.length, facet).toBeGreaterThan(0)
      const top = counts[0]
      if (top === undefined) continue
      const filtered = index.search({ filters: { [facet]: [top.value] }, limit: 100 })
      expect(filtered.total, facet).toBe(top.count)
    }
  })

  it('filters by SDG number and province, and labels organisations', () => {
    const sdg13 = index.search({ filters: { sdg: [13] } })
    expect(sdg13.total).toBeGreaterThan(0)
    const overijssel = index.search({ text: 'hittestress', filters: { province: ['PV23'] } })
    expect(overijssel.hits[0]?.title.en).toMatch(/heat/i)
    expect(index.search({}).facets.organization?.[0]?.label).toBeDefined()
  })

  it('ranks the records a filter keeps as it ranks them among all matches', () => {
    for (const text of ['klimaat', 'energie', 'heat stress', 'data']) {
      const all = index.search({ text, limit: 100 })
      expect(all.broad).toBe(false)
      for (const kind of ['practice', 'lesson', 'finding', 'initiative']) {
        const filtered = index.search({ text, filters: { kind: [kind] }, limit: 100 })
        const expected = all.hits.filter((hit) => hit.kind === kind)
        expect(filtered.total, `${text} ${kind}`).toBe(expected.length)
        expect(filtered.hits.map((h) => [h.id, h.score])).toEqual(
          expected.map((h) => [h.id, h.score]),
        )
      }
    }
    const min = { amount: '500000', currency: 'EUR' }
    const withBudget = index.search({ text: 'energie', budget: { min }, limit: 100 })
    const over = (amount: string | undefined) => Number(amount ?? 0) >= 500_000
    const expected = index
      .search({ text: 'energie', limit: 100 })
      .hits.filter((hit) => hit.budget?.currency === 'EUR' && over(hit.budget.amount))
    expect(withBudget.hits.map((h) => [h.id, h.score])).toEqual(
      expected.map((h) => [h.id, h.score]),
    )
  })

  it('filters by budget range in minor units and sorts by budget', () => {
    const min = { amount: '500000', currency: 'EUR' }
    const result = index.search({ budget: { min }, sort: 'budget', limit: 100 })
    expect(result.total).toBeGreaterThan(0)
    const amounts = result.hits.map((h) => Number(h.budget?.amount))
    expect(amounts.every((a) => a >= 500_000)).toBe(true)
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a))
  })

  it('sorts by date and walks pages with a cursor, without gaps or repeats', () => {
    const seen: string[] = []
    let cursor: string | undefined
    do {
      const page = index.search({ sort: 'date', limit: 7, ...(cursor ? { cursor } : {}) })
      seen.push(...page.hits.map((h) => h.updated))
      cursor = page.cursor
    } while (cursor !== undefined)
    expect(seen.length).toBe(live().length)
    expect(seen).toEqual([...seen].sort().reverse())
  })

  it('refuses unknown facets, bad values and cursors with SearchQueryError', () => {
    expect(() => index.search({ filters: { colour: ['red'] } as never })).toThrow(SearchQueryError)
    expect(() => index.search({ filters: { kind: [{}] } as never })).toThrow(SearchQueryError)
    expect(() => index.search({ cursor: 'nope' })).toThrow(SearchQueryError)
    expect(() => index.search({ text: 'x'.repeat(1001) })).toThrow(SearchQueryError)
  })

  it('escapes FTS syntax and never throws anything but SearchQueryError', () => {
    for (const text of [
      '"unbalanced',
      'NEAR(a b',
      'AND OR',
      '*',
      'title:hitte',
      '^x',
      '""',
      '-',
      '(',
    ]) {
      expect(() => index.search({ text })).not.toThrow()
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 1200 }), (text) => {
        try {
          index.search({ text })
        } catch (error) {
          if (!(error instanceof SearchQueryError)) throw error
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('versions, retraction, rebuild and persistence', () => {
  it('finds only the latest version unless history, and a retraction removes at once', () => {
    const { index, corpus } = openIndex()
    const target = live().find((s) => s.kind === 'practice' && s.title.en?.includes('rain barrels'))
    if (target === undefined) throw new Error('no rain barrels')
    const edited = editRecord(target, { title: { nl: 'Slimme zeppelins', en: 'Smart zeppelins' } })
    corpus.add(edited)
    index.apply({ state: edited })
    expect(index.search({ text: 'zeppelins' }).total).toBe(1)
    const old = index.search({ text: target.title.en ?? '', history: true })
    expect(old.hits.some((h) => h.id === target.id && h.version === target.version)).toBe(true)
    expect(index.search({ text: 'zeppelins' }).hits[0]?.version).toBe(edited.version)
    const tombstone = retractRecord(edited, { en: 'wrong' })
    corpus.add(tombstone)
    index.apply({ state: tombstone })
    expect(index.search({ text: 'zeppelins', history: true }).total).toBe(0)
    index.apply({ state: edited }) // a late copy does not bring it back
    expect(index.search({ text: 'zeppelins' }).total).toBe(0)
    index.close()
  })

  it('rebuild equals incremental, in any order', () => {
    const states = fixtures()
    const a = openIndex(states).index
    const b = SearchIndex.open({ path: ':memory:', records: new Corpus(states).load }).index
    for (const state of [...states].reverse()) b.apply({ state })
    for (const text of ['hittestress', 'Zwolle', 'battery', '']) {
      const ra = a.search({ text, limit: 100 })
      const rb = b.search({ text, limit: 100 })
      expect(rb.hits.map((h) => h.id)).toEqual(ra.hits.map((h) => h.id))
      expect(rb.facets).toEqual(ra.facets)
    }
    a.close()
    b.close()
  })

  it('persists, and detects a missing or corrupt file', async () => {
    const dir = await tempDir()
    const path = join(dir, 'search.sqlite')
    try {
      const records = new Corpus(fixtures()).load
      const first = SearchIndex.open({ path, records })
      expect(first.needsRebuild).toBe(true)
      first.index.rebuild(fixtures())
      first.index.close()
      const again = SearchIndex.open({ path, records })
      expect(again.needsRebuild).toBe(false)
      expect(again.index.search({ text: 'buurtbatterij' }).total).toBeGreaterThan(0)
      again.index.close()
      writeFileSync(path, 'not a database at all'.repeat(100))
      const corrupt = SearchIndex.open({ path, records })
      expect(corrupt.needsRebuild).toBe(true)
      expect(corrupt.index.search({}).total).toBe(0)
      corrupt.index.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('follows change events, batching a tick into one transaction', async () => {
    const { index } = SearchIndex.open({ path: ':memory:', records: new Corpus(fixtures()).load })
    const source = new TypedEventEmitter<ChangeEvents>()
    const stop = follow(source, index)
    const added = new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)))
    for (const state of fixtures()) {
      source.safeDispatchEvent('record:added', {
        detail: { type: 'record:added', state, entry: 'x' },
      })
    }
    await added
    expect(index.search({}).total).toBe(live().length)
    stop()
    index.close()
  })
})
