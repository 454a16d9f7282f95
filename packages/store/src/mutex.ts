/** Runs tasks one at a time, in call order: the node's single SQLite writer. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task)
    // the next task waits for this one whether it succeeds or fails
    this.#tail = result.catch(() => undefined)
    return result
  }

  /** Resolves once every task queued so far has finished. */
  async idle(): Promise<void> {
    await this.#tail
  }
}
