/**
 * What the own organisation's live records say, without their identity (id, dates,
 * version): a publish of the same content again is most likely a mistake (a file sent
 * twice), so the API asks for `force` before it makes a second record of it.
 */
import { hash } from 'node:crypto'
import {
  EncodingError,
  encodeCanonical,
  encodeCanonicalValue,
  isTombstone,
  type RecordState,
} from '@polder/schema'
import { withoutFields } from './content-cut.js'
import type { Change } from './state.js'

/** Fields the node sets: two records that differ only here say the same. */
const IDENTITY = new Set(['id', 'author', 'created', 'updated', 'version', 'schemaVersion'])

/**
 * The canonical bytes (DAG-CBOR: map keys sorted, one encoding per value) of a record
 * without the fields the node sets, so equal content gives equal bytes. A state is a
 * canonical value already (validated, or read back from JSON), encoded without a copy;
 * anything else (an `undefined` field) is copied to its canonical form first. Bytes, not
 * sorted JSON text: that text was a sixth of what a publish allocated in the store.
 */
function contentBytes(record: RecordState): Uint8Array {
  const fields = record as unknown as Record<string, unknown>
  const content: Record<string, unknown> = {}
  for (const key of Object.keys(fields)) if (!IDENTITY.has(key)) content[key] = fields[key]
  try {
    return encodeCanonicalValue(content, Number.POSITIVE_INFINITY)
  } catch (err) {
    if (!(err instanceof EncodingError)) throw err
    return encodeCanonical(content, Number.POSITIVE_INFINITY)
  }
}

/** Content keys of states already hashed: a publish's state is asked for twice or more. */
const keys = new WeakMap<RecordState, string>()

/**
 * A hash of a record's content: every field but those the node sets. With `bytes`, the
 * record's canonical encoding (as validation made it), the content's bytes are cut from
 * them rather than encoded again (the same bytes: content-cut.ts).
 */
export function contentKey(record: RecordState, bytes?: Uint8Array): string {
  let key = keys.get(record)
  if (key !== undefined) return key
  const content = (bytes && withoutFields(bytes, IDENTITY)) ?? contentBytes(record)
  key = hash('sha256', content, 'base64url')
  keys.set(record, key)
  return key
}

/** What an operation of the writer sees of its batch (see writer.ts). */
export interface BatchView {
  /** The current state of a record, with the batch's earlier operations applied. */
  readonly lookup: (id: string) => RecordState | undefined
  /** The states the batch's earlier operations staged, in order (one growing array). */
  readonly earlier: readonly RecordState[]
}

/** The content of a batch's staged states, indexed once as the batch grows. */
interface StagedIndex {
  /** content key -> ids of staged records with it */
  readonly ids: Map<string, Set<string>>
  /** id -> its staged content key, if live */
  readonly keyOf: Map<string, string>
  /** how many of the batch's states are indexed */
  seen: number
}

const stagedIndexes = new WeakMap<readonly RecordState[], StagedIndex>()

/** Ids of records staged earlier in the batch (their latest state there) saying what `key` says. */
function stagedWith(earlier: readonly RecordState[], key: string): Set<string> | undefined {
  let index = stagedIndexes.get(earlier)
  if (index === undefined) {
    index = { ids: new Map(), keyOf: new Map(), seen: 0 }
    stagedIndexes.set(earlier, index)
  }
  for (; index.seen < earlier.length; index.seen++) {
    const state = earlier[index.seen] as RecordState
    const before = index.keyOf.get(state.id)
    if (before !== undefined) {
      index.ids.get(before)?.delete(state.id)
      index.keyOf.delete(state.id)
    }
    if (isTombstone(state)) continue
    const stateKey = contentKey(state)
    index.keyOf.set(state.id, stateKey)
    const ids = index.ids.get(stateKey) ?? new Set()
    ids.add(state.id)
    index.ids.set(stateKey, ids)
  }
  return index.ids.get(key)
}

/**
 * Content keys of one organisation's live records, built on first use from `records`
 * and kept up to date from the store's changes.
 */
export class OwnContent {
  readonly #did: string
  readonly #records: () => Iterable<RecordState>
  /** content key -> ids of live records with it; undefined until first asked */
  #ids: Map<string, Set<string>> | undefined
  readonly #keyOf = new Map<string, string>()

  constructor(did: string, records: () => Iterable<RecordState>) {
    this.#did = did
    this.#records = records
  }

  /**
   * Ids of live records of the organisation whose content equals `record`'s; with a
   * writer's batch, as they will be once its earlier operations are committed.
   */
  sameAs(record: RecordState, batch?: BatchView): string[] {
    if (this.#ids === undefined) {
      this.#ids = new Map()
      for (const state of this.#records()) this.#add(state)
    }
    const key = contentKey(record)
    const committed = [...(this.#ids.get(key) ?? [])]
    if (batch === undefined) return committed.filter((id) => id !== record.id)
    // committed ones the batch has not since changed or retracted, then the batch's own
    const still = committed.filter((id) => {
      const now = batch.lookup(id)
      return now !== undefined && !isTombstone(now) && contentKey(now) === key
    })
    const same = new Set([...still, ...(stagedWith(batch.earlier, key) ?? [])])
    same.delete(record.id)
    return [...same]
  }

  /** Follows a change of the store (only the organisation's matter). */
  apply(change: Change): void {
    if (this.#ids === undefined || change.state.author !== this.#did) return
    this.#remove(change.state.id)
    this.#add(change.state)
  }

  #add(state: RecordState): void {
    if (this.#ids === undefined || isTombstone(state)) return
    const key = contentKey(state)
    this.#keyOf.set(state.id, key)
    const ids = this.#ids.get(key) ?? new Set()
    ids.add(state.id)
    this.#ids.set(key, ids)
  }

  #remove(id: string): void {
    const key = this.#keyOf.get(id)
    if (key === undefined) return
    this.#keyOf.delete(id)
    const ids = this.#ids?.get(key)
    ids?.delete(id)
    if (ids?.size === 0) this.#ids?.delete(key)
  }
}
