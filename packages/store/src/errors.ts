/** Errors of the store, matched by `name` at the API boundary. */

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
