/**
 * The collective: discovery, announcements, trust and replication of the logs this node
 * follows, over the network, into the store; misbehaving peers are logged and cut off.
 */
import { join } from 'node:path'
import { cutOffPeer, type Network } from '@polder/net'
import type { OrgKey, Store } from '@polder/store'
import { Collective } from '@polder/sync'
import type { Logger } from 'pino'
import type { Config } from '../config.js'

/** This node's processes' gossip numbering, so that their late messages are known as its own. */
export const GOSSIP_EPOCHS_FILE = 'gossip-epochs.json'

export type SyncConfig = Pick<
  Config,
  | 'collective'
  | 'trust'
  | 'trustVouches'
  | 'trustVouchesPerVoucher'
  | 'syncIntervalMs'
  | 'announceIntervalMs'
  | 'targetPeers'
  | 'dropHeadsMessages'
  | 'orgQuota'
  | 'home'
>

export interface SyncComponents {
  readonly store: Store
  readonly network: Network
  /** Signs this node's own announcement handed to a joining node. */
  readonly key?: OrgKey
}

export async function startSync(
  config: SyncConfig,
  { store, network, key }: SyncComponents,
  logger: Logger,
): Promise<Collective> {
  const collective = new Collective({
    store,
    libp2p: network.libp2p,
    collective: config.collective,
    trust: config.trust,
    trustVouches: config.trustVouches,
    trustVouchesPerVoucher: config.trustVouchesPerVoucher,
    repairIntervalMs: config.syncIntervalMs,
    announceIntervalMs: config.announceIntervalMs,
    discoveryIntervalMs: config.announceIntervalMs,
    targetPeers: config.targetPeers,
    dropHeadsMessages: config.dropHeadsMessages,
    // an offender cut off stays cut off for a while: the connection gater refuses it
    cutOff: (peer, forMs) => cutOffPeer(network.libp2p, network.gate, peer, forMs),
    quota: config.orgQuota,
    epochsFile: join(config.home, GOSSIP_EPOCHS_FILE),
    privateKey: key?.privateKey,
  })
  const { replicator } = collective
  replicator.addEventListener('peer:offence', ({ detail }) =>
    logger.warn(detail, 'a peer sent data that was refused'),
  )
  // a block never asked for is wrong data (a wrong block for a wanted CID hashes to
  // another CID): an offence like refused log entries, three and the peer is cut off
  network.blocks.addEventListener('block:unasked', ({ detail }) =>
    replicator.reportOffence(detail.sender, `sent a block it was not asked for: ${detail.cid}`),
  )
  replicator.addEventListener('sync:complete', ({ detail }) => logger.debug(detail, 'replicated'))
  await collective.start()
  return collective
}
