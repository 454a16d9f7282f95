/**
 * Joining a segment of a log a peer sent: every new entry is checked as access control
 * checks any entry before any of it is applied (one refused entry refuses the segment),
 * then the entries are added and applied oldest first. Oldest-first batches are closed
 * under their past, so each joins on its own, and so does any prefix of one.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { RecordState } from '@polder/schema'
import type { Payload, PayloadCheck } from './access.js'
import { blockHash } from './blocks.js'
import type { CheckPool } from './check-pool.js'
import {
  type BlockCheck,
  checkEntryBlock,
  type DecodedEntry,
  decodeEntryBlock,
  type EntryFields,
  entryHash,
} from './entry-check.js'
import { InvalidEntryError, MissingPastError } from './errors.js'
import type { OrgLog } from './org-log.js'
import type { Change, RecordTable } from './state.js'

/** Segments of this many entries are checked on the workers of the check pool. */
export const POOL_MIN_ENTRIES = 32
/** …and so are segments of this many bytes (a few entries of a bulk publish, 1,000 records each). */
export const POOL_MIN_BYTES = 64 * 1024
/** Entries whose blocks were checked already (records too), checked here between two turns. */
const PRECHECKED_PER_TURN = 64

/** Whether a segment's entries are worth checking on the pool's workers. */
export function worthPooling(entries: readonly Uint8Array[]): boolean {
  if (entries.length >= POOL_MIN_ENTRIES) return true
  let bytes = 0
  for (const entry of entries) bytes += entry.byteLength
  return bytes >= POOL_MIN_BYTES
}

/** Entry blocks of one log, oldest first, and the identity blocks they name. */
export interface Segment {
  readonly entries: readonly Uint8Array[]
  readonly identities: readonly Uint8Array[]
  /**
   * What the check pool found of each entry block (decoded, its signature against the key
   * it names, its records), checked already as the segment arrived; by index of `entries`.
   */
  readonly checked?: Promise<readonly BlockCheck[]> | undefined
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
 * identity blocks the entries name are stored on the way. Large segments have their
 * blocks checked on the pool's workers (signatures and records), small ones the same way
 * here.
 */
export async function checkSegment(
  log: OrgLog,
  segment: Segment,
  pool?: CheckPool,
): Promise<CheckedEntry[]> {
  const pending =
    segment.checked ??
    (pool !== undefined && worthPooling(segment.entries)
      ? pool.check(log.did, segment.entries)
      : undefined)
  // a worker that failed (it ran out of memory, say) is no fault of the peer: check here
  const checks = pending === undefined ? undefined : await pending.catch(() => undefined)
  // a small segment (a live update's few entries) has its new blocks checked here as the
  // pool checks them, at once: a large one without the pool's checks, entry by entry below
  const atOnce = checks === undefined && !worthPooling(segment.entries)
  const received = new Map<string, ReceivedEntry>()
  // where each entry sits in the segment, for the error that names a refused one
  const indexOf = new Map<string, number>()
  // the blocks' hashes first, and what the log holds of them in one look-up: only new
  // blocks are decoded (a live heads message repeats the last few entries, held already)
  const hashes = segment.entries.map((bytes, index) => blockHashOf(bytes, checks?.[index]))
  const held = log.held([...new Set(hashes)])
  for (const [index, hash] of hashes.entries()) {
    if (!indexOf.has(hash)) indexOf.set(hash, index)
    if (received.has(hash) || held.has(hash)) continue
    const bytes = segment.entries[index] as Uint8Array
    const check = checks?.[index] ?? (atOnce ? checkEntryBlock(bytes, log.did, hash) : undefined)
    received.set(hash, receivedEntry(bytes, index, check, hash))
  }
  if (received.size === 0) return []
  // …and of the past the new entries name beyond the segment, in one more
  const past = new Set<string>()
  for (const entry of received.values())
    for (const hash of [...entry.next, ...entry.refs]) if (!indexOf.has(hash)) past.add(hash)
  for (const hash of log.held([...past])) held.add(hash)
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
  const forged = (): ReceivedEntry | undefined =>
    entries.find((entry) => entry.prechecked?.signature === false)
  let states: RecordState[][]
  try {
    states = await checkEach(log, entries, received, held, indexOf)
  } catch (err) {
    // an entry whose signature fails is named before what follows from it: a changed
    // entry has a new hash, so the next one seems to lack its past
    const first = forged()
    if (first === undefined) throw err
    throw refusedSignature(log, first, indexOf)
  }
  const first = forged()
  if (first !== undefined) throw refusedSignature(log, first, indexOf)
  return entries.map(({ hash, bytes, next, refs }, index) => ({
    hash,
    bytes,
    next,
    refs,
    states: states[index] as RecordState[],
  }))
}

function refusedSignature(
  log: OrgLog,
  entry: ReceivedEntry,
  indexOf: ReadonlyMap<string, number>,
): InvalidEntryError {
  const reason = 'the signature does not verify'
  log.refuse(entry, reason)
  return refused(entry.hash, indexOf.get(entry.hash), reason)
}

/** An entry block's hash: the pool's, or computed here (a malformed block's too). */
function blockHashOf(bytes: Uint8Array, check?: BlockCheck): string {
  return check !== undefined && 'entry' in check ? check.entry.hash : entryHash(bytes)
}

/**
 * An entry block of a segment, with its block check (the pool's, or made here for a small
 * segment: decoded once, its signature checked over the signed fields cut out of the block
 * as it arrived, not over the decoded fields encoded again), or decoded here to be checked
 * entry by entry; refused when malformed.
 */
function receivedEntry(
  bytes: Uint8Array,
  index: number,
  check: BlockCheck | undefined,
  hash: string,
): ReceivedEntry {
  const found = check ?? decodeEntryBlock(bytes, hash)
  const malformed =
    typeof found === 'string' ? found : 'malformed' in found ? found.malformed : undefined
  if (malformed !== undefined) throw new InvalidEntryError(malformed, { index, reason: malformed })
  if (check !== undefined && 'entry' in check) {
    return {
      ...check.entry,
      bytes,
      prechecked: { signature: check.signature, payload: check.payload },
    }
  }
  return { ...(found as DecodedEntry), bytes }
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
 * it (signature and records as the pool found them, or here). The record states of each.
 */
async function checkEach(
  log: OrgLog,
  entries: readonly ReceivedEntry[],
  received: ReadonlyMap<string, ReceivedEntry>,
  held: ReadonlySet<string>,
  indexOf: ReadonlyMap<string, number>,
): Promise<RecordState[][]> {
  const states: RecordState[][] = []
  for (const [index, entry] of entries.entries()) {
    // checking records here takes long (a turn after each entry); checked already, not
    if (index > 0 && (entry.prechecked === undefined || index % PRECHECKED_PER_TURN === 0))
      await nextTurn()
    for (const hash of [...entry.next, ...entry.refs]) {
      if (!received.has(hash) && !held.has(hash)) {
        const reason = `it follows ${hash}, which neither the batch nor the log holds`
        throw new MissingPastError(`entry ${entry.hash}: ${reason}`, {
          entry: entry.hash,
          index: indexOf.get(entry.hash),
          reason,
        })
      }
    }
    const checked = await log.explain(
      entry,
      entry.prechecked === undefined
        ? 'verify'
        : { signature: 'checked-elsewhere', payload: entry.prechecked.payload },
    )
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

/** An entry block received: decoded here (with its payload), or by the pool (without). */
type ReceivedEntry = EntryFields & {
  payload?: Payload
  bytes: Uint8Array
  /** What the block check (the pool's or a small segment's) found: signature and records. */
  prechecked?: { readonly signature: boolean; readonly payload: PayloadCheck }
}
