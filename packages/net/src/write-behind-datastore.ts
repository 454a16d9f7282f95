/**
 * libp2p's part of the node's LevelDB, served from memory and written behind.
 *
 * libp2p writes its peer store on every new connection and stream (identify, protocols) and
 * kad-dht reads or writes a provider record on every ADD_PROVIDER and GET_PROVIDERS. On LevelDB
 * each is a trip through libuv's thread pool (four threads a process): a peer-store write took
 * 240 µs against 66 in memory, and round 17's 200-node run followed 9 points fewer logs with
 * the peer store on disk than in memory (BENCHMARKS.md). libp2p's own default is a store in
 * memory, lost at every restart.
 *
 * Here the keys under libp2p's prefixes are read from LevelDB once at start and kept in
 * memory, as libp2p's default store kept them; reads and queries are answered from there, and
 * changes go to LevelDB in one batch a second and at close. What a crash can lose is the last
 * second of peer addresses and provider records: hints the running collective gives again
 * (identify, the DHT's hourly renewals). Other keys go to LevelDB as they come.
 */
import { BaseDatastore } from 'datastore-core'
import { type Datastore, Key, type KeyQuery, type Pair, type Query } from 'interface-datastore'
import { type AbortOptions, NotFoundError } from 'interface-store'

/** Where libp2p keeps its state: the peer store (`@libp2p/peer-store`) and kad-dht's records. */
export const LIBP2P_PREFIXES: readonly string[] = ['/peers/', '/dht/']

/** How long a change waits in memory before it is written, ms: one batch a second at most. */
export const WRITE_BEHIND_DELAY_MS = 1_000

/** A pending delete, where a pending put holds the value. */
const DELETED = null

export interface WriteBehindOptions {
  readonly prefixes?: readonly string[]
  readonly delayMs?: number
}

export class WriteBehindDatastore extends BaseDatastore {
  /** libp2p's keys and values, as in LevelDB once the pending changes are written. */
  readonly #data = new Map<string, Uint8Array>()
  readonly #backing: Datastore
  readonly #prefixes: readonly string[]
  readonly #delayMs: number
  /** Changes not yet written: the value to put, or {@link DELETED}. The last change wins. */
  #pending = new Map<string, Uint8Array | typeof DELETED>()
  #timer: NodeJS.Timeout | undefined
  /** The write under way: one at a time, so a later batch never lands before an earlier one. */
  #writing: Promise<void> = Promise.resolve()
  #failures = 0
  #closed = false

  private constructor(backing: Datastore, options: WriteBehindOptions) {
    super()
    this.#backing = backing
    this.#prefixes = options.prefixes ?? LIBP2P_PREFIXES
    this.#delayMs = options.delayMs ?? WRITE_BEHIND_DELAY_MS
  }

  /** Reads the keys under the prefixes from `backing` into memory. */
  static async open(
    backing: Datastore,
    options: WriteBehindOptions = {},
  ): Promise<WriteBehindDatastore> {
    const store = new WriteBehindDatastore(backing, options)
    for (const prefix of store.#prefixes) {
      for await (const { key, value } of backing.query({ prefix })) {
        store.#data.set(key.toString(), value)
      }
    }
    return store
  }

  /** Writes that failed (a full disk): their changes stay pending and are tried again. */
  get failedWrites(): number {
    return this.#failures
  }

  /** Changes waiting to be written. */
  get pendingWrites(): number {
    return this.#pending.size
  }

  #mirrored(key: string): boolean {
    return this.#prefixes.some((prefix) => key.startsWith(prefix))
  }

  // async, as LevelDB's: a caller's `.catch` sees a missing key as a rejection, not a throw
  override async put(key: Key, value: Uint8Array, options?: AbortOptions): Promise<Key> {
    const name = key.toString()
    if (!this.#mirrored(name)) return this.#backing.put(key, value, options)
    options?.signal?.throwIfAborted()
    this.#data.set(name, value)
    this.#change(name, value)
    return key
  }

  override async get(key: Key, options?: AbortOptions): Promise<Uint8Array> {
    const name = key.toString()
    if (!this.#mirrored(name)) return this.#backing.get(key, options)
    options?.signal?.throwIfAborted()
    const value = this.#data.get(name)
    if (value === undefined) throw new NotFoundError(`${name} not found`)
    return value
  }

  override async has(key: Key, options?: AbortOptions): Promise<boolean> {
    const name = key.toString()
    if (!this.#mirrored(name)) return this.#backing.has(key, options)
    options?.signal?.throwIfAborted()
    return this.#data.has(name)
  }

  override async delete(key: Key, options?: AbortOptions): Promise<void> {
    const name = key.toString()
    if (!this.#mirrored(name)) return this.#backing.delete(key, options)
    options?.signal?.throwIfAborted()
    this.#data.delete(name)
    this.#change(name, DELETED)
  }

  // BaseDatastore's query and queryKeys filter, order and limit what these yield

  override async *_all(query: Query, options?: AbortOptions): AsyncGenerator<Pair> {
    if (query.prefix !== undefined && this.#mirrored(query.prefix)) {
      for (const [name, value] of this.#data) {
        options?.signal?.throwIfAborted()
        if (name.startsWith(query.prefix)) yield { key: new Key(name, false), value }
      }
      return
    }
    // a query that may reach libp2p's keys reads LevelDB once every pending change is in it
    await this.flush()
    yield* this.#backing.query({ prefix: query.prefix }, options)
  }

  override async *_allKeys(query: KeyQuery, options?: AbortOptions): AsyncGenerator<Key> {
    if (query.prefix !== undefined && this.#mirrored(query.prefix)) {
      for (const name of this.#data.keys()) {
        options?.signal?.throwIfAborted()
        if (name.startsWith(query.prefix)) yield new Key(name, false)
      }
      return
    }
    await this.flush()
    yield* this.#backing.queryKeys({ prefix: query.prefix }, options)
  }

  #change(name: string, value: Uint8Array | typeof DELETED): void {
    this.#pending.set(name, value)
    this.#schedule()
  }

  #schedule(): void {
    if (this.#timer !== undefined || this.#closed) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      // a failed write keeps its changes pending and schedules itself again
      this.flush().catch(() => undefined)
    }, this.#delayMs)
    // the pending changes are written at close; they keep no process alive
    this.#timer.unref()
  }

  /** Writes every pending change to LevelDB in one batch; rejects if the write fails. */
  flush(): Promise<void> {
    this.#writing = this.#writing.catch(() => undefined).then(() => this.#write())
    return this.#writing
  }

  async #write(): Promise<void> {
    if (this.#pending.size === 0) return
    const changes = this.#pending
    this.#pending = new Map()
    const batch = this.#backing.batch()
    for (const [name, value] of changes) {
      const key = new Key(name)
      if (value === DELETED) batch.delete(key)
      else batch.put(key, value)
    }
    try {
      await batch.commit()
    } catch (err) {
      this.#failures++
      // back in the queue under any change made since, which is newer
      for (const [name, value] of changes) {
        if (!this.#pending.has(name)) this.#pending.set(name, value)
      }
      this.#schedule()
      throw err
    }
  }

  /** Writes what is pending, and no more later: the LevelDB is closed by its owner after this. */
  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#timer)
    this.#timer = undefined
    await this.flush()
  }
}
