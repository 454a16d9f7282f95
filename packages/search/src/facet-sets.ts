/**
 * Distinct sets of facet values, interned: versions with the same facets (kind,
 * organisation, theme, place, year, …) share one set. Records repeat a few thousand
 * combinations at most, so a query counts matches per set, one increment per match, and
 * adds each set's values once at the end; a facet filter is one mask read per match.
 * In the worst case (every version its own set) this costs one increment more than
 * counting values per version.
 */
import { grown } from './typed-arrays.js'

/** The sets of {@link FacetSets}: set `i` is `pool[start[i] .. + count[i]]`. */
export interface FacetSetArrays {
  /** Sets (`start` and `count` may be longer). */
  readonly size: number
  /** Elements of `pool` in use (it may be longer). */
  readonly used: number
  readonly start: Uint32Array<ArrayBuffer>
  readonly count: Uint16Array<ArrayBuffer>
  readonly pool: Uint32Array<ArrayBuffer>
}

/** A hash of facet value ids, as numbers: no string or copy per version. */
function hashOf(facets: Uint32Array): number {
  let hash = facets.length
  for (let i = 0; i < facets.length; i++) hash = Math.imul(hash ^ (facets[i] ?? 0), 0x9e3779b1)
  return hash
}

export class FacetSets {
  /** Set ids by a hash of their values, several when hashes collide. */
  readonly #byHash = new Map<number, number | number[]>()
  #size = 0
  /** Each set's values are `pool[start[set] .. start[set] + count[set]]`. */
  start = new Uint32Array(256)
  count = new Uint16Array(256)
  pool = new Uint32Array(4096)
  #used = 0

  /**
   * The id of the set of these facet value ids. Hashed as numbers, without a string or a
   * copy per version: this runs for every version when the index opens. Values in another
   * order make another set, which costs only sharing (a record's facets come in one order).
   */
  id(facets: Uint32Array): number {
    const hash = hashOf(facets)
    const found = this.#byHash.get(hash)
    if (typeof found === 'number') {
      if (this.#holds(found, facets)) return found
    } else if (found !== undefined) {
      for (const set of found) if (this.#holds(set, facets)) return set
    }
    const id = this.#size++
    this.start = grown(this.start, id + 1)
    this.count = grown(this.count, id + 1)
    this.pool = grown(this.pool, this.#used + facets.length)
    this.pool.set(facets, this.#used)
    this.start[id] = this.#used
    this.count[id] = facets.length
    this.#used += facets.length
    this.#remember(hash, id, found)
    return id
  }

  #remember(hash: number, id: number, found = this.#byHash.get(hash)): void {
    if (found === undefined) this.#byHash.set(hash, id)
    else if (typeof found === 'number') this.#byHash.set(hash, [found, id])
    else found.push(id)
  }

  /** The sets as they are (views, not copies), for a snapshot at a clean close. */
  snapshot(): FacetSetArrays {
    return {
      size: this.#size,
      used: this.#used,
      start: this.start.subarray(0, this.#size),
      count: this.count.subarray(0, this.#size),
      pool: this.pool.subarray(0, this.#used),
    }
  }

  /**
   * Takes the sets of a snapshot, with the ids they had: a hash per set (a few thousand),
   * where interning every version's facets again cost one per version.
   */
  restore(arrays: FacetSetArrays): void {
    this.clear()
    this.start = arrays.start
    this.count = arrays.count
    this.pool = arrays.pool
    this.#size = arrays.size
    this.#used = arrays.used
    for (let set = 0; set < this.#size; set++) {
      const start = this.start[set] ?? 0
      this.#remember(hashOf(this.pool.subarray(start, start + (this.count[set] ?? 0))), set)
    }
  }

  #holds(set: number, facets: Uint32Array): boolean {
    if (this.count[set] !== facets.length) return false
    const start = this.start[set] ?? 0
    for (let i = 0; i < facets.length; i++) if (this.pool[start + i] !== facets[i]) return false
    return true
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
    this.#byHash.clear()
    this.#size = 0
    this.#used = 0
  }

  get size(): number {
    return this.#size
  }
}
