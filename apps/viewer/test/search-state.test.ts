import { describe, expect, it } from 'vitest'
import {
  apiQuery,
  clearFilters,
  EMPTY_SEARCH,
  hasFilters,
  paramsFromState,
  stateFromParams,
  toggleFilter,
} from '../src/lib/search-state'

describe('search state and the query string', () => {
  it('reads text, comma and repeated filters, sort and budget; ignores the unknown', () => {
    const state = stateFromParams(
      new URLSearchParams(
        'q=buurt+batterij&theme=energy-climate,mobility&theme=waste&kind=practice&sort=budget&order=asc&budgetMin=1000&budgetMax=x&bogus=1',
      ),
    )
    expect(state).toEqual({
      q: 'buurt batterij',
      filters: { theme: ['energy-climate', 'mobility', 'waste'], kind: ['practice'] },
      sort: 'budget',
      order: 'asc',
      budgetMin: '1000',
    })
  })

  it('writes a stable, minimal query that reads back to the same state', () => {
    const state = {
      q: ' hitte ',
      filters: { province: ['PV27'], kind: ['lesson', 'practice'] },
      sort: 'date' as const,
    }
    const params = paramsFromState(state)
    expect(params.toString()).toBe('q=hitte&kind=lesson%2Cpractice&province=PV27&sort=date')
    expect(stateFromParams(params)).toEqual({ ...state, q: 'hitte' })
    expect(paramsFromState(EMPTY_SEARCH).toString()).toBe('')
  })

  it('adds paging to the API query', () => {
    expect(apiQuery({ q: 'a', filters: {} }, { limit: 20, cursor: 'c1', facetLimit: 8 })).toBe(
      'q=a&limit=20&cursor=c1&facetLimit=8',
    )
  })

  it('toggles filter values and clears them, keeping the text', () => {
    let state = toggleFilter(EMPTY_SEARCH, 'theme', 'waste')
    state = toggleFilter(state, 'theme', 'mobility')
    expect(state.filters.theme).toEqual(['waste', 'mobility'])
    state = toggleFilter(state, 'theme', 'waste')
    expect(state.filters.theme).toEqual(['mobility'])
    state = toggleFilter(state, 'theme', 'mobility')
    expect(state.filters).toEqual({})
    const filtered = { ...toggleFilter({ q: 'x', filters: {} }, 'year', '2020'), budgetMin: '5' }
    expect(hasFilters(filtered)).toBe(true)
    expect(clearFilters(filtered)).toEqual({ q: 'x', filters: {} })
    expect(hasFilters(clearFilters(filtered))).toBe(false)
  })
})
