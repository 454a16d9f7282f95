/** Attachments: files over IPFS, with the pin policy for followed organisations. */
import { Attachments } from '@polder/attachments'
import type { Network } from '@polder/net'
import type { Store } from '@polder/store'
import type { Logger } from 'pino'
import type { Config } from '../config.js'

export type AttachmentsConfig = Pick<
  Config,
  'maxAttachmentBytes' | 'pinBudgetBytes' | 'cacheBudgetBytes' | 'fetchTimeoutMs'
>

export interface AttachmentsComponents {
  readonly store: Store
  readonly network: Network
}

export async function startAttachments(
  config: AttachmentsConfig,
  { store, network }: AttachmentsComponents,
  logger: Logger,
  /** Files to add before the pin policy first runs (the demo's), so it finds them here. */
  prepare?: (attachments: Attachments) => Promise<void>,
): Promise<Attachments> {
  const attachments = new Attachments({
    network,
    store,
    maxBytes: config.maxAttachmentBytes,
    pinBudget: config.pinBudgetBytes,
    cacheBudget: config.cacheBudgetBytes,
    findTimeoutMs: config.fetchTimeoutMs,
    blockTimeoutMs: config.fetchTimeoutMs,
  })
  attachments.addEventListener('attachment:failed', ({ detail }) =>
    logger.warn(detail, 'could not fetch an attachment to pin'),
  )
  attachments.addEventListener('attachment:pinned', ({ detail }) =>
    logger.info(detail, 'pinned an attachment'),
  )
  try {
    await prepare?.(attachments)
  } catch (err) {
    await attachments.stop()
    throw err
  }
  attachments.start()
  return attachments
}
