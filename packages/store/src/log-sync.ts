/**
 * Moving a log between nodes in bulk: the holder collects the entries a peer is missing
 * (walking back from its heads to what the peer has), the peer stores them and joins
 * them through OrbitDB, which verifies every new entry (access.ts) before indexing it;
 * then the new entries' records are applied in log order.
 */
import { Entry, type LogEntry } from '@orbitdb/core'
import { decodePayload, type Payload } from './access.js'
import { blockHash, identityOf, nextOf } from './blocks.js'
import type { OrgLog } from './org-log.js'
import type { Change, RecordTable } from './state.js'

/** A part of a log: entry blocks (newest first), the identity blocks they name, its heads. */
export interface Segment {
  readonly entries: readonly Uint8Array[]
  readonly identities: readonly Uint8Array[]
  readonly heads: readonly string[]
}

export interface SegmentLimits {
  /** Entries at most. @default 100_000 */
  readonly maxEntries?: number
  /** Bytes of entries at most. @default 256 MiB */
  readonly maxBytes?: number
}

export const DEFAULT_SEGMENT_LIMITS = { maxEntries: 100_000, maxBytes: 256 * 1024 * 1024 }

/**
 * The entries of `log` that a peer holding `have` lacks: everything reachable from our
 * heads that is not `have` or behind it (a peer that holds an entry holds its past).
 */
export async function collectMissing(
  log: OrgLog,
  have: readonly string[],
  limits: SegmentLimits = {},
): Promise<Segment> {
  const maxEntries = limits.maxEntries ?? DEFAULT_SEGMENT_LIMITS.maxEntries
  const maxBytes = limits.maxBytes ?? DEFAULT_SEGMENT_LIMITS.maxBytes
  const heads = (await log.heads()).map((entry) => entry.hash)
  const stop = new Set(have)
  const seen = new Set<string>()
  const identities = new Map<string, Uint8Array>()
  const entries: Uint8Array[] = []
  let bytes = 0
  const queue = heads.filter((hash) => !stop.has(hash))
  while (queue.length > 0 && entries.length < maxEntries && bytes < maxBytes) {
    const hash = queue.shift() as string
    if (seen.has(hash) || stop.has(hash)) continue
    seen.add(hash)
    const block = await log.bytes(hash)
    if (block === undefined) continue
    entries.push(block)
    bytes += block.byteLength
    const identity = identityOf(block)
    if (identity !== undefined && !identities.has(identity)) {
      const identityBlock = await log.bytes(identity)
      if (identityBlock !== undefined) identities.set(identity, identityBlock)
    }
    for (const next of nextOf(block)) if (!seen.has(next) && !stop.has(next)) queue.push(next)
  }
  return { entries, identities: [...identities.values()], heads }
}

/**
 * Stores a segment and joins its heads; call inside the store's transaction. Throws if
 * OrbitDB (with our access control) refuses an entry: then nothing may be kept.
 * Returns the changes to the records.
 */
export async function joinSegment(
  log: OrgLog,
  records: RecordTable,
  segment: Segment,
): Promise<{ entries: number; changes: Change[] }> {
  for (const identity of segment.identities) await log.putBlock(await blockHash(identity), identity)
  const received = new Map<string, LogEntry<Payload> & { hash: string }>()
  for (const bytes of segment.entries) {
    const entry = (await Entry.decode(bytes)) as LogEntry<Payload> & { hash: string }
    if (entry.id !== log.id) throw new Error('the segment holds an entry of another log')
    if (await log.has(entry.hash)) continue
    received.set(entry.hash, entry)
    await log.putBlock(entry.hash, bytes)
  }
  for (const head of segment.heads) {
    const entry = received.get(head)
    if (entry !== undefined && !(await log.has(head))) await log.joinEntry(entry)
  }
  // what got joined: received entries now in the log, applied oldest first
  const joined: (LogEntry<Payload> & { hash: string })[] = []
  for (const entry of received.values()) if (await log.has(entry.hash)) joined.push(entry)
  joined.sort((a, b) => a.clock.time - b.clock.time || (a.hash < b.hash ? -1 : 1))
  const changes: Change[] = []
  for (const entry of joined) {
    changes.push(...records.apply(entry.hash, decodePayload(entry.payload, log.did)))
  }
  return { entries: joined.length, changes }
}
