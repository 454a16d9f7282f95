/**
 * What a search needs of every indexed version, held in memory: its facet value ids and
 * sort keys. Filtering, facet counting and sorting run over these arrays, so a query
 * costs one FTS5 lookup plus a pass over its matches, whatever the facets.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { StoredFacet } from './facets.js'

export interface CachedDoc {
  readonly rowid: number
  readonly author: string
  current: boolean
  readonly updated: string
  readonly budget: bigint | undefined
  readonly currency: string | undefined
  readonly facetIds: Uint32Array
}

interface DocRow {
  rowid: number
  author: string
  current: number
  updated: string
  budget: string | null
  currency: string | null
  facets: string
}

/** Facet values interned to small integers, so counting is array increments. */
export class FacetValues {
  readonly #ids = new Map<string, number>()
  readonly facetOf: StoredFacet[] = []
  readonly valueOf: string[] = []

  id(facet: StoredFacet, value: string): number {
    const key = `${facet}\u0000${value}`
    let id = this.#ids.get(key)
    if (id === undefined) {
      id = this.valueOf.length
      this.#ids.set(key, id)
      this.facetOf.push(facet)
      this.valueOf.push(value)
    }
    return id
  }

  find(facet: StoredFacet, value: string): number | undefined {
    return this.#ids.get(`${facet}\u0000${value}`)
  }

  get size(): number {
    return this.valueOf.length
  }
}

export class DocCache {
  readonly docs = new Map<number, CachedDoc>()
  readonly values = new FacetValues()

  /** Reads every indexed version from the database. */
  load(db: DatabaseSync): void {
    this.docs.clear()
    const rows = db
      .prepare('SELECT rowid, author, current, updated, budget, currency, facets FROM docs')
      .all() as unknown as DocRow[]
    for (const row of rows) {
      const facets = JSON.parse(row.facets) as [StoredFacet, string][]
      this.add(row.rowid, {
        author: row.author,
        current: row.current === 1,
        updated: row.updated,
        budget: row.budget === null ? undefined : BigInt(row.budget),
        currency: row.currency ?? undefined,
        facets,
      })
    }
  }

  add(
    rowid: number,
    doc: Omit<CachedDoc, 'rowid' | 'facetIds'> & { facets: readonly [StoredFacet, string][] },
  ): void {
    const facetIds = Uint32Array.from(doc.facets, ([facet, value]) => this.values.id(facet, value))
    this.docs.set(rowid, {
      rowid,
      author: doc.author,
      current: doc.current,
      updated: doc.updated,
      budget: doc.budget,
      currency: doc.currency,
      facetIds,
    })
  }
}
