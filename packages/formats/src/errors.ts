/** Errors of the formats package, matched by `name`. */

/** A JSON-LD document that cannot be read as a record. */
export class LinkedDataError extends Error {
  override name = 'LinkedDataError'
}

/** An Accept header that names nothing this route offers. */
export class NotAcceptableError extends Error {
  override name = 'NotAcceptableError'
  constructor(readonly offered: readonly string[]) {
    super(`Not acceptable; this route offers ${offered.join(', ')}`)
  }
}
