/**
 * @packageDocumentation
 *
 * Attachments over IPFS: files in Helia as UnixFS with the CIDs kubo computes for
 * `ipfs add --cid-version=1`, read by CID from any peer, pinned by policy.
 *
 * @example
 * ```ts
 * import { Attachments } from '@polder/attachments'
 *
 * const attachments = new Attachments({ network, store, pinBudget: 2 * 1024 ** 3 })
 * attachments.start()
 * const attachment = await attachments.add(createReadStream('report.pdf'), {
 *   name: 'report.pdf',
 *   mediaType: 'application/pdf',
 * })
 * const file = await attachments.stat(attachment.cid)
 * for await (const chunk of attachments.read(file, { offset: 0, length: 1024 })) process.stdout.write(chunk)
 * ```
 */
export { Attachments } from './attachments.js'
export { AttachmentTooLargeError } from './errors.js'
