/**
 * `select` tests a query's filters and reads its sort key inline, in one loop over the
 * matches: its pages (walked by cursor), totals and facet counts must equal the filter's
 * own predicate and a full sort of the accepted matches, for every sort, order, filter and
 * tie (equal scores, budgets and dates).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DocColumns } from '../src/doc-cache.js'
import { FacetCounts } from '../src/facet-counts.js'
import type { StoredFacet } from '../src/facets.js'
import type { SearchQuery } from '../src/index.js'
import { type AuthorFacts, filterOf, select, sortOf } from '../src/select.js'

const ORG_TYPES = ['', 'municipality', 'company', 'municipality']
const facts: AuthorFacts = {
  size: ORG_TYPES.length,
  orgTypeOf: (id) => ORG_TYPES[id],
  namesOf: () => undefined,
  orgTypeOfDid: (did) => ORG_TYPES[Number(did.slice('did:'.length))],
}

const version = fc.record({
  author: fc.integer({ min: 1, max: 3 }),
  current: fc.constantFrom(true, true, true, false),
  // few distinct dates, budgets and scores: ties are where orders go wrong
  updated: fc.integer({ min: 0, max: 3 }),
  budget: fc.option(fc.constantFrom(100, 200, 300), { nil: undefined }),
  currency: fc.constantFrom('EUR', 'USD'),
  kind: fc.constantFrom('practice', 'lab'),
  theme: fc.constantFrom('energy', 'mobility', 'water'),
  matched: fc.constantFrom(true, true, false),
  score: fc.constantFrom(0, 1, 2.5),
})

const query = fc.record(
  {
    sort: fc.constantFrom('relevance', 'date', 'budget'),
    order: fc.constantFrom('asc', 'desc'),
    limit: fc.integer({ min: 1, max: 4 }),
    history: fc.boolean(),
    filters: fc.record(
      {
        kind: fc.constant(['practice']),
        theme: fc.subarray(['energy', 'mobility', 'water'], { minLength: 1 }),
        orgType: fc.constant(['municipality']),
      },
      { requiredKeys: [] },
    ),
    budget: fc.record(
      {
        min: fc.constant({ amount: '1', currency: 'EUR' }),
        max: fc.constant({ amount: '2.50', currency: 'EUR' }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<SearchQuery>

type Version = typeof version extends fc.Arbitrary<infer T> ? T : never

function columnsOf(versions: Version[]): DocColumns {
  const cache = new DocColumns()
  versions.forEach((v, i) => {
    const pairs: [StoredFacet, string][] = [
      ['kind', v.kind],
      ['theme', v.theme],
      ['organization', `did:${v.author}`],
    ]
    cache.add(i + 1, {
      author: v.author,
      current: v.current,
      updated: v.updated,
      budget: v.budget,
      currency: v.currency,
      facets: Uint32Array.from(pairs, ([facet, value]) => cache.values.id(facet, value)),
    })
  })
  return cache
}

describe('select', () => {
  it('pages, counts and totals as a full sort of the matches its filter accepts', () => {
    fc.assert(
      fc.property(
        fc.array(version, { minLength: 1, maxLength: 40 }),
        query,
        fc.boolean(),
        (versions, q, scored) => {
          const cache = columnsOf(versions)
          const rowids = Int32Array.from(versions.flatMap((v, i) => (v.matched ? [i + 1] : [])))
          const scores = scored
            ? Float64Array.from(rowids, (rowid) => versions[rowid - 1]?.score ?? 0)
            : undefined
          const matches = { rowids, scores }
          const filter = filterOf(q, cache, facts)

          // the expected: every accepted match, fully sorted
          const { key, descending } = sortOf(q, scored, scored, cache)
          const rank = (rowid: number, i: number) => {
            const k = key(rowid, scores?.[i] ?? 0)
            return k === null ? Number.NEGATIVE_INFINITY : descending ? k : -k
          }
          const accepted = [...rowids.keys()].filter((i) => filter.accept(rowids[i] as number))
          const expected = accepted
            .map((i) => ({ rowid: rowids[i] as number, rank: rank(rowids[i] as number, i) }))
            .sort(
              (a, b) =>
                b.rank - a.rank ||
                (cache.updated[b.rowid] ?? 0) - (cache.updated[a.rowid] ?? 0) ||
                a.rowid - b.rowid,
            )
            .map((m) => m.rowid)
          const counting = new FacetCounts(q, cache)
          for (const i of accepted) counting.add(rowids[i] as number)
          const counts = counting.result(facts)

          // walked page by page through the cursor
          const seen: number[] = []
          let cursor: string | undefined
          do {
            const selection = select(matches, { ...q, cursor }, cache, facts, filter)
            expect(selection.total).toBe(accepted.length)
            expect(selection.counts).toEqual(counts)
            seen.push(...selection.page.map((c) => c.rowid))
            cursor = selection.cursor
          } while (cursor !== undefined && seen.length <= expected.length)
          expect(seen).toEqual(expected)
        },
      ),
      { numRuns: 500 },
    )
  })
})
