/**
 * Other nodes' DHT requests, answered a few at a time across all connections.
 *
 * kad-dht starts an answer as soon as it has read a request, on every inbound stream at once
 * (32 a connection): in a flood every request was an answer in the making, each holding the
 * peer records it had read while it waited for the CPU (BENCHMARKS.md, round 13: 50-70 % of
 * the live heap in a 50-node simulation's follow phase). Here at most `atOnce` answers are
 * made at a time; the requests after them wait in arrival order holding only their decoded
 * message, at most `waiting` of them, and a request past that is refused at once (kad-dht
 * resets its stream: the asker's walk goes on with other peers). A request that waited past
 * `waitMs` is refused when its turn comes instead of answered: kad-dht reset its stream then.
 */
import { DhtBusyError } from './errors.js'

export interface AnswerGateInit {
  /** Answers made at once. */
  readonly atOnce: number
  /** Requests held waiting beyond those. */
  readonly waiting: number
  /** How long a request may wait before its answer is no use, ms. */
  readonly waitMs: number
}

interface Waiter {
  readonly start: () => void
  readonly refuse: (error: Error) => void
  readonly until: number
}

export class AnswerGate {
  readonly #init: AnswerGateInit
  readonly #waiters: Waiter[] = []
  #answering = 0
  #stopped = false
  /** Requests answered, refused because too many waited, and refused after waiting too long. */
  answered = 0
  refused = 0
  expired = 0
  /** The most answers that were in the making at once. */
  mostAtOnce = 0

  constructor(init: AnswerGateInit) {
    this.#init = init
  }

  /** Answers in the making now. */
  get answering(): number {
    return this.#answering
  }

  /** Requests waiting for their turn now. */
  get waiting(): number {
    return this.#waiters.length
  }

  /** Makes the answer with `make` in its turn, or throws {@link DhtBusyError}. */
  async answer<T>(make: () => Promise<T>): Promise<T> {
    if (this.#stopped) throw new DhtBusyError('the node is stopping')
    if (this.#answering < this.#init.atOnce) this.#answering++
    else if (this.#waiters.length >= this.#init.waiting) {
      this.refused++
      throw new DhtBusyError()
    } else {
      // the slot is handed over by the answer that ends before it (#next)
      await new Promise<void>((start, refuse) =>
        this.#waiters.push({ start, refuse, until: performance.now() + this.#init.waitMs }),
      )
    }
    this.mostAtOnce = Math.max(this.mostAtOnce, this.#answering)
    try {
      const answer = await make()
      this.answered++
      return answer
    } finally {
      this.#next()
    }
  }

  /** Refuses every waiting request and any later one. */
  stop(): void {
    this.#stopped = true
    for (const waiter of this.#waiters.splice(0))
      waiter.refuse(new DhtBusyError('the node is stopping'))
  }

  #next(): void {
    for (;;) {
      const waiter = this.#waiters.shift()
      if (waiter === undefined) {
        this.#answering--
        return
      }
      if (performance.now() <= waiter.until) {
        waiter.start()
        return
      }
      this.expired++
      waiter.refuse(new DhtBusyError('waited past the timeout of its stream'))
    }
  }
}
