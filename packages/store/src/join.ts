/**
 * Joining a segment of a log a peer sent: every new entry is checked as access control
 * checks any entry before any of it is applied (one refused entry refuses the segment),
 * then the entries are added and applied oldest first. Oldest-first batches are closed
 * under their past, so each joins on its own, and so does any prefix of one.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { Entry, type LogEntry } from '@orbitdb/core'
import type { RecordState } from '@polder/schema'
import type { Payload } from './access.js'
import { blockHash } from './blocks.js'
import { InvalidEntryError, MissingPastError } from './errors.js'
import type { OrgLog } from './org-log.js'
import type { SignaturePool } from './signature-pool.js'
import type { Change, RecordTable } from './state.js'

/** Batches this large have their signatures checked on the worker thread. */
export const POOL_MIN_ENTRIES = 32

/** Entry blocks of one log, oldest first, and the identity blocks they name. */
export interface Segment {
  readonly entries: readonly Uint8Array[]
  readonly identities: readonly Uint8Array[]
  /**
   * Whether each entry's signature verifies against the key it names, checked already
   * (on the worker, as the segment arrived); by index of `entries`.
   */
  readonly signatures?: Promise<readonly boolean[]> | undefined
}

/** A new entry of a segment that passed every check, with the record states it carries. */
export interface CheckedEntry {
  readonly hash: string
  readonly bytes: Uint8Array
  readonly next: readonly string[]
  readonly refs: readonly string[]
  readonly states: readonly RecordState[]
}

/**
 * Checks a segment before anything of it is applied, outside any transaction and giving
 * the event loop turns in between (validating 10,000 records takes seconds): every new
 * entry is checked as access control checks any entry (log, key, identity, signature,
 * each record), and everything an entry follows must be in the segment or the log.
 * Throws on the first entry refused. Returns the new entries, oldest first. Only the
 * identity blocks the entries name are stored on the way.
 */
export async function checkSegment(
  log: OrgLog,
  segment: Segment,
  pool?: SignaturePool,
): Promise<CheckedEntry[]> {
  const received = new Map<string, ReceivedEntry>()
  // hashes in the order of segment.entries, to read verified signatures by index
  const order: string[] = []
  // where each entry sits in the segment, for the error that names a refused one
  const indexOf = new Map<string, number>()
  for (const [index, bytes] of segment.entries.entries()) {
    const entry = await decodeEntry(bytes, index)
    order.push(entry.hash)
    if (!indexOf.has(entry.hash)) indexOf.set(entry.hash, index)
    if (received.has(entry.hash) || (await log.has(entry.hash))) continue
    received.set(entry.hash, { ...entry, bytes })
  }
  if (received.size === 0) return []
  // identities the entries name, so access control can check them (only those: a peer
  // cannot fill our block table with anything else)
  const named = new Set([...received.values()].map((entry) => entry.identity))
  for (const identity of segment.identities) {
    const hash = await blockHash(identity)
    if (named.has(hash)) await log.putBlock(hash, identity)
  }
  const entries = [...received.values()].sort(
    (a, b) => a.clock.time - b.clock.time || (a.hash < b.hash ? -1 : 1),
  )
  // many entries: signatures on the worker while this thread checks everything else
  const signatures: Promise<Map<string, boolean>> | undefined =
    segment.signatures !== undefined
      ? segment.signatures.then(
          (results) => new Map(order.map((hash, i) => [hash, results[i] === true])),
        )
      : pool !== undefined && entries.length >= POOL_MIN_ENTRIES
        ? pool
            .verify(entries.map((entry) => entry.bytes))
            .then(
              (results) => new Map(entries.map((entry, i) => [entry.hash, results[i] === true])),
            )
        : undefined
  // a refusal below must not leave the worker's answer unheard
  signatures?.catch(() => undefined)
  let states: RecordState[][]
  try {
    states = await checkEach(log, entries, received, indexOf, signatures !== undefined)
  } catch (err) {
    // an entry whose signature fails is named before what follows from it: a changed
    // entry has a new hash, so the next one seems to lack its past
    const verified = await signatures?.catch(() => undefined)
    const forged = entries.find((entry) => verified?.get(entry.hash) === false)
    if (forged === undefined) throw err
    const reason = 'the signature does not verify'
    log.refuse(forged, reason)
    throw refused(forged.hash, indexOf.get(forged.hash), reason)
  }
  if (signatures !== undefined) {
    const verified = await signatures
    entries.forEach((entry) => {
      if (verified.get(entry.hash) === true) return
      const reason = 'the signature does not verify'
      log.refuse(entry, reason)
      throw refused(entry.hash, indexOf.get(entry.hash), reason)
    })
  }
  return entries.map(({ hash, bytes, next, refs }, index) => ({
    hash,
    bytes,
    next,
    refs,
    states: states[index] as RecordState[],
  }))
}

/**
 * Adds checked entries to the log and applies their records; call inside the store's
 * transaction. Entries oldest first: any prefix of a checked segment is closed under its
 * past, so a segment may be applied in several transactions.
 */
export async function applySegment(
  log: OrgLog,
  records: RecordTable,
  entries: readonly CheckedEntry[],
): Promise<Change[]> {
  const changes: Change[] = []
  for (const entry of entries) changes.push(...records.apply(entry.hash, [...entry.states]))
  await log.addChecked(
    entries.map(({ hash, bytes, next, refs }) => ({
      hash,
      bytes,
      next,
      follows: [...next, ...refs],
    })),
  )
  return changes
}

/**
 * Checks entries oldest first: everything each follows is held, and access control passes
 * it (its signature too, unless `signaturesElsewhere`). The record states of each.
 */
async function checkEach(
  log: OrgLog,
  entries: readonly ReceivedEntry[],
  received: ReadonlyMap<string, ReceivedEntry>,
  indexOf: ReadonlyMap<string, number>,
  signaturesElsewhere: boolean,
): Promise<RecordState[][]> {
  const states: RecordState[][] = []
  for (const [index, entry] of entries.entries()) {
    if (index > 0) await nextTurn()
    for (const hash of [...entry.next, ...entry.refs]) {
      if (!received.has(hash) && !(await log.has(hash))) {
        const reason = `it follows ${hash}, which neither the batch nor the log holds`
        throw new MissingPastError(`entry ${entry.hash}: ${reason}`, {
          entry: entry.hash,
          index: indexOf.get(entry.hash),
          reason,
        })
      }
    }
    const checked = await log.explain(entry, signaturesElsewhere ? 'checked-elsewhere' : 'verify')
    if (typeof checked === 'string') throw refused(entry.hash, indexOf.get(entry.hash), checked)
    states.push(checked)
  }
  return states
}

function refused(hash: string, index: number | undefined, reason: string): InvalidEntryError {
  return new InvalidEntryError(`entry ${hash} was refused: ${reason}`, {
    entry: hash,
    index,
    reason,
  })
}

type ReceivedEntry = LogEntry<Payload> & { hash: string; bytes: Uint8Array }

const strings = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

/**
 * Decodes an entry block a peer sent: bytes that are not CBOR, or CBOR without the fields
 * a log entry has, are refused here with a named error before anything reads them.
 */
async function decodeEntry(bytes: Uint8Array, index: number): Promise<ReceivedEntry> {
  let entry: Partial<ReceivedEntry>
  try {
    entry = (await Entry.decode(bytes)) as Partial<ReceivedEntry>
  } catch (err) {
    const reason = `not a log entry: ${(err as Error).message}`
    throw new InvalidEntryError(reason, { index, reason })
  }
  const clock = entry.clock as { id?: unknown; time?: unknown } | undefined
  if (
    typeof entry.hash !== 'string' ||
    typeof entry.identity !== 'string' ||
    !strings(entry.next) ||
    !strings(entry.refs) ||
    typeof clock?.time !== 'number' ||
    typeof clock.id !== 'string'
  ) {
    const reason = 'not a log entry: fields are missing or of the wrong type'
    throw new InvalidEntryError(reason, { index, reason })
  }
  return entry as ReceivedEntry
}
