/**
 * What a search needs of every indexed version, in typed arrays indexed by rowid: state,
 * sort keys, and facet value ids in one shared pool. About 40 bytes per version plus 4 per
 * facet value (under 10 MB at 100k records), where an object per version cost over 1 GB.
 * Filtering, facet counting and sorting run over these arrays, so a query costs one FTS5
 * lookup plus a tight pass over its matches. SQLite stays the truth: this is re-read at open
 * (from a clean close's snapshot: at the index's first use).
 */
import type { DatabaseSync } from 'node:sqlite'
import { type FacetSetArrays, FacetSets } from './facet-sets.js'
import type { StoredFacet } from './facets.js'
import { RowOrder } from './row-order.js'
import { grown } from './typed-arrays.js'

/** A rowid's state in `DocColumns.state`. */
export const ABSENT = 0
export const OLD = 1
export const CURRENT = 2

/** Strings interned to small integers, so counting and comparing are array operations. */
export class Interner {
  readonly #ids = new Map<string, number>()
  readonly valueOf: string[] = []

  id(value: string): number {
    let id = this.#ids.get(value)
    if (id === undefined) {
      id = this.valueOf.length
      this.#ids.set(value, id)
      this.valueOf.push(value)
    }
    return id
  }

  find(value: string): number | undefined {
    return this.#ids.get(value)
  }

  clear(): void {
    this.#ids.clear()
    this.valueOf.length = 0
  }

  get size(): number {
    return this.valueOf.length
  }
}

/**
 * Facet values interned per facet: the id of `[facet, value]`, and back. Ids are kept in
 * the file (`facet_values`) so each version's facets are stored as a small array of ids.
 */
export class FacetValues {
  readonly #interner = new Interner()
  readonly facetOf: StoredFacet[] = []
  readonly valueOf: string[] = []
  /** Called with each value seen for the first time, to write it to the file. */
  onNew: ((id: number, facet: StoredFacet, value: string) => void) | undefined

  id(facet: StoredFacet, value: string): number {
    const before = this.#interner.size
    const id = this.#interner.id(`${facet}\u0000${value}`)
    if (id === before) {
      this.facetOf.push(facet)
      this.valueOf.push(value)
      this.onNew?.(id, facet, value)
    }
    return id
  }

  find(facet: StoredFacet, value: string): number | undefined {
    return this.#interner.find(`${facet}\u0000${value}`)
  }

  clear(): void {
    this.#interner.clear()
    this.facetOf.length = 0
    this.valueOf.length = 0
  }

  get size(): number {
    return this.valueOf.length
  }
}

/** What is told of versions becoming current or not: see AdoptionTally. */
export interface CurrentObserver {
  changed(rowid: number, delta: 1 | -1): void
  removed(): void
  cleared(): void
}

export interface NewDoc {
  /** The author's id in `Authors`. */
  readonly author: number
  readonly current: boolean
  /** Epoch milliseconds. */
  readonly updated: number
  /** Minor units; undefined without a budget. */
  readonly budget: number | undefined
  readonly currency: string | undefined
  /** Facet value ids (`values.id`). */
  readonly facets: Uint32Array
}

/** The arrays of {@link DocColumns}, cut to what is used. */
export interface DocArrays {
  readonly end: number
  readonly currentCount: number
  /** Elements of `pool` in use (it may be longer). */
  readonly poolUsed: number
  /** Interned currencies in id order. */
  readonly currencies: readonly string[]
  readonly state: Uint8Array<ArrayBuffer>
  readonly updated: Float64Array<ArrayBuffer>
  readonly budget: Float64Array<ArrayBuffer>
  readonly currency: Uint16Array<ArrayBuffer>
  readonly author: Uint32Array<ArrayBuffer>
  readonly facetStart: Uint32Array<ArrayBuffer>
  readonly facetCount: Uint16Array<ArrayBuffer>
  readonly pool: Uint32Array<ArrayBuffer>
  /** Each version's facet set, an id in `sets`. */
  readonly facetSet: Uint32Array<ArrayBuffer>
  readonly sets: FacetSetArrays
}

type Row = [number, number, number, number, number | null, string | null, Uint8Array]

/** Facet ids as stored: little-endian uint32s. */
export const facetBlob = (ids: Uint32Array): Uint8Array =>
  new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength)

const facetIds = (blob: Uint8Array): Uint32Array =>
  blob.byteOffset % 4 === 0
    ? new Uint32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4)
    : new Uint32Array(blob.slice().buffer)

export class DocColumns {
  state = new Uint8Array(1024)
  /** `updated` as epoch milliseconds: the date sort key. */
  updated = new Float64Array(1024)
  /** Budget in minor units; NaN without one (such records never pass a budget filter). */
  budget = new Float64Array(1024)
  /** Interned currency id + 1; 0 without a budget. */
  currency = new Uint16Array(1024)
  author = new Uint32Array(1024)
  facetStart = new Uint32Array(1024)
  facetCount = new Uint16Array(1024)
  /** Each version's set of facet values (`sets`): what filters and counts read. */
  facetSet = new Uint32Array(1024)
  readonly sets = new FacetSets()
  /** Current versions per facet set, kept on writes: the facet counts of a query without words. */
  currentBySet = new Uint32Array(256)
  /** Newest first (then lowest rowid): the date sort, largest first. */
  readonly byDate = new RowOrder(
    (a, b) => (this.updated[b] ?? 0) - (this.updated[a] ?? 0) || a - b,
    (rowid) => this.state[rowid] !== ABSENT,
    () => this.#indexed(),
  )
  /** Largest budget first, none last, then newest first: the budget sort, largest first. */
  readonly byBudget = new RowOrder(
    (a, b) => {
      const x = this.budget[a] ?? Number.NaN
      const y = this.budget[b] ?? Number.NaN
      const byBudget = (Number.isNaN(y) ? -Infinity : y) - (Number.isNaN(x) ? -Infinity : x)
      // -Infinity less -Infinity is NaN: two versions without a budget go on to the date
      return byBudget || (this.updated[b] ?? 0) - (this.updated[a] ?? 0) || a - b
    },
    (rowid) => this.state[rowid] !== ABSENT,
    () => this.#indexed(),
  )
  /** Facet value ids of all versions, each version's a slice; removed slices are left as gaps. */
  pool = new Uint32Array(16_384)
  #poolUsed = 0
  /** One past the highest rowid ever added. */
  end = 1
  currentCount = 0
  readonly values = new FacetValues()
  readonly currencies = new Interner()
  /** Told when a version becomes current or stops being so (the overview's live tallies). */
  onCurrent: CurrentObserver | undefined

  /** Reads every indexed version from the database. */
  load(db: DatabaseSync): void {
    this.loadValues(db)
    const docs = db.prepare(
      'SELECT rowid, author, current, updated, budget, currency, facets FROM docs',
    )
    docs.setReturnArrays(true)
    for (const row of docs.iterate() as Iterable<unknown> as Iterable<Row>) {
      const [rowid, author, current, updated, budget, currency, facets] = row
      this.add(rowid, {
        author,
        current: current === 1,
        updated,
        budget: budget ?? undefined,
        currency: currency ?? undefined,
        facets: facetIds(facets),
      })
    }
  }

  /** Clears the arrays and reads the facet values back (the versions are read next). */
  loadValues(db: DatabaseSync): void {
    this.clear()
    const onNew = this.values.onNew
    this.values.onNew = undefined // read back, not new
    try {
      const values = db.prepare('SELECT id, facet, value FROM facet_values ORDER BY id')
      for (const row of values.iterate()) {
        const id = this.values.id(row.facet as StoredFacet, row.value as string)
        if (id !== row.id) throw new Error('facet_values ids are not dense') // never written so
      }
    } finally {
      this.values.onNew = onNew
    }
  }

  /** The arrays as they are (views, not copies), for a snapshot at a clean close. */
  snapshot(): DocArrays {
    const end = this.end
    return {
      end,
      currentCount: this.currentCount,
      poolUsed: this.#poolUsed,
      currencies: [...this.currencies.valueOf],
      state: this.state.subarray(0, end),
      updated: this.updated.subarray(0, end),
      budget: this.budget.subarray(0, end),
      currency: this.currency.subarray(0, end),
      author: this.author.subarray(0, end),
      facetStart: this.facetStart.subarray(0, end),
      facetCount: this.facetCount.subarray(0, end),
      pool: this.pool.subarray(0, this.#poolUsed),
      facetSet: this.facetSet.subarray(0, end),
      sets: this.sets.snapshot(),
    }
  }

  /** Takes the arrays of a snapshot (after `loadValues`): as `load` would have built them. */
  restore(arrays: DocArrays): void {
    this.state = arrays.state
    this.updated = arrays.updated
    this.budget = arrays.budget
    this.currency = arrays.currency
    this.author = arrays.author
    this.facetStart = arrays.facetStart
    this.facetCount = arrays.facetCount
    this.pool = arrays.pool
    this.#poolUsed = arrays.poolUsed
    this.end = arrays.end
    this.currentCount = arrays.currentCount
    this.currencies.clear()
    for (const currency of arrays.currencies) this.currencies.id(currency)
    this.facetSet = arrays.facetSet
    this.sets.restore(arrays.sets)
    this.currentBySet = new Uint32Array(256)
    this.byDate.reset()
    this.byBudget.reset()
    for (let rowid = 1; rowid < this.end; rowid++) {
      // as `add` tells when it reads a current version back
      if (this.state[rowid] === CURRENT) {
        this.#countCurrent(rowid, 1)
        this.onCurrent?.changed(rowid, 1)
      }
    }
  }

  clear(): void {
    this.state = new Uint8Array(1024)
    this.facetCount = new Uint16Array(1024)
    this.#poolUsed = 0
    this.end = 1
    this.currentCount = 0
    this.values.clear()
    this.currencies.clear()
    this.sets.clear()
    this.currentBySet = new Uint32Array(256)
    this.byDate.reset()
    this.byBudget.reset()
    this.onCurrent?.cleared()
  }

  add(rowid: number, doc: NewDoc): void {
    const reused = rowid < this.end
    this.#reserve(rowid + 1)
    if (this.state[rowid] === CURRENT) {
      this.#countCurrent(rowid, -1) // its old facets
      this.onCurrent?.changed(rowid, -1)
    }
    const at = this.#poolUsed
    this.pool = grown(this.pool, at + doc.facets.length)
    this.pool.set(doc.facets, at)
    this.#poolUsed += doc.facets.length
    this.facetStart[rowid] = at
    this.facetCount[rowid] = doc.facets.length
    this.facetSet[rowid] = this.sets.id(doc.facets)
    if (this.state[rowid] === CURRENT) this.currentCount--
    this.state[rowid] = doc.current ? CURRENT : OLD
    if (doc.current) this.currentCount++
    this.updated[rowid] = doc.updated
    this.budget[rowid] = doc.budget ?? Number.NaN
    this.currency[rowid] = doc.currency === undefined ? 0 : this.currencies.id(doc.currency) + 1
    this.author[rowid] = doc.author
    this.end = Math.max(this.end, rowid + 1)
    this.byDate.added(rowid, reused)
    this.byBudget.added(rowid, reused)
    if (doc.current) {
      this.#countCurrent(rowid, 1)
      this.onCurrent?.changed(rowid, 1)
    }
  }

  setOld(rowid: number): void {
    if (this.state[rowid] !== CURRENT) return
    this.state[rowid] = OLD
    this.currentCount--
    this.#countCurrent(rowid, -1)
    this.onCurrent?.changed(rowid, -1)
  }

  remove(rowid: number): void {
    if (this.state[rowid] === CURRENT) {
      this.currentCount--
      this.#countCurrent(rowid, -1)
      this.onCurrent?.changed(rowid, -1)
    }
    if (rowid < this.state.length) this.state[rowid] = ABSENT
    this.byDate.removed()
    this.byBudget.removed()
    this.onCurrent?.removed()
  }

  /** One current version more or less in its facet set. */
  #countCurrent(rowid: number, delta: 1 | -1): void {
    const set = this.facetSet[rowid] ?? 0
    this.currentBySet = grown(this.currentBySet, set + 1)
    this.currentBySet[set] = (this.currentBySet[set] ?? 0) + delta
  }

  /** Every indexed rowid, ascending. */
  #indexed(): Int32Array {
    const rowids = new Int32Array(this.end)
    let n = 0
    for (let rowid = 1; rowid < this.end; rowid++)
      if (this.state[rowid] !== ABSENT) rowids[n++] = rowid
    return rowids.subarray(0, n)
  }

  #reserve(size: number): void {
    this.state = grown(this.state, size)
    this.updated = grown(this.updated, size)
    this.budget = grown(this.budget, size)
    this.currency = grown(this.currency, size)
    this.author = grown(this.author, size)
    this.facetStart = grown(this.facetStart, size)
    this.facetCount = grown(this.facetCount, size)
    this.facetSet = grown(this.facetSet, size)
  }
}
