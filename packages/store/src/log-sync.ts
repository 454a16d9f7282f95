/**
 * Moving a log between nodes in bulk. The holder finds the entries a peer lacks (walking
 * back from its heads to what the peer has) and sends them oldest first, in batches; the
 * peer stores each batch and joins it through OrbitDB, which verifies every new entry
 * (access.ts) before indexing it; then the joined entries' records are applied in log
 * order. Oldest first means every batch is closed under its past: each entry's `next`
 * and `refs` are in the batch or already held, so a batch joins on its own.
 */
import { Entry, type LogEntry } from '@orbitdb/core'
import type { Payload } from './access.js'
import { blockHash, entryLinks } from './blocks.js'
import type { OrgLog } from './org-log.js'
import type { Change, RecordTable } from './state.js'

/** Entry blocks of one log, oldest first, and the identity blocks they name. */
export interface Segment {
  readonly entries: readonly Uint8Array[]
  readonly identities: readonly Uint8Array[]
}

/** What a peer lacks of a log: the holder's heads and the missing entries, oldest first. */
export interface LogDiff {
  readonly heads: readonly string[]
  readonly missing: readonly string[]
}

/**
 * The entries of `log` that a peer holding `have` lacks: everything reachable from our
 * heads that is not in `have` or behind it (a peer that holds an entry holds its past).
 */
export async function diffLog(log: OrgLog, have: readonly string[]): Promise<LogDiff> {
  const heads = (await log.heads()).map((entry) => entry.hash)
  const stop = new Set(have)
  const seen = new Set<string>()
  const found: { hash: string; time: number }[] = []
  const stack = heads.filter((hash) => !stop.has(hash))
  while (stack.length > 0) {
    const hash = stack.pop() as string
    if (seen.has(hash)) continue
    seen.add(hash)
    const block = await log.bytes(hash)
    if (block === undefined) continue
    const links = entryLinks(block)
    found.push({ hash, time: links.time })
    for (const next of links.next) if (!seen.has(next) && !stop.has(next)) stack.push(next)
  }
  // Lamport time orders an entry after everything it points to
  found.sort((a, b) => a.time - b.time || (a.hash < b.hash ? -1 : 1))
  return { heads, missing: found.map((entry) => entry.hash) }
}

/** Reads the missing entries in batches of about `batchBytes`, each with its identities. */
export async function* readBatches(
  log: OrgLog,
  missing: readonly string[],
  batchBytes = 512 * 1024,
): AsyncGenerator<Segment> {
  const sentIdentities = new Set<string>()
  let entries: Uint8Array[] = []
  let identities: Uint8Array[] = []
  let bytes = 0
  for (const hash of missing) {
    const block = await log.bytes(hash)
    if (block === undefined) continue
    const { identity } = entryLinks(block)
    if (identity !== undefined && !sentIdentities.has(identity)) {
      const identityBlock = await log.bytes(identity)
      if (identityBlock !== undefined) {
        sentIdentities.add(identity)
        identities.push(identityBlock)
      }
    }
    entries.push(block)
    bytes += block.byteLength
    if (bytes >= batchBytes) {
      yield { entries, identities }
      entries = []
      identities = []
      bytes = 0
    }
  }
  if (entries.length > 0) yield { entries, identities }
}

/**
 * Stores a batch and joins it; call inside the store's transaction. Throws if an entry
 * is malformed, of another log, or refused by access control: then nothing may be kept.
 * Returns how many entries were joined and the changes to the records.
 */
export async function joinSegment(
  log: OrgLog,
  records: RecordTable,
  segment: Segment,
): Promise<{ entries: number; changes: Change[] }> {
  const received = new Map<string, LogEntry<Payload> & { hash: string }>()
  const named = new Set<string>()
  const pointedAt = new Set<string>()
  for (const bytes of segment.entries) {
    const entry = (await Entry.decode(bytes)) as LogEntry<Payload> & { hash: string }
    if (entry.id !== log.id) throw new Error('the segment holds an entry of another log')
    if (received.has(entry.hash) || (await log.has(entry.hash))) continue
    received.set(entry.hash, entry)
    named.add(entry.identity)
    for (const hash of [...entry.next, ...entry.refs]) pointedAt.add(hash)
    await log.putBlock(entry.hash, bytes)
  }
  // only identities an entry names: a peer cannot fill our block table with anything else
  for (const identity of segment.identities) {
    const hash = await blockHash(identity)
    if (named.has(hash)) await log.putBlock(hash, identity)
  }
  // the batch's own heads: entries nothing else in it points to
  for (const [hash, entry] of received) {
    if (!pointedAt.has(hash) && !(await log.has(hash))) await log.joinEntry(entry)
  }
  const joined = [...received.values()]
  for (const entry of joined) {
    if (!(await log.has(entry.hash))) throw new Error(`entry ${entry.hash} did not join the log`)
  }
  joined.sort((a, b) => a.clock.time - b.clock.time || (a.hash < b.hash ? -1 : 1))
  const changes: Change[] = []
  for (const entry of joined) {
    changes.push(...records.apply(entry.hash, log.statesOf(entry)))
  }
  return { entries: joined.length, changes }
}
