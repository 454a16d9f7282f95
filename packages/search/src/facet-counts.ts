/**
 * Facet counts of a selection, from its matches per facet set: one increment per match
 * (`add`), or the sets' counts of current versions kept on writes (`addSets`) when a query
 * without words selects whole sets. Each set's count goes to each of its values once at the
 * end. `orgType` comes from the `organization` counts (every version has exactly one, its
 * author), so no second count per match is needed.
 */
import { DEFAULT_FACET_LIMIT } from './constants.js'
import type { DocColumns } from './doc-cache.js'
import { SearchQueryError } from './errors.js'
import { FACET_NAMES, type FacetName, type StoredFacet } from './facets.js'
import type { FacetCount, SearchQuery } from './types.js'

/** What facet counts need of the authors, by DID (the `organization` facet's values). */
export interface AuthorLabels {
  readonly namesOf: (did: string) => Record<string, string> | undefined
  readonly orgTypeOfDid: (did: string) => string | undefined
}

export const isFacet = (name: string): name is FacetName =>
  (FACET_NAMES as readonly string[]).includes(name)

export class FacetCounts {
  readonly #wanted: Set<FacetName>
  readonly #cache: DocColumns
  /** Matches per facet set. */
  readonly perSet: Uint32Array

  constructor(query: SearchQuery, cache: DocColumns) {
    this.#wanted = new Set<FacetName>(query.facets ?? FACET_NAMES)
    for (const name of this.#wanted)
      if (!isFacet(name)) throw new SearchQueryError(`Unknown facet: ${name}`)
    this.#cache = cache
    this.perSet = new Uint32Array(cache.sets.size)
  }

  /** Counts one accepted version. */
  add(rowid: number): void {
    const set = this.#cache.facetSet[rowid] ?? 0
    this.perSet[set] = (this.perSet[set] ?? 0) + 1
  }

  /** Counts every current version of the sets marked 1 in `sets` (all without it); returns how many. */
  addCurrent(sets: Uint8Array | undefined): number {
    const live = this.#cache.currentBySet
    let total = 0
    for (let set = 0; set < this.perSet.length; set++) {
      if (sets !== undefined && sets[set] !== 1) continue
      const n = live[set] ?? 0
      this.perSet[set] = (this.perSet[set] ?? 0) + n
      total += n
    }
    return total
  }

  result(
    authors: AuthorLabels,
    facetLimit = DEFAULT_FACET_LIMIT,
  ): Partial<Record<FacetName, FacetCount[]>> {
    const wanted = this.#wanted
    const { values } = this.#cache
    const out: Partial<Record<FacetName, FacetCount[]>> = {}
    for (const name of wanted) out[name] = []
    const counts = new Uint32Array(values.size)
    this.#cache.sets.spread(this.perSet, counts)
    const types = new Map<string, number>()
    counts.forEach((count, id) => {
      if (count === 0) return
      const facet = values.facetOf[id] as StoredFacet
      const value = values.valueOf[id] as string
      if (facet === 'organization' && wanted.has('orgType')) {
        const type = authors.orgTypeOfDid(value)
        if (type !== undefined) types.set(type, (types.get(type) ?? 0) + count)
      }
      if (!wanted.has(facet)) return
      const label = facet === 'organization' ? authors.namesOf(value) : undefined
      out[facet]?.push(label === undefined ? { value, count } : { value, count, label })
    })
    if (wanted.has('orgType')) out.orgType = [...types].map(([value, count]) => ({ value, count }))
    for (const name of wanted) {
      out[name] = (out[name] ?? [])
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
        .slice(0, facetLimit)
    }
    return out
  }
}
