/**
 * Starts the parts of a node that run over the network: libp2p and Helia, the collective,
 * attachments. The context imports this module with `import()` once the API listens, so
 * that their code (most of the node's) is loaded and run after a start is ready to serve.
 */
import type { Attachments } from '@polder/attachments'
import type { OrgKey, Store } from '@polder/store'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import { PortInUseError } from '../errors.js'
import { type AttachmentsConfig, startAttachments } from './attachments.js'
import { type NetworkConfig, startNetwork } from './network.js'
import { type NetworkParts, nextTurn } from './network-start.js'
import { type SyncConfig, startSync } from './sync.js'

export type NetworkPartsConfig = NetworkConfig &
  SyncConfig &
  AttachmentsConfig &
  Pick<Config, 'listen'>

export interface NetworkPartsInit {
  readonly key: OrgKey
  readonly store: Store
  /** A logger for each part. */
  readonly part: (name: string) => Logger
  /** Files to add before attachments' pin policy first runs (the demo's). */
  readonly prepare?: (attachments: Attachments) => Promise<void>
  /** Marks when each part was ready (start-up profile). */
  readonly mark: (name: string) => void
  /** Stops a start under way: what was built is stopped again. */
  readonly signal: AbortSignal
}

/** Whether an error (or one it was caused by) is a listen on an address in use. */
export function addressInUse(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE' || /EADDRINUSE/.test(error.message))
    return true
  return addressInUse(error.cause, depth + 1)
}

export async function startNetworkParts(
  config: NetworkPartsConfig,
  { key, store, part, prepare, mark, signal }: NetworkPartsInit,
): Promise<NetworkParts & { stop(): Promise<void> }> {
  const stops: (() => Promise<void>)[] = []
  try {
    const network = await startNetwork(config, key, () => store.directory, part('network')).catch(
      (err) => {
        throw addressInUse(err)
          ? new PortInUseError(
              `a libp2p listen address (${config.listen.join(', ')}) is in use: ` +
                'choose another with --listen or POLDER_LISTEN',
              { cause: err },
            )
          : err
      },
    )
    stops.push(() => network.stop())
    mark('network')
    await nextTurn() // the API answers between the steps
    signal.throwIfAborted()
    const collective = await startSync(config, { store, network, key }, part('sync'))
    stops.push(() => collective.stop())
    mark('sync')
    await nextTurn() // the API answers between the steps
    signal.throwIfAborted()
    const attachments = await startAttachments(
      config,
      { store, network },
      part('attachments'),
      prepare,
    )
    stops.push(() => attachments.stop())
    mark('attachments')
    await nextTurn() // the API answers between the steps
    signal.throwIfAborted()
    return {
      network,
      collective,
      attachments,
      stop: async () => {
        for (const stop of stops.reverse()) await stop()
      },
    }
  } catch (err) {
    for (const stop of stops.reverse()) await stop()
    throw err
  }
}
