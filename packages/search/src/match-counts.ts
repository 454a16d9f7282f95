/**
 * How many versions an expression matched when it was last counted: a hint, not a fact.
 * A ranked query counts its matches first (one FTS5 pass) only to learn whether it is
 * broad, then scores them (a second pass that finds them again). When its words were
 * counted before and were well under `RANK_ALL`, it is scored at once; the score pass
 * returns every match, so a hint gone stale after writes costs the count pass it would
 * have saved, never another result. Writes do not clear it: counts move slowly, and the
 * caller checks the score pass's own count.
 */
export class MatchCounts {
  readonly #size: number
  readonly #counts = new Map<string, number>()

  /** Keeps up to `size` expressions; when full it starts again (a rare reset costs one pass each). */
  constructor(size: number) {
    this.#size = size
  }

  get(expression: string): number | undefined {
    return this.#counts.get(expression)
  }

  set(expression: string, count: number): void {
    if (this.#size === 0) return
    if (this.#counts.size >= this.#size && !this.#counts.has(expression)) this.#counts.clear()
    this.#counts.set(expression, count)
  }

  clear(): void {
    this.#counts.clear()
  }
}
