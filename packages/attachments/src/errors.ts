/** Errors of the attachment service, matched by `name` at the API boundary. */

/** The upload is larger than the node accepts; nothing of it was kept. */
export class AttachmentTooLargeError extends Error {
  override readonly name = 'AttachmentTooLargeError'
  constructor(maxBytes: number) {
    super(`The file is larger than this node accepts (${formatBytes(maxBytes)})`)
  }
}

/** Neither this node nor any peer found in time has the file. */
export class AttachmentNotFoundError extends Error {
  override readonly name = 'AttachmentNotFoundError'
  constructor(cid: string, timeoutMs: number) {
    super(
      `No peer had ${cid}: not on this node, at connected peers or through the DHT within ${Math.round(timeoutMs / 1000)} s`,
    )
  }
}

/** The CID names a directory or other non-file data. */
export class NotAFileError extends Error {
  override readonly name = 'NotAFileError'
  constructor(cid: string) {
    super(`${cid} is not a file`)
  }
}

/** The file's size is not the one expected (a record's size, or the caller's). */
export class AttachmentSizeMismatchError extends Error {
  override readonly name = 'AttachmentSizeMismatchError'
  constructor(cid: string, expected: number, actual: number) {
    super(`${cid} is ${actual} bytes, not ${expected}`)
  }
}

/** A byte range outside the file. */
export class RangeNotSatisfiableError extends Error {
  override readonly name = 'RangeNotSatisfiableError'
  readonly size: number
  constructor(size: number) {
    super(`The range is outside the file (${size} bytes)`)
    this.size = size
  }
}

/** A block stopped arriving while the file was read: its peers went away. */
export class AttachmentFetchError extends Error {
  override readonly name = 'AttachmentFetchError'
}

/** The service is stopped. */
export class AttachmentsClosedError extends Error {
  override readonly name = 'AttachmentsClosedError'
  constructor() {
    super('The attachment service is stopped')
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`
}
