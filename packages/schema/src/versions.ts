/**
 * Creating, editing and retracting records. An edit keeps the id, author, kind and
 * creation time and raises the version; a retraction is a tombstone one version up.
 */
import { SCHEMA_VERSION } from './constants.js'
import type { Did } from './did.js'
import { RecordValidationError } from './errors.js'
import type { LangMap } from './fields.js'
import {
  isTombstone,
  type PolderRecord,
  type RecordInput,
  type RecordState,
  type Tombstone,
} from './kinds/index.js'
import { completePlaces, placeProblems } from './places.js'
import type { Problem } from './problems.js'
import { createRecordId } from './record-id.js'
import { parseRecord, validateRecord, validateTombstone } from './validate.js'

type Identity = 'id' | 'schemaVersion' | 'author' | 'created' | 'updated' | 'version'
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** A record as an author writes it: everything but the identity fields Polder assigns. */
export type NewRecord = DistributiveOmit<RecordInput, Identity>
/**
 * Changes to a record: any of its kind's own fields except the identity and kind; `null`
 * removes an optional field (as in JSON Merge Patch, RFC 7396, at the top level).
 */
export type RecordChanges = OptionalOrNull<DistributiveOmit<RecordInput, Identity | 'kind'>>

/** Every field optional or null, kind by kind (distributes over the union of kinds). */
type OptionalOrNull<T> = T extends unknown ? { [K in keyof T]?: T[K] | null } : never

export interface VersionOptions {
  /** When the version is made. @default new Date() */
  readonly now?: Date
}

/** A new record, version 1, by `author`; throws {@link RecordValidationError}. */
export function createRecord(
  fields: NewRecord,
  author: Did,
  options: VersionOptions = {},
): PolderRecord {
  const now = options.now ?? new Date()
  const stamp = now.toISOString()
  return parseRecord({
    ...fields,
    id: createRecordId(now.getTime()),
    schemaVersion: SCHEMA_VERSION,
    author,
    created: stamp,
    updated: stamp,
    version: 1,
  })
}

/** The next version of a record with `changes` applied; throws {@link RecordValidationError}. */
export function editRecord(
  previous: PolderRecord,
  changes: RecordChanges,
  options: VersionOptions = {},
): PolderRecord {
  const merged: Record<string, unknown> = { ...previous, ...changes }
  for (const [field, value] of Object.entries(changes)) if (value === null) delete merged[field]
  // new places are checked against the vocabulary as on publish; kept ones are not (a
  // record may hold a code of a newer vocabulary)
  const places = Object.hasOwn(changes, 'places') ? placeProblems(changes) : []
  const result = validateRecord({
    ...(Object.hasOwn(changes, 'places') ? completePlaces(merged) : merged),
    ...nextIdentity(previous, options),
    kind: previous.kind,
  })
  const problems = [...(result.ok ? [] : result.problems), ...places]
  if (!result.ok || problems.length > 0) throw new RecordValidationError(problems)
  return result.value
}

/** The tombstone that retracts a record, with the reason shown in its place. */
export function retractRecord(
  previous: PolderRecord,
  reason: LangMap,
  options: VersionOptions = {},
): Tombstone {
  const result = validateTombstone({
    ...nextIdentity(previous, options),
    kind: previous.kind,
    status: 'retracted',
    reason,
  })
  if (!result.ok) throw new RecordValidationError(result.problems)
  return result.value
}

function nextIdentity(previous: RecordState, options: VersionOptions) {
  const now = options.now ?? new Date()
  // Clocks of editing devices may lag: a new version is never dated before the last one.
  const updated = Math.max(now.getTime(), Date.parse(previous.updated))
  return {
    id: previous.id,
    schemaVersion: SCHEMA_VERSION,
    author: previous.author,
    created: previous.created,
    updated: new Date(updated).toISOString(),
    version: previous.version + 1,
  }
}

/**
 * Whether `next` may follow `previous` in a record's history: same record, same author,
 * kind and creation time, a higher version, not dated earlier, and nothing after a
 * retraction. Returns the problems; empty when it may.
 */
export function successionProblems(previous: RecordState, next: RecordState): Problem[] {
  const problems: Problem[] = []
  const fail = (path: string, en: string, nl: string) =>
    problems.push({ path, code: 'invalid_succession', message: { en, nl } })
  if (next.id !== previous.id) fail('/id', 'is another record', 'is een ander record')
  if (next.author !== previous.author)
    fail('/author', 'differs from the earlier version', 'verschilt van de eerdere versie')
  if (next.kind !== previous.kind)
    fail('/kind', 'differs from the earlier version', 'verschilt van de eerdere versie')
  if (next.created !== previous.created)
    fail('/created', 'differs from the earlier version', 'verschilt van de eerdere versie')
  if (next.version <= previous.version) {
    fail(
      '/version',
      `must be higher than ${previous.version}`,
      `moet hoger zijn dan ${previous.version}`,
    )
  }
  if (Date.parse(next.updated) < Date.parse(previous.updated)) {
    fail('/updated', 'lies before the earlier version', 'ligt vóór de eerdere versie')
  }
  if (isTombstone(previous)) fail('', 'the record was retracted', 'het record is ingetrokken')
  return problems
}
