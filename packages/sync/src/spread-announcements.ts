/**
 * A follower's "I hold this log now" after a pull, said after a random wait. Said at once,
 * it was suppressed only once a few other holders' messages had arrived, and when every
 * follower pulls at once (a collective's follow phase, a popular organisation's bulk
 * import) they all checked before any of them had said anything: ~26 such messages a node
 * for ~33 follows in a 100-node follow phase, each delivered to every node. Spread over a
 * random wait in [0, T], the first few go out and arrive before most of the others'
 * waits end, and those stay quiet (suppression by random delay, as Trickle, RFC 6206, and
 * SSDP/mDNS responders do): about HOLDERS_ENOUGH + F x (gossip delay) / T messages for F
 * followers pulling at once. A neighbour waiting for a holder hears the first of F after
 * T / (F + 1) on average; one that hears none finds holders through the DHT, as before.
 */
export class SpreadAnnouncements {
  readonly #pending = new Map<string, NodeJS.Timeout>()
  readonly #maxDelayMs: number
  readonly #say: (did: string) => void
  readonly #random: () => number
  #stopped = false

  /**
   * @param say - what to do once the wait is over (check the holders heard, and say it)
   * @param random - a number in [0, 1) (tests pass their own)
   */
  constructor(maxDelayMs: number, say: (did: string) => void, random: () => number = Math.random) {
    this.#maxDelayMs = maxDelayMs
    this.#say = say
    this.#random = random
  }

  /** Says `did`'s log after a random wait; a log already waiting keeps its turn. */
  schedule(did: string): void {
    if (this.#stopped || this.#pending.has(did)) return
    const timer = setTimeout(() => {
      this.#pending.delete(did)
      this.#say(did)
    }, this.#random() * this.#maxDelayMs)
    timer.unref()
    this.#pending.set(did, timer)
  }

  /** The log was said otherwise (a digest): no second message for it. */
  cancel(did: string): void {
    clearTimeout(this.#pending.get(did))
    this.#pending.delete(did)
  }

  /** Whether `did`'s log waits for its turn. */
  has(did: string): boolean {
    return this.#pending.has(did)
  }

  stop(): void {
    this.#stopped = true
    for (const timer of this.#pending.values()) clearTimeout(timer)
    this.#pending.clear()
  }
}
