/**
 * How far peers' clocks are from this node's: each announcement carries its sender's
 * time (`at`), and gossip delivers it within seconds, so the difference on arrival is the
 * skew give or take the delivery time. Kept per peer, the newest observation only.
 */

/** Peers whose skew is kept at most (the oldest observation goes first). */
const MAX_PEERS = 1_000
/** Observations older than this no longer count. */
const MAX_AGE_MS = 60 * 60_000

export interface PeerClockSkew {
  readonly peer: string
  /** The peer's clock minus this node's, in milliseconds (positive: the peer is ahead). */
  readonly skewMs: number
  /** When it was observed (ISO 8601, this node's clock). */
  readonly seen: string
}

export class ClockSkew {
  readonly #peers = new Map<string, { skewMs: number; seen: number }>()

  /** Notes a message from `peer` sent at `sentAt` (its clock) and received `now` (ours). */
  observe(peer: string, sentAt: number, now = Date.now()): void {
    this.#peers.delete(peer)
    this.#peers.set(peer, { skewMs: sentAt - now, seen: now })
    if (this.#peers.size > MAX_PEERS) {
      const oldest = this.#peers.keys().next().value
      if (oldest !== undefined) this.#peers.delete(oldest)
    }
  }

  /** The recent observations, one per peer. */
  peers(now = Date.now()): PeerClockSkew[] {
    const recent: PeerClockSkew[] = []
    for (const [peer, { skewMs, seen }] of this.#peers) {
      if (now - seen <= MAX_AGE_MS)
        recent.push({ peer, skewMs, seen: new Date(seen).toISOString() })
    }
    return recent
  }
}
