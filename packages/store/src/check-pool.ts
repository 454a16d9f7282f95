/**
 * Worker threads that check the entry blocks of large segments (decoding each, its hash,
 * its signature and every record of its payload, {@link checkEntryBlock}), so that a bulk
 * join checks on the other cores while the joining thread applies what was checked before.
 * Workers start when there is work and exit after a few idle seconds: a node that is not
 * syncing in bulk (twenty of them share two cores in the propagation bench) keeps none.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { CheckJob } from './check-worker.js'
import type { BlockCheck } from './entry-check.js'

/** How long a worker with nothing to do stays. */
const IDLE_MS = 5_000

/**
 * The worker's compiled module. Tests run this file from `src` (TypeScript), where the
 * worker cannot be loaded: the built one in `dist` is used then.
 */
const WORKER_URL = import.meta.url.endsWith('.ts')
  ? new URL('../dist/check-worker.js', import.meta.url)
  : new URL('./check-worker.js', import.meta.url)

export interface CheckPoolInit {
  /**
   * Worker threads at most. @default the cores this process may use but one
   * (`os.availableParallelism() - 1`, at least 1): the joining thread keeps a core busy
   * applying what was checked, and each worker costs its start (loading the schema, warming
   * its JIT: ~0.3 s of CPU) again
   */
  readonly size?: number
  /** How long a worker with nothing to do stays before it exits. @default 5_000 */
  readonly idleMs?: number
}

interface Pending {
  readonly resolve: (results: BlockCheck[]) => void
  readonly reject: (err: Error) => void
}

class CheckWorker {
  readonly #worker: Worker
  readonly #pending = new Map<number, Pending>()
  #next = 0
  #idle: NodeJS.Timeout | undefined
  #gone = false

  constructor(
    readonly idleMs: number,
    readonly onExit: (worker: CheckWorker) => void,
  ) {
    this.#worker = new Worker(WORKER_URL)
    this.#worker.unref()
    this.#worker.on('message', (answer: { id: number; results?: BlockCheck[]; error?: string }) => {
      const pending = this.#pending.get(answer.id)
      this.#pending.delete(answer.id)
      if (answer.results !== undefined) pending?.resolve(answer.results)
      else pending?.reject(new Error(`the check worker failed: ${answer.error}`))
      this.#armIdle()
    })
    const fail = (err: Error) => {
      if (this.#gone) return
      this.#gone = true
      clearTimeout(this.#idle)
      for (const { reject } of this.#pending.values()) reject(err)
      this.#pending.clear()
      this.onExit(this)
    }
    this.#worker.on('error', fail)
    this.#worker.on('exit', (code) => fail(new Error(`the check worker exited with ${code}`)))
    this.#armIdle()
  }

  get load(): number {
    return this.#pending.size
  }

  check(did: string, blocks: readonly Uint8Array[]): Promise<BlockCheck[]> {
    clearTimeout(this.#idle)
    const id = this.#next++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#worker.postMessage({ id, did, blocks } satisfies CheckJob)
    })
  }

  #armIdle(): void {
    if (this.#pending.size > 0) return
    clearTimeout(this.#idle)
    this.#idle = setTimeout(() => void this.stop(), this.idleMs)
    this.#idle.unref()
  }

  async stop(): Promise<void> {
    clearTimeout(this.#idle)
    await this.#worker.terminate()
  }
}

export class CheckPool {
  readonly #size: number
  readonly #idleMs: number
  readonly #workers = new Set<CheckWorker>()

  constructor(init: CheckPoolInit = {}) {
    this.#size = Math.max(1, init.size ?? availableParallelism() - 1)
    this.#idleMs = init.idleMs ?? IDLE_MS
  }

  /** Worker threads running now. */
  get workers(): number {
    return this.#workers.size
  }

  /**
   * Starts the workers ahead of a bulk join, so that the first segment does not wait for
   * them to load.
   */
  warm(): void {
    while (this.#workers.size < this.#size) this.#spawn()
  }

  /** Checks entry blocks of `did`'s log, spread over the workers; results in order. */
  async check(did: string, blocks: readonly Uint8Array[]): Promise<BlockCheck[]> {
    if (blocks.length === 0) return []
    this.warm()
    const workers = [...this.#workers].sort((a, b) => a.load - b.load)
    const parts = Math.min(workers.length, blocks.length)
    const size = Math.ceil(blocks.length / parts)
    const answers = await Promise.all(
      workers
        .slice(0, parts)
        .map((worker, i) => worker.check(did, blocks.slice(i * size, (i + 1) * size))),
    )
    return answers.flat()
  }

  async close(): Promise<void> {
    const workers = [...this.#workers]
    this.#workers.clear()
    await Promise.all(workers.map((worker) => worker.stop()))
  }

  #spawn(): void {
    this.#workers.add(new CheckWorker(this.#idleMs, (gone) => this.#workers.delete(gone)))
  }
}
