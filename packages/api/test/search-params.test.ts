import { describe, expect, it } from 'vitest'
import { searchParams, searchQuerySchema } from '../src/index.js'

const parse = (query: Record<string, string | string[]>) => searchParams.safeParse(query)

describe('GET /v1/search parameters onto the one search query', () => {
  it('maps words, facets, the budget range and paging onto the query', () => {
    const result = parse({
      q: 'hittestress',
      theme: 'climate-adaptation,Mobiliteit en bereikbaarheid',
      kind: ['practice', 'lesson'],
      budgetMin: '1000',
      currency: 'EUR',
      sort: 'budget',
      limit: '5',
      history: 'true',
      facets: 'kind,theme',
      facetLimit: '0',
    })
    expect(result.success).toBe(true)
    expect(result.data).toEqual({
      text: 'hittestress',
      filters: { theme: ['climate-adaptation', 'mobility'], kind: ['practice', 'lesson'] },
      budget: { min: { amount: '1000', currency: 'EUR' }, max: undefined },
      sort: 'budget',
      limit: 5,
      history: true,
      facets: ['kind', 'theme'],
      facetLimit: 0,
    })
    // what comes out is a query the index takes
    expect(searchQuerySchema.safeParse(result.data).success).toBe(true)
  })

  it('names the parameter that is wrong', () => {
    for (const [query, where] of [
      [{ limit: 'ten' }, 'limit'],
      [{ limit: '101' }, 'limit'],
      [{ sort: 'size' }, 'sort'],
      [{ facets: 'colour' }, 'facets'],
      [{ q: 'x'.repeat(1_001) }, 'q'],
      [{ colour: 'red' }, undefined],
    ] as const) {
      const result = parse(query)
      expect(result.success, JSON.stringify(query)).toBe(false)
      if (where !== undefined) expect(result.error?.issues[0]?.path[0]).toBe(where)
    }
  })

  it('takes an empty query: browse everything', () => {
    expect(parse({}).data).toEqual({ filters: {} })
  })
})
