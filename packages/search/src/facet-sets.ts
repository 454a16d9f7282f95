/**
 * Distinct sets of facet values, interned: versions with the same facets (kind,
 * organisation, theme, place, year, …) share one set. Records repeat a few thousand
 * combinations at most, so a query counts matches per set, one increment per match, and
 * adds each set's values once at the end; a facet filter is one mask read per match.
 * In the worst case (every version its own set) this costs one increment more than
 * counting values per version.
 */

function grown<T extends Uint16Array | Uint32Array>(array: T, size: number): T {
  if (size <= array.length) return array
  let length = array.length
  while (length < size) length *= 2
  const next = new (array.constructor as new (n: number) => T)(length)
  next.set(array)
  return next
}

export class FacetSets {
  readonly #ids = new Map<string, number>()
  /** Each set's values are `pool[start[set] .. start[set] + count[set]]`. */
  start = new Uint32Array(256)
  count = new Uint16Array(256)
  pool = new Uint32Array(4096)
  #used = 0

  /** The id of the set of these facet value ids (in any order). */
  id(facets: Uint32Array): number {
    const sorted = facets.slice().sort()
    const key = Buffer.from(sorted.buffer, sorted.byteOffset, sorted.byteLength).toString('latin1')
    let id = this.#ids.get(key)
    if (id === undefined) {
      id = this.#ids.size
      this.#ids.set(key, id)
      this.start = grown(this.start, id + 1)
      this.count = grown(this.count, id + 1)
      this.pool = grown(this.pool, this.#used + sorted.length)
      this.pool.set(sorted, this.#used)
      this.start[id] = this.#used
      this.count[id] = sorted.length
      this.#used += sorted.length
    }
    return id
  }

  /** Per set: 1 when it holds any of the values marked in `wanted` (indexed by value id). */
  having(wanted: Uint8Array): Uint8Array {
    const out = new Uint8Array(this.size)
    const { start, count, pool } = this
    for (let set = 0; set < out.length; set++) {
      const end = (start[set] ?? 0) + (count[set] ?? 0)
      for (let i = start[set] ?? 0; i < end; i++) {
        if (wanted[pool[i] ?? 0] === 1) {
          out[set] = 1
          break
        }
      }
    }
    return out
  }

  /** Adds each set's count of matches to each of its values' counts. */
  spread(perSet: Uint32Array, perValue: Uint32Array): void {
    const { start, count, pool } = this
    for (let set = 0; set < perSet.length; set++) {
      const n = perSet[set] ?? 0
      if (n === 0) continue
      const end = (start[set] ?? 0) + (count[set] ?? 0)
      for (let i = start[set] ?? 0; i < end; i++) {
        const value = pool[i] ?? 0
        perValue[value] = (perValue[value] ?? 0) + n
      }
    }
  }

  clear(): void {
    this.#ids.clear()
    this.#used = 0
  }

  get size(): number {
    return this.#ids.size
  }
}
