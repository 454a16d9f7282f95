/**
 * A query without words reads facet counts kept on writes and pages from kept sort orders
 * (browse.ts): after any mix of new versions, retractions and blocked organisations, its
 * total, facet counts and pages must equal a plain SQL count and sort over the current
 * records, kept here beside the index.
 */
import { DatabaseSync, type SQLInputValue } from 'node:sqlite'
import {
  editRecord,
  type PolderRecord,
  type RecordState,
  retractRecord,
  THEMES,
  toMinorUnits,
} from '@polder/schema'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { facetsOf, type StoredFacet } from '../src/facets.js'
import type { SearchQuery } from '../src/index.js'
import { RowOrder } from '../src/row-order.js'
import { fixtures, openIndex } from './helpers.js'

const start = fixtures()
const live = start.filter((s): s is PolderRecord => !('reason' in s))
const practices = live.filter((s) => s.kind === 'practice')
const authors = [...new Set(live.map((s) => s.author))]
const FACETS: StoredFacet[] = ['kind', 'theme', 'sdg', 'province', 'year', 'status', 'language']
const valuesOf = (facet: StoredFacet) => [
  ...new Set(live.flatMap((s) => facetsOf(s).flatMap(([f, v]) => (f === facet ? [v] : [])))),
]
const later = Math.max(...start.map((s) => Date.parse(s.updated)))

/** The current records as plain rows, counted and sorted by SQL. */
class Model {
  readonly db = new DatabaseSync(':memory:')

  constructor(states: readonly RecordState[]) {
    this.db.exec(`CREATE TABLE docs (ref TEXT PRIMARY KEY, author TEXT, hit TEXT, updated REAL,
      budget REAL, currency TEXT);
      CREATE TABLE facets (ref TEXT, facet TEXT, value TEXT);
      CREATE TABLE orgs (did TEXT PRIMARY KEY, org_type TEXT);`)
    for (const state of states) this.put(state)
  }

  put(state: RecordState): void {
    const ref = `${state.author}/${state.id}`
    this.drop(ref)
    if ('reason' in state) return
    const budget = 'budget' in state ? state.budget : undefined
    this.db
      .prepare('INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        ref,
        state.author,
        `${ref}/${state.version}`,
        Date.parse(state.updated),
        budget === undefined ? null : Number(toMinorUnits(budget)),
        budget?.currency ?? null,
      )
    const facet = this.db.prepare('INSERT INTO facets VALUES (?, ?, ?)')
    for (const [name, value] of facetsOf(state)) facet.run(ref, name, value)
    if (state.kind === 'organization')
      this.db.prepare('INSERT OR REPLACE INTO orgs VALUES (?, ?)').run(state.author, state.orgType)
  }

  drop(ref: string): void {
    this.db.prepare('DELETE FROM docs WHERE ref = ?').run(ref)
    this.db.prepare('DELETE FROM facets WHERE ref = ?').run(ref)
  }

  dropAuthor(did: string): void {
    for (const row of this.db.prepare('SELECT ref FROM docs WHERE author = ?').all(did))
      this.drop(row.ref as string)
    this.db.prepare('DELETE FROM orgs WHERE did = ?').run(did)
  }

  /** The WHERE clause of a query's filters over `docs d`, with its values. */
  where(query: SearchQuery): { sql: string; values: SQLInputValue[] } {
    const parts = ['1']
    const values: SQLInputValue[] = []
    for (const [facet, wanted] of Object.entries(query.filters ?? {})) {
      const list = (wanted ?? []).map(String)
      const marks = list.map(() => '?').join(', ')
      parts.push(
        facet === 'orgType'
          ? `d.author IN (SELECT did FROM orgs WHERE org_type IN (${marks}))`
          : `EXISTS (SELECT 1 FROM facets f WHERE f.ref = d.ref AND f.facet = ? AND f.value IN (${marks}))`,
      )
      if (facet !== 'orgType') values.push(facet)
      values.push(...list)
    }
    const { min, max } = query.budget ?? {}
    if (query.budget !== undefined) parts.push('d.budget IS NOT NULL')
    for (const [bound, op] of [
      [min, '>='],
      [max, '<='],
    ] as const) {
      if (bound === undefined) continue
      parts.push(`d.budget ${op} ? AND d.currency = ?`)
      values.push(Number(toMinorUnits(bound)), bound.currency)
    }
    return { sql: parts.join(' AND '), values }
  }

  expected(query: SearchQuery, pageRows: number) {
    const { sql, values } = this.where(query)
    const total = this.db.prepare(`SELECT count(*) AS n FROM docs d WHERE ${sql}`).get(...values)
    const counts = new Map<string, Map<string, number>>()
    const grouped = this.db.prepare(`SELECT f.facet, f.value, count(*) AS n FROM docs d
      JOIN facets f ON f.ref = d.ref WHERE ${sql} GROUP BY f.facet, f.value
      UNION ALL SELECT 'orgType', o.org_type, count(*) FROM docs d
      JOIN orgs o ON o.did = d.author WHERE ${sql} GROUP BY o.org_type`)
    for (const row of grouped.all(...values, ...values)) {
      const facet = row.facet as string
      if (!counts.has(facet)) counts.set(facet, new Map())
      counts.get(facet)?.set(String(row.value), row.n as number)
    }
    const order =
      query.sort === 'budget' ? 'd.budget IS NULL, d.budget DESC, d.updated DESC' : 'd.updated DESC'
    const hits = this.db
      .prepare(`SELECT hit FROM docs d WHERE ${sql} ORDER BY ${order} LIMIT ?`)
      .all(...values, pageRows)
      .map((row) => row.hit as string)
    return { total: total?.n as number, counts, hits }
  }
}

const filter = fc
  .constantFrom(...FACETS)
  .chain((facet) => fc.tuple(fc.constant(facet), fc.subarray(valuesOf(facet), { minLength: 1 })))
const euros = (amount: number) => ({ amount: String(amount), currency: 'EUR' })
const query: fc.Arbitrary<SearchQuery> = fc.record(
  {
    filters: fc.array(filter, { maxLength: 2 }).map((chosen) => Object.fromEntries(chosen)),
    sort: fc.constantFrom('date' as const, 'budget' as const),
    budget: fc.tuple(fc.option(fc.nat(2_000_000)), fc.option(fc.nat(2_000_000))).map(([a, b]) => ({
      ...(a === null ? {} : { min: euros(a) }),
      ...(b === null ? {} : { max: euros(Math.max(a ?? 0, b)) }),
    })),
    limit: fc.integer({ min: 1, max: 8 }),
  },
  { requiredKeys: ['limit'] },
)
const step = fc.oneof(
  fc.record({
    edit: fc.nat(practices.length - 1),
    budget: fc.option(fc.nat(2_000_000)),
    themes: fc.subarray(
      THEMES.map((t) => t.code),
      { minLength: 1, maxLength: 3 },
    ),
  }),
  fc.record({ retract: fc.nat(practices.length - 1) }),
  fc.record({ block: fc.nat(authors.length - 1) }),
  fc.record({ ask: query }),
)

describe('a query without words', () => {
  it('counts, totals and pages as a plain SQL count and sort, after any writes', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 12 }),
        fc.array(query, { maxLength: 4 }),
        (steps, asks) => {
          const { index, corpus } = openIndex(start)
          const model = new Model(start)
          const current: PolderRecord[] = [...practices]
          const gone = new Set<string>()
          let now = later
          const check = (q: SearchQuery) => {
            const limit = q.limit ?? 20
            const expected = model.expected(q, 2 * limit)
            const first = index.search({ ...q, facetLimit: 1_000 })
            expect(first.total).toBe(expected.total)
            for (const [facet, counted] of Object.entries(first.facets)) {
              const byValue = new Map(counted.map((c) => [c.value, c.count]))
              expect(byValue, facet).toEqual(expected.counts.get(facet) ?? new Map())
            }
            const second =
              first.cursor === undefined ? [] : index.search({ ...q, cursor: first.cursor }).hits
            const hits = [...first.hits, ...second].map((h) => `${h.author}/${h.id}/${h.version}`)
            expect(hits).toEqual(expected.hits)
          }
          try {
            for (const s of steps) {
              if ('ask' in s) {
                check(s.ask)
                continue
              }
              if ('block' in s) {
                const did = authors[s.block] as string
                index.removeAuthor(did)
                model.dropAuthor(did)
                gone.add(did)
                continue
              }
              const i = 'edit' in s ? s.edit : s.retract
              const previous = current[i] as PolderRecord
              if (gone.has(previous.author) || gone.has(previous.id)) continue
              now += 60_000
              const next: RecordState =
                'edit' in s
                  ? editRecord(
                      previous,
                      {
                        budget: s.budget === null ? null : euros(s.budget),
                        funding: null,
                        themes: s.themes,
                      },
                      { now: new Date(now) },
                    )
                  : retractRecord(previous, { en: 'gone' }, { now: new Date(now) })
              if ('reason' in next) gone.add(previous.id)
              else current[i] = next
              corpus.add(next)
              index.apply({ state: next })
              model.put(next)
            }
            for (const q of [{ limit: 5 }, ...asks]) check(q)
          } finally {
            index.close()
          }
        },
      ),
      { numRuns: 40 },
    )
  })
})

describe('RowOrder', () => {
  it('reads every present rowid in order after any adds, removals and reads', () => {
    const op = fc.oneof(
      fc.record({ add: fc.integer({ min: 1, max: 40 }), key: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ remove: fc.nat(200) }),
      fc.constant('read' as const),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const key = new Map<number, number>()
        const present = new Set<number>()
        const seen = new Set<number>()
        const compare = (a: number, b: number) => (key.get(b) ?? 0) - (key.get(a) ?? 0) || a - b
        const order = new RowOrder(
          compare,
          (rowid) => present.has(rowid),
          () => Int32Array.from([...present].sort((a, b) => a - b)),
        )
        const read = () =>
          expect([...order.rows()].filter((r) => present.has(r))).toEqual(
            [...present].sort(compare),
          )
        for (const o of ops) {
          if (o === 'read') read()
          else if ('add' in o) {
            // many at once (a batch beyond the one-by-one inserts) or one
            for (let i = 0; i < (o.key % 2 === 0 ? 1 : 300); i++) {
              const rowid = o.add + i * 601
              const reused = seen.has(rowid)
              key.set(rowid, (o.key * (i + 1)) % 51)
              present.add(rowid)
              seen.add(rowid)
              order.added(rowid, reused)
            }
          } else {
            const rowid = [...present][o.remove % Math.max(1, present.size)]
            if (rowid === undefined) continue
            present.delete(rowid)
            order.removed()
          }
        }
        read()
      }),
      { numRuns: 100 },
    )
  })
})
