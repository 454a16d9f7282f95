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

/** A log entry failed verification: wrong log, writer, signature, identity or payload. */
export class InvalidEntryError extends Error {
  override readonly name = 'InvalidEntryError'
  constructor(message = 'Invalid log entry') {
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
