/**
 * A shared/exclusive lock: uploads and pins share it, garbage collection takes it alone,
 * so that no block written before its pin exists is collected.
 */
export class SharedLock {
  #shared = 0
  #exclusive = false
  readonly #waiting: (() => void)[] = []

  /** Waits until no exclusive holder; returns the release. */
  async shared(): Promise<() => void> {
    while (this.#exclusive) await this.#wait()
    this.#shared++
    return once(() => {
      this.#shared--
      this.#wake()
    })
  }

  /** Waits until nobody holds the lock; returns the release. */
  async exclusive(): Promise<() => void> {
    while (this.#exclusive || this.#shared > 0) await this.#wait()
    this.#exclusive = true
    return once(() => {
      this.#exclusive = false
      this.#wake()
    })
  }

  #wait(): Promise<void> {
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  #wake(): void {
    for (const resolve of this.#waiting.splice(0)) resolve()
  }
}

function once(fn: () => void): () => void {
  let done = false
  return () => {
    if (done) return
    done = true
    fn()
  }
}
