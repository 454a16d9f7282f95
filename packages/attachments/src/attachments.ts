/**
 * The attachment service: files in Helia as UnixFS, added from a stream, read by CID
 * (from peers when not local), pinned by policy, unpinned blocks collected.
 */
import type { Helia } from '@helia/interface'
import { type Attachment, cidKey, type RecordState } from '@polder/schema'
import type { Change, Store } from '@polder/store'
import { TypedEventEmitter } from 'main-event'
import {
  DEFAULT_BLOCK_TIMEOUT,
  DEFAULT_CACHE_BUDGET,
  DEFAULT_FIND_TIMEOUT,
  DEFAULT_GC_INTERVAL,
  DEFAULT_MAX_BYTES,
  DEFAULT_PIN_BUDGET,
  DEFAULT_RECONCILE_INTERVAL,
  ORG_PIN_SHARE,
} from './constants.js'
import {
  AttachmentFetchError,
  AttachmentNotFoundError,
  AttachmentSizeMismatchError,
  AttachmentsClosedError,
  AttachmentTooLargeError,
} from './errors.js'
import { type FileCid as CID, fileCid } from './file-cid.js'
import { importStream } from './import.js'
import { type CurrentPin, type PinOrigin, planPins } from './pin-policy.js'
import { PinFailures, type PinWork, pinLanes, runLanes } from './pin-retry.js'
import {
  type FileInfo,
  localBytes,
  type ReadOptions,
  readFile,
  statFile,
  timedBlocks,
} from './reader.js'
import { type AttachmentRef, References } from './references.js'
import { SharedLock } from './rw-lock.js'

export interface AttachmentsInit {
  readonly network: { readonly helia: Helia }
  readonly store: Store
  /** Largest upload, bytes. @default 200 MiB */
  readonly maxBytes?: number
  /** Bytes of followed organisations' attachments pinned automatically. @default 2 GiB */
  readonly pinBudget?: number
  /**
   * Bytes of files read on demand (not pinned) kept until garbage collection; past it, the
   * collection runs at once instead of at its interval. @default 1 GiB
   */
  readonly cacheBudget?: number
  /** How long to look for a file before it is unavailable, ms. @default 30 s */
  readonly findTimeoutMs?: number
  /** How long one block may take to arrive, ms. @default 30 s */
  readonly blockTimeoutMs?: number
  /** How often the pin policy is applied again, ms. @default 60 s */
  readonly reconcileIntervalMs?: number
  /** How often unpinned blocks are collected, ms (0: never on a timer). @default 1 h */
  readonly gcIntervalMs?: number
}

export type AttachmentState = 'pinned' | 'local' | 'fetching' | 'unavailable'

export interface AttachmentStatus {
  readonly cid: string
  readonly state: AttachmentState
  /** Bytes of the file, when its root block is here. */
  readonly size?: number
  /** Bytes of it held here. */
  readonly localBytes: number
  /** Why it is pinned. */
  readonly pin?: PinOrigin
  /** Records carrying it. */
  readonly references: AttachmentRef[]
  /** The last automatic fetch's failure. */
  readonly error?: string
}

export interface PinInfo extends CurrentPin {
  readonly cid: string
}

export interface PinSummary {
  readonly pins: PinInfo[]
  /** Bytes for followed organisations' attachments, and how many are taken. */
  readonly budget: { readonly bytes: number; readonly used: number }
  readonly maxBytes: number
}

export interface AddOptions {
  readonly signal?: AbortSignal
  /** The size the sender announced (Content-Length): refused at once when too large. */
  readonly declaredSize?: number
  /** Bytes read so far. */
  readonly onProgress?: (bytes: number) => void
}

export interface AttachmentsEvents {
  'attachment:pinned': CustomEvent<{ cid: string; origin: PinOrigin; size: number }>
  'attachment:unpinned': CustomEvent<{ cid: string }>
  'attachment:failed': CustomEvent<{ cid: string; error: string }>
  'attachment:gc': CustomEvent<{ deleted: number }>
}

const RECORD_EVENTS = ['record:added', 'record:updated', 'record:retracted'] as const

export class Attachments extends TypedEventEmitter<AttachmentsEvents> {
  readonly maxBytes: number
  readonly pinBudget: number
  readonly cacheBudget: number
  /** Files read on demand since the last collection, by CID, with their sizes. */
  readonly #cached = new Map<string, number>()
  readonly #helia: Helia
  readonly #store: Store
  readonly #findTimeoutMs: number
  readonly #blocks: ReturnType<typeof timedBlocks>
  readonly #reconcileIntervalMs: number
  readonly #gcIntervalMs: number
  readonly #references: References
  readonly #lock = new SharedLock()
  readonly #fetching = new Map<string, number>()
  readonly #failures = new PinFailures()
  readonly #provided = new Set<string>()
  readonly #controller = new AbortController()
  readonly #timers: NodeJS.Timeout[] = []
  #reconciling: Promise<void> | undefined
  /** Retries of failed pins under way, apart from the policy runs. */
  #retrying: Promise<void> | undefined
  #again = false
  #soon: NodeJS.Timeout | undefined
  #started = false

  constructor(init: AttachmentsInit) {
    super()
    this.#helia = init.network.helia
    this.#store = init.store
    this.#references = new References(init.store)
    this.maxBytes = init.maxBytes ?? DEFAULT_MAX_BYTES
    this.pinBudget = init.pinBudget ?? DEFAULT_PIN_BUDGET
    this.cacheBudget = init.cacheBudget ?? DEFAULT_CACHE_BUDGET
    this.#findTimeoutMs = init.findTimeoutMs ?? DEFAULT_FIND_TIMEOUT
    this.#blocks = timedBlocks(this.#helia.blockstore, init.blockTimeoutMs ?? DEFAULT_BLOCK_TIMEOUT)
    this.#reconcileIntervalMs = init.reconcileIntervalMs ?? DEFAULT_RECONCILE_INTERVAL
    this.#gcIntervalMs = init.gcIntervalMs ?? DEFAULT_GC_INTERVAL
  }

  /** Follows the records and applies the pin policy now and then. */
  start(): void {
    if (this.#started) return
    this.#started = true
    for (const type of RECORD_EVENTS) this.#store.addEventListener(type, this.#onRecord)
    this.#store.addEventListener('org:blocked', this.#onBlocked)
    this.#helia.libp2p.addEventListener('peer:connect', this.#onConnect)
    this.#timers.push(setInterval(() => this.#schedule(0), this.#reconcileIntervalMs))
    if (this.#gcIntervalMs > 0) {
      this.#timers.push(setInterval(() => void this.gc().catch(() => {}), this.#gcIntervalMs))
    }
    for (const timer of this.#timers) timer.unref()
    this.#schedule(0)
  }

  /** Stops fetching and pinning; waits for the policy run under way to end. */
  async stop(): Promise<void> {
    this.#controller.abort(new AttachmentsClosedError())
    for (const timer of this.#timers) clearInterval(timer)
    clearTimeout(this.#soon)
    for (const type of RECORD_EVENTS) this.#store.removeEventListener(type, this.#onRecord)
    this.#store.removeEventListener('org:blocked', this.#onBlocked)
    this.#helia.libp2p.removeEventListener('peer:connect', this.#onConnect)
    await this.#reconciling
    await this.#retrying
  }

  /**
   * Adds a file from a stream and pins it as the node's own. Throws
   * {@link AttachmentTooLargeError} past the limit; a failed upload keeps nothing.
   */
  async add(
    source: AsyncIterable<Uint8Array>,
    meta: { readonly name: string; readonly mediaType: string },
    options: AddOptions = {},
  ): Promise<Attachment> {
    this.#assertRunning()
    if (options.declaredSize !== undefined && options.declaredSize > this.maxBytes) {
      throw new AttachmentTooLargeError(this.maxBytes)
    }
    const signal = this.#signal(options.signal)
    const written: CID[] = []
    const release = await this.#lock.shared()
    try {
      const { cid, size } = await importStream(this.#helia.blockstore, source, written, {
        maxBytes: this.maxBytes,
        signal,
        onProgress: options.onProgress,
      })
      await this.#pin(cid, 'own', size, signal)
      release()
      void this.#provide(cid.toString())
      return { cid: cid.toString(), name: meta.name, mediaType: meta.mediaType, size }
    } catch (err) {
      release()
      await this.#forget(written)
      throw err
    }
  }

  /**
   * Finds a file: here, at connected peers, or through the DHT. Throws
   * {@link AttachmentNotFoundError} when nobody had it in time, {@link InvalidCidError}
   * for a malformed CID, {@link NotAFileError} for a directory.
   */
  async stat(cidText: string, options: { signal?: AbortSignal } = {}): Promise<FileInfo> {
    this.#assertRunning()
    const cid = fileCid(cidText)
    const timeout = AbortSignal.timeout(this.#findTimeoutMs)
    try {
      // through the timed blocks: a want of the root lost on the way is sent again
      return await statFile(this.#blocks, cid, {
        signal: AbortSignal.any([this.#signal(options.signal), timeout]),
      })
    } catch (err) {
      const gaveUp = timeout.aborted || err instanceof AttachmentFetchError
      if (gaveUp && options.signal?.aborted !== true)
        throw new AttachmentNotFoundError(cid.toString(), this.#findTimeoutMs)
      throw err
    }
  }

  /** Bytes of a file found with {@link stat}; missing blocks come from peers. */
  async *read(file: FileInfo, options: ReadOptions = {}): AsyncGenerator<Uint8Array> {
    const key = file.cid.toString()
    this.#fetching.set(key, (this.#fetching.get(key) ?? 0) + 1)
    try {
      yield* readFile(this.#blocks, file, { ...options, signal: this.#signal(options.signal) })
    } finally {
      const left = (this.#fetching.get(key) ?? 1) - 1
      if (left > 0) this.#fetching.set(key, left)
      else this.#fetching.delete(key)
      await this.#noteCached(file)
    }
  }

  /** Where a file stands on this node; never fetches. */
  async status(cidText: string): Promise<AttachmentStatus> {
    const cid = fileCid(cidText)
    const key = cid.toString()
    const pin = await this.#pinOf(cid)
    let size: number | undefined
    try {
      size = (await statFile(this.#helia.blockstore, cid, { offline: true })).size
    } catch {
      // the root block is not here
    }
    const local = size === undefined ? 0 : await localBytes(this.#helia.blockstore, cid)
    const state: AttachmentState =
      pin !== undefined
        ? 'pinned'
        : size !== undefined && local >= size
          ? 'local'
          : this.#fetching.has(key)
            ? 'fetching'
            : 'unavailable'
    return {
      cid: key,
      state,
      ...(size === undefined ? {} : { size }),
      localBytes: local,
      ...(pin === undefined ? {} : { pin: pin.origin }),
      references: this.#references.get(key),
      ...(this.#failures.get(key) === undefined ? {} : { error: this.#failures.get(key)?.error }),
    }
  }

  /** The records carrying a file. */
  references(cidText: string): AttachmentRef[] {
    const key = cidKey(cidText)
    return key === undefined ? [] : this.#references.get(key)
  }

  /** Every pin, and the follow budget. */
  async pins(): Promise<PinSummary> {
    const pins = [...(await this.#currentPins())].map(([cid, pin]) => ({ cid, ...pin }))
    const used = pins.filter((pin) => pin.origin === 'follow').reduce((n, pin) => n + pin.size, 0)
    return { pins, budget: { bytes: this.pinBudget, used }, maxBytes: this.maxBytes }
  }

  /** Counts a file read on demand; collects garbage once they pass the cache budget. */
  async #noteCached(file: FileInfo): Promise<void> {
    const key = file.cid.toString()
    if (this.#controller.signal.aborted || (await this.#pinOf(file.cid)) !== undefined) return
    this.#cached.set(key, file.size)
    let bytes = 0
    for (const size of this.#cached.values()) bytes += size
    // collected when no read is under way (the collection waits for reads anyway)
    if (bytes > this.cacheBudget && this.#fetching.size === 0) void this.gc().catch(() => {})
  }

  /** Deletes every unpinned block (on-demand fetches, released pins). */
  async gc(): Promise<{ deleted: number }> {
    this.#assertRunning()
    const release = await this.#lock.exclusive()
    let deleted = 0
    try {
      await this.#helia.gc({
        signal: this.#controller.signal,
        onProgress: (event) => {
          if (event.type === 'helia:gc:deleted') deleted++
        },
      })
    } finally {
      release()
    }
    this.#cached.clear()
    this.safeDispatchEvent('attachment:gc', { detail: { deleted } })
    return { deleted }
  }

  /** Applies the pin policy now; resolves when done (a run under way runs again after). */
  async reconcile(): Promise<void> {
    if (this.#reconciling !== undefined) {
      this.#again = true
      return this.#reconciling
    }
    this.#reconciling = (async () => {
      try {
        do {
          this.#again = false
          await this.#reconcileOnce()
        } while (this.#again && !this.#controller.signal.aborted)
      } finally {
        this.#reconciling = undefined
      }
    })()
    return this.#reconciling
  }

  async #reconcileOnce(): Promise<void> {
    if (this.#controller.signal.aborted) return
    const pins = await this.#currentPins()
    const plan = planPins({
      references: this.#references.entries(),
      pins,
      own: new Set(this.#store.writableLogs()),
      follows: new Set(this.#store.follows()),
      budget: this.pinBudget,
      maxFileBytes: this.maxBytes,
      orgShare: ORG_PIN_SHARE,
      skip: this.#failures.waiting(),
    })
    for (const cid of plan.release) {
      await this.#unpin(cid)
    }
    // bytes of follow pins: reserved before a fetch, so that lanes side by side keep to it
    let used = plan.used - plan.follow.reduce((n, item) => n + item.size, 0)
    const pin = async ({ cid, size, origin }: PinWork): Promise<void> => {
      if (origin === 'follow') {
        if (used + size > this.pinBudget) return
        used += size
      }
      try {
        await this.#fetchAndPin(cid, origin, size)
        this.#failures.succeeded(cid)
      } catch (err) {
        if (origin === 'follow') used -= size
        if (this.#controller.signal.aborted) return
        const error = (err as Error).message
        this.#failures.failed(cid, error)
        this.safeDispatchEvent('attachment:failed', { detail: { cid, error } })
      }
    }
    const [own = [], follow = [], retries = []] = pinLanes(plan.own, plan.follow, this.#failures)
    // retries run on their own, not awaited: the next policy run never waits for them
    if (this.#retrying === undefined && retries.length > 0) {
      this.#retrying = runLanes([retries], pin, { signal: this.#controller.signal }).finally(() => {
        this.#retrying = undefined
      })
    }
    await runLanes([own, follow], pin, { signal: this.#controller.signal })
    if (this.#controller.signal.aborted) return
    for (const cid of pins.keys()) {
      if (!plan.release.includes(cid)) await this.#provide(cid)
    }
  }

  /** Fetches the whole file (each block verified, within time limits), then pins it. */
  async #fetchAndPin(cidText: string, origin: PinOrigin, expected: number): Promise<void> {
    const release = await this.#lock.shared()
    try {
      const file = await this.stat(cidText)
      if (file.size !== expected) {
        throw new AttachmentSizeMismatchError(cidText, expected, file.size)
      }
      for await (const _ of this.read(file)) {
        // reading stores every block locally
      }
      await this.#pin(file.cid, origin, file.size, this.#controller.signal)
    } finally {
      release()
    }
    void this.#provide(cidText)
  }

  async #pin(cid: CID, origin: PinOrigin, size: number, signal: AbortSignal): Promise<void> {
    const existing = await this.#pinOf(cid)
    const metadata = { origin, size, pinnedAt: new Date().toISOString() }
    if (existing === undefined) {
      for await (const _ of this.#helia.pins.add(cid, { metadata, signal })) {
        // each block of the DAG is marked pinned
      }
    } else if (existing.origin !== origin && origin === 'own') {
      // the node's own file: no longer counted against the follow budget
      await this.#helia.pins.setMetadata(cid, metadata)
    } else return
    this.safeDispatchEvent('attachment:pinned', { detail: { cid: cid.toString(), origin, size } })
  }

  async #unpin(cidText: string): Promise<void> {
    const cid = fileCid(cidText)
    for await (const _ of this.#helia.pins.rm(cid)) {
      // each block's pin count goes down
    }
    this.#provided.delete(cidText)
    this.safeDispatchEvent('attachment:unpinned', { detail: { cid: cidText } })
  }

  async #pinOf(cid: CID): Promise<CurrentPin | undefined> {
    try {
      const pin = await this.#helia.pins.get(cid)
      return toCurrentPin(pin.metadata)
    } catch {
      return undefined
    }
  }

  async #currentPins(): Promise<Map<string, CurrentPin>> {
    const pins = new Map<string, CurrentPin>()
    for await (const pin of this.#helia.pins.ls()) {
      pins.set(pin.cid.toString(), toCurrentPin(pin.metadata))
    }
    return pins
  }

  /** Takes back the blocks a failed upload wrote, unless a pin holds them by now. */
  async #forget(written: readonly CID[]): Promise<void> {
    if (written.length === 0) return
    const release = await this.#lock.exclusive()
    try {
      for (const cid of written) {
        if (await this.#helia.pins.isPinned(cid)) continue
        await this.#helia.blockstore.delete(cid)
      }
    } finally {
      release()
    }
  }

  /** Tells the DHT this node has the file, so peers without a neighbour holding it find it. */
  async #provide(cidText: string): Promise<void> {
    if (this.#provided.has(cidText) || this.#controller.signal.aborted) return
    try {
      await this.#helia.routing.provide(fileCid(cidText), {
        signal: AbortSignal.any([
          this.#controller.signal,
          AbortSignal.timeout(this.#findTimeoutMs),
        ]),
      })
      this.#provided.add(cidText)
    } catch {
      // no DHT peers yet: the next policy run provides again
    }
  }

  // the store keeps the references; a change may change what to pin. A record new here
  // without attachments changes none: a live follower gets several a second, and a policy
  // run lists every pin
  readonly #onRecord = ({ detail }: CustomEvent<Change>): void => {
    if (detail.type === 'record:added' && !hasAttachments(detail.state)) return
    this.#schedule(500)
  }

  readonly #onBlocked = (): void => this.#schedule(500)

  // the first peer makes providing possible: run the policy (it provides the pins)
  readonly #onConnect = (): void => {
    if (this.#provided.size === 0) this.#schedule(1_000)
  }

  /** Runs the policy after `ms` (once for a burst of changes). */
  #schedule(ms: number): void {
    if (this.#soon !== undefined || this.#controller.signal.aborted) return
    this.#soon = setTimeout(() => {
      this.#soon = undefined
      void this.reconcile().catch((err: Error) =>
        this.safeDispatchEvent('attachment:failed', { detail: { cid: '', error: err.message } }),
      )
    }, ms)
    this.#soon.unref()
  }

  #signal(signal: AbortSignal | undefined): AbortSignal {
    return signal === undefined
      ? this.#controller.signal
      : AbortSignal.any([this.#controller.signal, signal])
  }

  #assertRunning(): void {
    if (this.#controller.signal.aborted) throw new AttachmentsClosedError()
  }
}

function toCurrentPin(metadata: Record<string, string | number | boolean>): CurrentPin {
  return {
    origin: metadata.origin === 'follow' ? 'follow' : 'own',
    size: typeof metadata.size === 'number' ? metadata.size : 0,
  }
}

/** Whether a record state carries attachments (a tombstone carries none). */
function hasAttachments(state: RecordState): boolean {
  return 'attachments' in state && state.attachments.length > 0
}
