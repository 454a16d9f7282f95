/**
 * A log as a whole-node archive holds it: its entry blocks oldest first and the identity
 * blocks they name, exactly as signed, so that whoever imports it verifies every entry again.
 */
import type { DatabaseSync } from 'node:sqlite'
import { Entry } from '@orbitdb/core'

/** A block by its hash (CIDv1, DAG-CBOR, sha2-256, base58btc). */
export interface HashedBlock {
  readonly hash: string
  readonly bytes: Uint8Array
}

export interface ArchivedLog {
  /** The organisation whose log this is. */
  readonly did: string
  /** Its entries, oldest first (by Lamport clock, then hash): each one's past comes before it. */
  readonly entries: readonly HashedBlock[]
  /** The identity blocks the entries name. */
  readonly identities: readonly HashedBlock[]
}

/** Reads one log's entries and identities from the database; the caller holds the writer's lock. */
export async function readArchivedLog(
  db: DatabaseSync,
  logId: string,
  did: string,
): Promise<ArchivedLog> {
  const rows = db
    .prepare(
      'SELECT b.hash AS hash, b.bytes AS bytes FROM log_index i JOIN blocks b ON b.hash = i.hash WHERE i.log = ?',
    )
    .all(logId) as { hash: string; bytes: Uint8Array }[]
  const decoded: { hash: string; bytes: Uint8Array; time: number; identity: string }[] = []
  for (const { hash, bytes } of rows) {
    const entry = await Entry.decode(bytes)
    decoded.push({ hash, bytes, time: entry.clock.time, identity: entry.identity })
  }
  decoded.sort((a, b) => a.time - b.time || (a.hash < b.hash ? -1 : 1))
  const identity = db.prepare('SELECT bytes FROM blocks WHERE hash = ?')
  const identities: HashedBlock[] = []
  for (const hash of new Set(decoded.map((entry) => entry.identity))) {
    const row = identity.get(hash) as { bytes: Uint8Array } | undefined
    if (row !== undefined) identities.push({ hash, bytes: row.bytes })
  }
  return {
    did,
    entries: decoded.map(({ hash, bytes }) => ({ hash, bytes })),
    identities,
  }
}
