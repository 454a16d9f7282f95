/**
 * Filter values of facets with a vocabulary: a code or exactly one label is taken, anything
 * else is refused naming the choices. Statuses span both lists: practices, initiatives and
 * labs (idea … ended) and knowledge questions (open … closed).
 */
import { describe, expect, it } from 'vitest'
import { facetCode } from '../src/facet-values.js'

describe('facet filter values', () => {
  it('takes the statuses of practices and of knowledge questions, by code or label', () => {
    expect(facetCode('status', 'pilot')).toBe('pilot')
    expect(facetCode('status', 'open')).toBe('open')
    expect(facetCode('status', 'In onderzoek')).toBe('in-research')
    expect(facetCode('status', 'misschien')).toBeUndefined()
  })

  it('takes a province by its name, and a well-formed newer code', () => {
    expect(facetCode('province', 'Utrecht')).toBe('PV26')
    expect(facetCode('province', 'PV99')).toBe('PV99')
    expect(facetCode('province', 'Atlantis')).toBeUndefined()
  })
})
