/**
 * Peers this node refuses to connect with for a while: offenders that were cut off. Without
 * it a cut-off peer could dial again at once. Consulted by the connection gater for dials
 * both ways; entries expire, so an honest peer that once misbehaved comes back.
 */
export class PeerGate {
  readonly #until = new Map<string, number>()

  /** Refuses connections with `peer` (a peer id string) for `forMs` from now. */
  block(peer: string, forMs: number, now = Date.now()): void {
    // many offenders at once: forget the expired ones rather than grow without bound
    if (this.#until.size > 10_000) {
      for (const [key, until] of this.#until) if (until <= now) this.#until.delete(key)
    }
    this.#until.set(peer, Math.max(this.#until.get(peer) ?? 0, now + forMs))
  }

  /** Whether connections with `peer` are refused now. */
  denies(peer: string, now = Date.now()): boolean {
    const until = this.#until.get(peer)
    if (until === undefined) return false
    if (until > now) return true
    this.#until.delete(peer)
    return false
  }
}
