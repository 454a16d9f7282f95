/**
 * Where a record came from: the log entry that carried its current version, that entry's
 * signature checked again now against the author's key, and which peer sent it and when
 * (noted in the transaction that joins the entries).
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { Entry, type LogEntry } from '@orbitdb/core'
import { formatRef } from '@polder/schema'
import { decodePayload, entrySignatureVerifier, type Payload } from './access.js'

export interface Provenance {
  readonly ref: string
  readonly author: string
  readonly id: string
  readonly version: number
  /** CID of the log entry that carried this version. */
  readonly entry: string
  /** The entry's Ed25519 signature is the author's, and the entry carries this version. */
  readonly signatureVerified: boolean
  /** Written on this node (it holds the organisation's key) rather than replicated. */
  readonly local: boolean
  /** The peer that sent the entry, when it was replicated. */
  readonly receivedFrom?: string
  readonly receivedAt?: string
}

/** The statement of {@link noteReceived}, by database. */
const noteStatements = new WeakMap<DatabaseSync, StatementSync>()

/** Notes which peer sent these entries; a later copy of the same entry keeps the first note. */
export function noteReceived(db: DatabaseSync, entries: Iterable<string>, peer: string): void {
  // one statement for a whole segment (a bulk join notes thousands of entries), prepared
  // once per database: a follower notes every live update it joins
  let note = noteStatements.get(db)
  if (note === undefined) {
    note = db.prepare(
      `UPDATE blocks SET received_from = ?, received_at = ?
       WHERE hash IN (SELECT value FROM json_each(?)) AND received_from IS NULL`,
    )
    noteStatements.set(db, note)
  }
  note.run(peer, new Date().toISOString(), JSON.stringify([...entries]))
}

/** The provenance of a record's current version, or undefined when this node lacks it. */
export async function provenanceOf(
  db: DatabaseSync,
  author: string,
  id: string,
  local: boolean,
): Promise<Provenance | undefined> {
  const row = db
    .prepare(
      // notes made before schema 8 are in `received`, later ones on the block
      `SELECT r.version, r.entry, b.bytes, coalesce(x.peer, b.received_from) AS peer,
         coalesce(x.at, b.received_at) AS at
       FROM records r LEFT JOIN blocks b ON b.hash = r.entry LEFT JOIN received x ON x.entry = r.entry
       WHERE r.author = ? AND r.id = ?`,
    )
    .get(author, id) as
    | {
        version: number
        entry: string
        bytes: Uint8Array | null
        peer: string | null
        at: string | null
      }
    | undefined
  if (row === undefined) return undefined
  return {
    ref: formatRef({ author, id }),
    author,
    id,
    version: row.version,
    entry: row.entry,
    signatureVerified:
      row.bytes !== null && (await carries(row.bytes, author, id, row.version, row.entry)),
    local,
    ...(row.peer === null ? {} : { receivedFrom: row.peer }),
    ...(row.at === null ? {} : { receivedAt: row.at }),
  }
}

/** Whether these entry bytes hash to `hash`, are signed by `author` and carry the version. */
async function carries(
  bytes: Uint8Array,
  author: string,
  id: string,
  version: number,
  hash: string,
): Promise<boolean> {
  try {
    const entry = (await Entry.decode(bytes)) as LogEntry<Payload> & { hash: string }
    if (entry.hash !== hash || !entrySignatureVerifier(author)(entry)) return false
    return decodePayload(entry.payload, author).some((s) => s.id === id && s.version === version)
  } catch {
    return false // undecodable or malformed: not verified
  }
}
