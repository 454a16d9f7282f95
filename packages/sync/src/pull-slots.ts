/**
 * At most a few pulls from one peer at a time. A follower that pulled fifty logs from one
 * holder at once joined them one after another (the store has one writer), so each pull's
 * acknowledgements waited for all the others'; on a busy machine they came later than the
 * holder waits for them (15 s), the holder closed the streams, and the follower took it
 * for a peer that claims logs and does not serve them, and cut it off: a cold sync of 50
 * organisations never finished. The pulls beyond the limit wait their turn here instead.
 */
export class PullSlots {
  readonly #perPeer: number
  readonly #running = new Map<string, number>()
  readonly #waiting = new Map<string, (() => void)[]>()

  constructor(perPeer: number) {
    this.#perPeer = Math.max(1, perPeer)
  }

  /** Runs `pull` once fewer than the limit of pulls from `peer` run. */
  async run<T>(peer: string, pull: () => Promise<T>): Promise<T> {
    if ((this.#running.get(peer) ?? 0) >= this.#perPeer) {
      await new Promise<void>((resolve) => {
        const queue = this.#waiting.get(peer) ?? []
        queue.push(resolve)
        this.#waiting.set(peer, queue)
      })
    } else {
      this.#running.set(peer, (this.#running.get(peer) ?? 0) + 1)
    }
    try {
      return await pull()
    } finally {
      this.#release(peer)
    }
  }

  #release(peer: string): void {
    const queue = this.#waiting.get(peer)
    const next = queue?.shift()
    if (queue?.length === 0) this.#waiting.delete(peer)
    // the slot passes to the next waiting pull as it is
    if (next !== undefined) {
      next()
      return
    }
    const running = (this.#running.get(peer) ?? 1) - 1
    if (running > 0) this.#running.set(peer, running)
    else this.#running.delete(peer)
  }
}
