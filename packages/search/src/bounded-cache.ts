/**
 * The index's small in-memory caches (recent queries' matches, expressions' match counts):
 * the least recently used entry goes when full, and a size of 0 keeps nothing (what the
 * benches and some tests ask for, to measure or exercise the uncached path).
 */
import { LRUCache } from 'lru-cache'

export interface BoundedCache<V> {
  get(key: string): V | undefined
  set(key: string, value: V): void
  clear(): void
}

const nothingKept: BoundedCache<never> = {
  get: () => undefined,
  set: () => undefined,
  clear: () => undefined,
}

export function boundedCache<V extends {}>(size: number): BoundedCache<V> {
  if (size <= 0) return nothingKept
  const cache = new LRUCache<string, V>({ max: size })
  return {
    get: (key) => cache.get(key),
    set: (key, value) => {
      cache.set(key, value)
    },
    clear: () => cache.clear(),
  }
}
