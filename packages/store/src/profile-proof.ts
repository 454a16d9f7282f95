/**
 * An organisation's profile as a holder of its log passes it on: the signed log entry
 * that carries the newest `organization` record. Anyone can check it against the DID
 * alone (the entry is signed by the organisation's key and belongs to its log), so a
 * node learns organisations from any peer that holds their logs, not only from their own
 * announcements, and no holder can put words in an organisation's mouth.
 */
import type { DatabaseSync } from 'node:sqlite'
import { Entry, type LogEntry } from '@orbitdb/core'
import { isDid, type RecordState } from '@polder/schema'
import { decodePayload, entrySignatureVerifier, type Payload } from './access.js'
import { logIdOf } from './constants.js'
import { publicKeyHexOf } from './identity.js'

/** The bytes of the entry that carried the current version of a record, if held. */
export function entryBytesOf(db: DatabaseSync, author: string, id: string): Uint8Array | undefined {
  const row = db
    .prepare(
      'SELECT b.bytes FROM records r JOIN blocks b ON b.hash = r.entry WHERE r.author = ? AND r.id = ?',
    )
    .get(author, id) as { bytes: Uint8Array } | undefined
  return row?.bytes
}

/**
 * The newest `organization` record of `did` in a log entry of `did`'s log, signed by
 * `did`'s key; undefined when the bytes are not such an entry (malformed, another log or
 * key, a bad signature, no profile in it).
 */
export async function verifyProfileEntry(
  did: string,
  bytes: Uint8Array,
): Promise<RecordState | undefined> {
  if (!isDid(did)) return undefined
  try {
    const entry = (await Entry.decode(bytes)) as LogEntry<Payload>
    if (entry.id !== logIdOf(did)) return undefined
    const key = publicKeyHexOf(did)
    if (entry.key !== key || entry.clock?.id !== key) return undefined
    if (!entrySignatureVerifier(did)(entry)) return undefined
    const profiles = decodePayload(entry.payload, did).filter(
      (state) => state.kind === 'organization' && !('reason' in state),
    )
    return profiles.sort((a, b) => b.version - a.version)[0]
  } catch {
    return undefined // not an entry, or a payload that does not validate
  }
}
