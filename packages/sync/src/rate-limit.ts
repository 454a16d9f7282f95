/**
 * Messages per peer per window: what a gossip validator lets through before it ignores a
 * peer, and the writes one API client may make.
 */
export class RateLimit {
  readonly #max: number
  readonly #windowMs: number
  readonly #counts = new Map<string, { count: number; since: number }>()

  constructor(max: number, windowMs: number) {
    this.#max = max
    this.#windowMs = windowMs
  }

  /** Counts a message of `peer`; false once the peer is over the limit in this window. */
  allow(peer: string, now = Date.now()): boolean {
    const entry = this.#counts.get(peer)
    if (entry === undefined || now - entry.since > this.#windowMs) {
      // many peers at once: forget them all rather than grow without bound
      if (this.#counts.size > 10_000) this.#counts.clear()
      this.#counts.set(peer, { count: 1, since: now })
      return true
    }
    return ++entry.count <= this.#max
  }

  /** Milliseconds until `peer`'s window ends and it may send again (0 if it may now). */
  retryAfterMs(peer: string, now = Date.now()): number {
    const entry = this.#counts.get(peer)
    if (entry === undefined || entry.count < this.#max) return 0
    return Math.max(0, this.#windowMs - (now - entry.since))
  }
}
