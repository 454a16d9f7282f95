/**
 * Facets are counted per shared facet set and filters read one mask per set: the counts
 * must equal a count made record by record, for any combination of filters.
 */
import type { PolderRecord, RecordState } from '@polder/schema'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { FacetSets } from '../src/facet-sets.js'
import { facetsOf, type StoredFacet } from '../src/facets.js'
import { fixtures, openIndex } from './helpers.js'

const live = fixtures().filter((s): s is PolderRecord => !('reason' in s))
const facetPairs = live.map((s: RecordState) => new Set(facetsOf(s).map(([f, v]) => `${f}=${v}`)))
const FACETS: StoredFacet[] = ['kind', 'theme', 'sdg', 'province', 'year', 'status', 'language']
const valuesOf = (facet: StoredFacet) => [
  ...new Set(
    live.flatMap((s) =>
      facetsOf(s)
        .filter(([f]) => f === facet)
        .map(([, v]) => v),
    ),
  ),
]

describe('facet counts over shared facet sets', () => {
  const { index } = openIndex()
  afterAll(() => index.close())

  it('equal a count record by record, for any filters', () => {
    const filter = fc
      .constantFrom(...FACETS)
      .chain((facet) =>
        fc.tuple(fc.constant(facet), fc.subarray(valuesOf(facet), { minLength: 1 })),
      )
    fc.assert(
      fc.property(fc.array(filter, { maxLength: 3 }), (chosen) => {
        const filters = Object.fromEntries(chosen)
        const kept = facetPairs.filter((pairs) =>
          Object.entries(filters).every(([facet, values]) =>
            values.some((value) => pairs.has(`${facet}=${value}`)),
          ),
        )
        const result = index.search({ filters, limit: 1 })
        expect(result.total).toBe(kept.length)
        for (const facet of FACETS) {
          const expected = new Map<string, number>()
          for (const pairs of kept) {
            for (const pair of pairs) {
              const [name, value] = pair.split('=') as [string, string]
              if (name === facet) expected.set(value, (expected.get(value) ?? 0) + 1)
            }
          }
          const counted = new Map((result.facets[facet] ?? []).map((c) => [c.value, c.count]))
          expect(counted, facet).toEqual(expected)
        }
      }),
      { numRuns: 60 },
    )
  })
})

describe('FacetSets', () => {
  it('gives equal value lists one id and different ones different ids', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }), { maxLength: 200 }),
        (lists) => {
          const sets = new FacetSets()
          const ids = lists.map((list) => sets.id(Uint32Array.from(list)))
          lists.forEach((a, i) => {
            lists.forEach((b, j) => {
              expect(ids[i] === ids[j]).toBe(a.join() === b.join())
            })
          })
          const perSet = new Uint32Array(sets.size)
          for (const id of ids) perSet[id] = (perSet[id] ?? 0) + 1
          const perValue = new Uint32Array(41)
          sets.spread(perSet, perValue)
          const expected = new Uint32Array(41)
          for (const list of lists)
            for (const value of list) expected[value] = (expected[value] ?? 0) + 1
          expect(perValue).toEqual(expected)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('come back from a snapshot with the ids they had, and are found again', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }), { maxLength: 200 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 6 }),
        (lists, extra) => {
          const sets = new FacetSets()
          const ids = lists.map((list) => sets.id(Uint32Array.from(list)))
          const { size, used, start, count, pool } = sets.snapshot()
          const restored = new FacetSets()
          // copies at least one long, as the snapshot's reader gives them
          const copy = <T extends Uint32Array | Uint16Array>(a: T, make: (n: number) => T) => {
            const out = make(Math.max(a.length, 1))
            out.set(a)
            return out
          }
          restored.restore({
            size,
            used,
            start: copy(start, (n) => new Uint32Array(n)),
            count: copy(count, (n) => new Uint16Array(n)),
            pool: copy(pool, (n) => new Uint32Array(n)),
          })
          expect(restored.size).toBe(sets.size)
          lists.forEach((list, i) => {
            expect(restored.id(Uint32Array.from(list))).toBe(ids[i])
          })
          expect(restored.size).toBe(sets.size)
          // a new set goes on after the restored ones, as it would have before
          expect(restored.id(Uint32Array.from(extra))).toBe(sets.id(Uint32Array.from(extra)))
        },
      ),
      { numRuns: 50 },
    )
  })
})
