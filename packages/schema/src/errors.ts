import type { Problem } from './problems.js'

/** A record, reference or encoding did not satisfy the record model. */
export class RecordValidationError extends Error {
  override readonly name = 'RecordValidationError'
  readonly problems: readonly Problem[]

  constructor(problems: readonly Problem[], message?: string) {
    const first = problems[0]
    super(
      message ??
        (first === undefined
          ? 'Invalid record'
          : `Invalid record: ${first.path === '' ? '' : `${first.path}: `}${first.message.en}${
              problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''
            }`),
    )
    this.problems = problems
  }
}

/** A string is not a valid `polder://<did>/<record-id>` reference. */
export class InvalidReferenceError extends Error {
  override readonly name = 'InvalidReferenceError'
  constructor(message = 'Invalid Polder reference') {
    super(message)
  }
}

/** A string is not a valid Ed25519 `did:key`. */
export class InvalidDidError extends Error {
  override readonly name = 'InvalidDidError'
  constructor(message = 'Invalid did:key') {
    super(message)
  }
}

/** Bytes are not a canonical encoding of a record (not dag-cbor, too large, or not canonical). */
export class EncodingError extends Error {
  override readonly name = 'EncodingError'
  constructor(message = 'Invalid record encoding') {
    super(message)
  }
}

/** Not a CID, or a CID of a kind that cannot be a file. */
export class InvalidCidError extends Error {
  override readonly name = 'InvalidCidError'
  constructor(message = 'Not a valid CID') {
    super(message)
  }
}
