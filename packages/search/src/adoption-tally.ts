/**
 * Live adoptions per adopted record, kept up to date as versions become current or stop
 * being so (indexed, edited, retracted, removed, read back at open), so that the overview
 * reads them instead of recounting a million versions after every write.
 *
 * Counts are by the adopted record's reference (its `replicates` facet value id). The
 * overview needs them by the adopted record's current rowid: each reference is resolved
 * once and kept while that rowid stays current; a removal (after which SQLite may hand the
 * rowid to another version) forgets every resolution, and a reference not held here is
 * looked for again once another version has become current.
 */
import { CURRENT, type DocColumns } from './doc-cache.js'

export class AdoptionTally {
  readonly #cache: DocColumns
  /** Live adoptions per `replicates` value id. */
  #byTarget = new Uint32Array(256)
  /** Value ids with a count above zero. */
  readonly #targets = new Set<number>()
  /** Resolved current rowid per target value id. */
  readonly #rowOf = new Map<number, number>()
  /** Targets not held here, with the number of versions added when that was found. */
  readonly #missing = new Map<number, number>()
  /** Versions that became current so far: a missing target may be among them. */
  #added = 0
  #adoptionId: number | undefined

  constructor(cache: DocColumns) {
    this.#cache = cache
  }

  /** A version became current (`+1`) or stopped being so (`-1`). */
  changed(rowid: number, delta: 1 | -1): void {
    const { values, facetStart, facetCount, pool } = this.#cache
    if (delta === 1) this.#added++
    this.#adoptionId ??= values.find('kind', 'adoption')
    const adoption = this.#adoptionId
    if (adoption === undefined) return
    const start = facetStart[rowid] ?? 0
    const end = start + (facetCount[rowid] ?? 0)
    // a version's kind comes first among its facet values (facets.ts): one read for most
    const first = pool[start] ?? 0
    if (end > start && values.facetOf[first] === 'kind') {
      if (first !== adoption) return
    } else {
      let isAdoption = false
      for (let j = start; j < end; j++) if (pool[j] === adoption) isAdoption = true
      if (!isAdoption) return
    }
    for (let j = start; j < end; j++) {
      const id = pool[j] ?? 0
      if (values.facetOf[id] !== 'replicates') continue
      if (id >= this.#byTarget.length) {
        const next = new Uint32Array(Math.max(id + 1, this.#byTarget.length * 2))
        next.set(this.#byTarget)
        this.#byTarget = next
      }
      const count = (this.#byTarget[id] ?? 0) + delta
      this.#byTarget[id] = count
      if (count > 0) this.#targets.add(id)
      else this.#targets.delete(id)
    }
  }

  /** A version was deleted: its rowid may be reused, so resolutions are made again. */
  removed(): void {
    this.#rowOf.clear()
  }

  /** Everything was dropped (a clear, or a reload from the file). */
  cleared(): void {
    this.#byTarget = new Uint32Array(256)
    this.#targets.clear()
    this.#rowOf.clear()
    this.#missing.clear()
    this.#adoptionId = undefined
  }

  /**
   * Live adoptions by the current rowid of the adopted record; `currentRowid` finds a
   * record by reference, asked once per target until its rowid stops being current.
   */
  perRow(currentRowid: (ref: string) => number | undefined): Map<number, number> {
    const { state, values } = this.#cache
    const out = new Map<number, number>()
    for (const id of this.#targets) {
      let rowid = this.#rowOf.get(id)
      if (rowid === undefined || state[rowid] !== CURRENT) {
        if (this.#missing.get(id) === this.#added) continue // nothing new since: still not here
        rowid = currentRowid(values.valueOf[id] as string)
        if (rowid === undefined) {
          this.#rowOf.delete(id)
          this.#missing.set(id, this.#added)
          continue
        }
        this.#rowOf.set(id, rowid)
        this.#missing.delete(id)
      }
      out.set(rowid, (out.get(rowid) ?? 0) + (this.#byTarget[id] ?? 0))
    }
    return out
  }
}
