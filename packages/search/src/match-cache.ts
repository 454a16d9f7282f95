/**
 * The last few queries' matches, so that what a person does next with the same words —
 * click a facet, turn a page, change the budget range — costs no FTS5 pass: filters,
 * counts and pages are computed from the matches in memory. Any write empties it.
 */
import type { Matches } from './select.js'

export interface Found {
  readonly matches: Matches
  readonly relaxed: boolean
  readonly broad: boolean
  /**
   * Scores were computed only for the versions the query's filters accept: the matches
   * serve a query with the same filters, not another.
   */
  readonly scoped: boolean
}

export class MatchCache {
  readonly #size: number
  readonly #entries = new Map<string, Found>()

  /** `size` 0 keeps nothing. */
  constructor(size: number) {
    this.#size = size
  }

  get(key: string): Found | undefined {
    const found = this.#entries.get(key)
    if (found !== undefined) {
      // most recently used last
      this.#entries.delete(key)
      this.#entries.set(key, found)
    }
    return found
  }

  set(key: string, found: Found): void {
    if (this.#size === 0) return
    this.#entries.delete(key)
    this.#entries.set(key, found)
    if (this.#entries.size > this.#size) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
  }

  clear(): void {
    this.#entries.clear()
  }
}
