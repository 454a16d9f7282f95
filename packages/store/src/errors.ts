/** Errors of the store, matched by `name` at the API boundary. */
import type { Problem } from '@polder/schema'

/** No record with this id (or reference) is in the store. */
export class RecordNotFoundError extends Error {
  override readonly name = 'RecordNotFoundError'
  constructor(message = 'No such record') {
    super(message)
  }
}

/** A record with this id exists already: publish makes new records, update edits them. */
export class RecordExistsError extends Error {
  override readonly name = 'RecordExistsError'
  constructor(message = 'The record exists already') {
    super(message)
  }
}

/** The record was retracted; a retracted record cannot be edited or retracted again. */
export class RecordRetractedError extends Error {
  override readonly name = 'RecordRetractedError'
  constructor(message = 'The record was retracted') {
    super(message)
  }
}

/** Where in a segment an entry that failed sits, and why it failed. */
export interface EntryFailure {
  /** The entry's hash, as computed from its bytes (absent when they are no entry at all). */
  readonly entry?: string | undefined
  /** Its position in the segment's `entries`, as sent. */
  readonly index?: number | undefined
  /** The organisation whose log it belongs to (set by an import of many logs). */
  readonly log?: string | undefined
  /** Why, in English (the access check's reason). */
  readonly reason?: string | undefined
}

/** A log entry failed verification: wrong log, writer, signature, identity or payload. */
export class InvalidEntryError extends Error {
  override readonly name = 'InvalidEntryError'
  constructor(
    message = 'Invalid log entry',
    readonly failure: EntryFailure = {},
  ) {
    super(message)
  }
}

/** The store was used after `stop()`. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError'
  constructor(message = 'The store is closed') {
    super(message)
  }
}

/** The key file or a key backup could not be read, decrypted or written. */
export class KeyFileError extends Error {
  override readonly name = 'KeyFileError'
}

/** The organisation is blocked on this node: nothing of it is followed or replicated. */
export class OrganizationBlockedError extends Error {
  override readonly name = 'OrganizationBlockedError'
  constructor(did: string) {
    super(`${did} is blocked on this node; unblock it first`)
  }
}

/** Entries arrived without the entries they follow (a missed update): pull the log instead. */
export class MissingPastError extends Error {
  override readonly name = 'MissingPastError'
  constructor(
    message: string,
    readonly failure: EntryFailure = {},
  ) {
    super(message)
  }
}

/** This node does not hold the log of the organisation (it neither writes nor replicates it). */
export class LogNotHeldError extends Error {
  override readonly name = 'LogNotHeldError'
  constructor(did: string) {
    super(`This node does not hold the log of ${did}`)
  }
}

/** This node holds no key to write the organisation's log. */
export class LogNotWritableError extends Error {
  override readonly name = 'LogNotWritableError'
  constructor(message = 'This node holds no key to write that log') {
    super(message)
  }
}

/** A node does not follow its own organisation: it writes that log. */
export class FollowSelfError extends Error {
  override readonly name = 'FollowSelfError'
  constructor(message = 'A node does not follow itself') {
    super(message)
  }
}

/** A node cannot block an organisation it writes for: its own, or a demo organisation's. */
export class BlockSelfError extends Error {
  override readonly name = 'BlockSelfError'
  constructor(message = 'A node cannot block an organisation it writes for') {
    super(message)
  }
}

/** An imported record state is by another organisation than the log it is written to. */
export class ForeignRecordError extends Error {
  override readonly name = 'ForeignRecordError'
  constructor(message = 'The record is by another organisation') {
    super(message)
  }
}

/** Publishing this vouch would take the organisation past {@link MAX_LIVE_VOUCHES}. */
export class VouchLimitError extends Error {
  override readonly name = 'VouchLimitError'
  readonly problems: readonly Problem[]
  constructor(limit: number, path = '') {
    super(
      `An organisation may have at most ${limit} live vouches (followers count no more); retract one first`,
    )
    this.problems = [
      {
        path,
        code: 'vouch-limit',
        message: {
          en: `an organisation may have at most ${limit} live vouches, the most its followers count; retract a vouch first`,
          nl: `een organisatie kan hoogstens ${limit} geldige vouches hebben, meer tellen volgers niet; trek eerst een vouch in`,
        },
      },
    ]
  }
}

/** The database was written by a newer Polder, with a schema this version does not know. */
export class StoreVersionError extends Error {
  override readonly name = 'StoreVersionError'
}

/** The disk holding the node's data is full (SQLite's SQLITE_FULL, the system's ENOSPC). */
export class DiskFullError extends Error {
  override readonly name = 'DiskFullError'
  /** What the API client reads, in Dutch and English. */
  readonly problems: readonly Problem[] = [
    {
      path: '',
      code: 'disk-full',
      message: {
        en: 'the disk of this node is full: nothing of this write was kept; try again once space is freed',
        nl: 'de schijf van deze node is vol: niets van deze wijziging is bewaard; probeer het opnieuw als er ruimte vrij is',
      },
    },
  ]
  constructor(message = 'The disk holding the node data is full; nothing of this write was kept') {
    super(message)
  }
}

/**
 * This node's key is in use on another machine (a message signed with it that this node
 * did not send): two writers of one log would fork it, so this node writes no more.
 */
export class KeyInUseElsewhereError extends Error {
  override readonly name = 'KeyInUseElsewhereError'
  readonly problems: readonly Problem[]
  constructor(evidence: string) {
    super(
      `This node's key is in use on another machine (${evidence}); it writes nothing until ` +
        'only one machine runs this key (see "One key, one machine" in docs/operations.md)',
    )
    this.problems = [
      {
        path: '',
        code: 'key-in-use-elsewhere',
        message: {
          en: `the key of this organisation is in use on another machine (${evidence}): this node refuses to write so that the log does not fork; stop the other machine, then restart this node`,
          nl: `de sleutel van deze organisatie wordt op een andere machine gebruikt (${evidence}): deze node schrijft niets om splitsing van het logboek te voorkomen; stop de andere machine en start deze node opnieuw`,
        },
      },
    ]
  }
}

/** The state file is damaged (not a database, or malformed): the node does not touch it. */
export class StateFileCorruptError extends Error {
  override readonly name = 'StateFileCorruptError'
  constructor(readonly file: string) {
    super(
      `${file} is damaged (not a SQLite database, or malformed); the node left it untouched. ` +
        'Stop the node and restore the file from your backup of the data directory (see ' +
        '"Durability" in docs/operations.md), or move it aside to start with an empty state ' +
        '(sqlite3 ".recover" may save records from the damaged copy)',
    )
  }
}

/**
 * A whole-node archive that is refused: malformed, incomplete, changed, or holding an entry
 * the verified join refuses. Nothing of it was kept; `line` names where (1-based).
 */
export class InvalidArchiveError extends Error {
  override readonly name = 'InvalidArchiveError'
  /** What the API client reads, in Dutch and English, at `/lines/<line>`. */
  readonly problems: readonly Problem[]
  constructor(
    readonly line: number,
    message: { readonly en: string; readonly nl: string },
  ) {
    super(`line ${line}: ${message.en}`)
    this.problems = [{ path: `/lines/${line}`, code: 'invalid-archive', message }]
  }
}

/** An edit that changes nothing: no new version is made. */
export class NoChangeError extends Error {
  override readonly name = 'NoChangeError'
  constructor(message = 'No change: the edit leaves the record as it is, so no version is made') {
    super(message)
  }
}

/**
 * A publish of content the organisation has published already (a file sent twice?);
 * `force` publishes it anyway. `problems` names each such record and the one it equals.
 */
export class DuplicateRecordError extends Error {
  override readonly name = 'DuplicateRecordError'
  readonly problems: readonly Problem[]
  constructor(problems: readonly Problem[]) {
    super(
      problems.length === 1
        ? `${problems[0]?.message.en}: publish it anyway with force`
        : `${problems.length} records repeat content of this organisation: publish them anyway with force`,
    )
    this.problems = problems
  }
}
