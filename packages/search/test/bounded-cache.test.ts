import { describe, expect, it } from 'vitest'
import { boundedCache } from '../src/bounded-cache.js'

describe('the index’s bounded caches', () => {
  it('keep nothing at size 0', () => {
    const cache = boundedCache<number>(0)
    cache.set('a', 1)
    expect(cache.get('a')).toBeUndefined()
  })

  it('drop the least recently used entry when full, a read counting as use', () => {
    const cache = boundedCache<number>(2)
    cache.set('a', 1)
    cache.set('b', 2)
    expect(cache.get('a')).toBe(1)
    cache.set('c', 3)
    expect(cache.get('b')).toBeUndefined()
    expect([cache.get('a'), cache.get('c')]).toEqual([1, 3])
    cache.clear()
    expect(cache.get('a')).toBeUndefined()
  })
})
