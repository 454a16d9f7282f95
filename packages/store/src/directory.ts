/**
 * The organisations this node knows of: those announced in the collective (with their
 * signed profile, when they sent one), and those it blocked.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { RecordState } from '@polder/schema'

export interface KnownOrganization {
  readonly did: string
  readonly firstSeen: string
  readonly lastSeen: string
  /** The peer that announced it (its own node: the peer id comes from its key). */
  readonly peer: string
  /** Its latest `organization` record, as it announced it. */
  readonly profile: RecordState | undefined
}

export interface BlockedOrganization {
  readonly did: string
  readonly since: string
  readonly reason: string
}

export class Directory {
  readonly #db: DatabaseSync

  constructor(db: DatabaseSync) {
    this.#db = db
  }

  /** Remembers an announcement; keeps the newest profile when a newer one arrives. */
  seen(did: string, peer: string, profile: RecordState | undefined, now = new Date()): void {
    const time = now.toISOString()
    const current = this.known(did)
    const keep =
      profile === undefined ||
      (current?.profile !== undefined && current.profile.version > profile.version)
        ? current?.profile
        : profile
    this.#db
      .prepare(
        `INSERT INTO known_orgs (did, first_seen, last_seen, peer, profile) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (did) DO UPDATE SET last_seen = excluded.last_seen, peer = excluded.peer,
           profile = excluded.profile`,
      )
      .run(did, time, time, peer, keep === undefined ? null : JSON.stringify(keep))
  }

  /** Whether `did` was announced here. */
  has(did: string): boolean {
    return this.#db.prepare('SELECT 1 FROM known_orgs WHERE did = ?').get(did) !== undefined
  }

  /** How many organisations were announced here. */
  count(): number {
    return (this.#db.prepare('SELECT count(*) AS n FROM known_orgs').get() as { n: number }).n
  }

  known(did: string): KnownOrganization | undefined {
    const row = this.#db.prepare('SELECT * FROM known_orgs WHERE did = ?').get(did) as
      | Row
      | undefined
    return row === undefined ? undefined : fromRow(row)
  }

  allKnown(): KnownOrganization[] {
    return (
      this.#db.prepare('SELECT * FROM known_orgs ORDER BY first_seen').all() as unknown as Row[]
    ).map(fromRow)
  }

  block(did: string, reason: string, now = new Date()): void {
    this.#db
      .prepare('INSERT OR REPLACE INTO blocked (did, since, reason) VALUES (?, ?, ?)')
      .run(did, now.toISOString(), reason)
  }

  unblock(did: string): boolean {
    return this.#db.prepare('DELETE FROM blocked WHERE did = ?').run(did).changes > 0
  }

  isBlocked(did: string): boolean {
    return this.#db.prepare('SELECT 1 FROM blocked WHERE did = ?').get(did) !== undefined
  }

  blocked(): BlockedOrganization[] {
    return this.#db
      .prepare('SELECT did, since, reason FROM blocked ORDER BY since')
      .all() as unknown as BlockedOrganization[]
  }
}

interface Row {
  did: string
  first_seen: string
  last_seen: string
  peer: string
  profile: string | null
}

function fromRow(row: Row): KnownOrganization {
  return {
    did: row.did,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    peer: row.peer,
    profile: row.profile === null ? undefined : (JSON.parse(row.profile) as RecordState),
  }
}
