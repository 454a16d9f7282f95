/**
 * What the own organisation's live records say, without their identity (id, dates,
 * version): a publish of the same content again is most likely a mistake (a file sent
 * twice), so the API asks for `force` before it makes a second record of it.
 */
import { createHash } from 'node:crypto'
import { isTombstone, type RecordState } from '@polder/schema'
import type { Change } from './state.js'

/** Fields the node sets: two records that differ only here say the same. */
const IDENTITY = new Set(['id', 'author', 'created', 'updated', 'version', 'schemaVersion'])

/** JSON with keys sorted at every level, so equal content gives equal text. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** A hash of a record's content: every field but those the node sets. */
export function contentKey(record: RecordState): string {
  const content = Object.fromEntries(
    Object.entries(record).filter(([field]) => !IDENTITY.has(field)),
  )
  return createHash('sha256').update(sortedJson(content)).digest('base64url')
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

  /** Ids of live records of the organisation whose content equals `record`'s. */
  sameAs(record: RecordState): string[] {
    if (this.#ids === undefined) {
      this.#ids = new Map()
      for (const state of this.#records()) this.#add(state)
    }
    return [...(this.#ids.get(contentKey(record)) ?? [])].filter((id) => id !== record.id)
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
