/**
 * Attachments over IPFS: files in Helia as UnixFS with the CIDs kubo computes for
 * `ipfs add --cid-version=1`, read by CID from any peer, pinned by policy.
 *
 * @example
 * ```ts
 * const attachments = new Attachments({ network, store, pinBudget: 2048 * MIB })
 * attachments.start()
 * const attachment = await attachments.add(createReadStream('report.pdf'), {
 *   name: 'report.pdf',
 *   mediaType: 'application/pdf',
 * })
 * const file = await attachments.stat(attachment.cid)
 * for await (const chunk of attachments.read(file, { offset: 0, length: 1024 })) process.stdout.write(chunk)
 * ```
 */
export {
  type AddOptions,
  type AttachmentState,
  type AttachmentStatus,
  Attachments,
  type AttachmentsEvents,
  type AttachmentsInit,
  type PinInfo,
  type PinSummary,
} from './attachments.js'
export { cidKey, parseFileCid } from './cid.js'
export { CHUNK_SIZE, DEFAULT_MAX_BYTES, DEFAULT_PIN_BUDGET, MAX_LINKS, MIB } from './constants.js'
export {
  AttachmentFetchError,
  AttachmentNotFoundError,
  AttachmentSizeMismatchError,
  AttachmentsClosedError,
  AttachmentTooLargeError,
  InvalidCidError,
  NotAFileError,
  RangeNotSatisfiableError,
} from './errors.js'
export { type CurrentPin, type PinOrigin, type PinPlan, planPins } from './pin-policy.js'
export type { FileInfo, ReadOptions } from './reader.js'
export type { AttachmentRef } from './references.js'
