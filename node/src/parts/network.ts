/** The network: libp2p and Helia, on the configured addresses, with the organisation's key. */
import { createNetwork, type Network } from '@polder/net'
import type { OrgKey } from '@polder/store'
import { gossipTopics } from '@polder/sync'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import { type MemberDirectory, membership } from './membership.js'

export type NetworkConfig = Pick<
  Config,
  | 'home'
  | 'listen'
  | 'announce'
  | 'upnp'
  | 'relay'
  | 'maxConnections'
  | 'bootstrap'
  | 'collective'
  | 'mdns'
  | 'denyPeers'
>

/**
 * Starts libp2p and Helia. It reads nothing of the store: `directory` (the relay service's
 * members) is undefined until the store is open, so a node starts its network while its
 * state file is still being checked.
 */
export async function startNetwork(
  config: NetworkConfig,
  key: OrgKey,
  directory: () => MemberDirectory | undefined,
  logger: Logger,
): Promise<Network> {
  const network = await createNetwork({
    home: config.home,
    privateKey: key.privateKey,
    listen: config.listen,
    announce: config.announce,
    upnp: config.upnp,
    relay:
      config.relay === undefined
        ? undefined
        : {
            ...config.relay,
            isMember: membership(directory),
            onRefused: (peer, reason) =>
              logger.warn({ peer: peer.toString(), reason }, 'relay service refused'),
          },
    maxConnections: config.maxConnections,
    bootstrap: config.bootstrap,
    collective: config.collective,
    mdns: config.mdns,
    denyPeers: config.denyPeers,
    // peers on this host (tests, a demo) are not the Sybils the colocation penalty is for
    colocationWhitelist: ['127.0.0.1', '::1'],
    scoredTopics: gossipTopics(config.collective),
  })
  const { relay } = network.libp2p.services as { relay?: RelayEvents }
  relay?.addEventListener('relay:reservation', ({ detail }) =>
    logger.info({ address: detail.addr.toString() }, 'relay reservation granted'),
  )
  if (network.datastoreSetAside !== undefined)
    logger.warn(
      { setAside: network.datastoreSetAside },
      'the datastore was damaged: set aside, a new one made (peers, DHT records and pins come back)',
    )
  logger.debug({ peerId: network.libp2p.peerId.toString() }, 'network started')
  return network
}

/** The part of the relay service's events logged here. */
interface RelayEvents {
  addEventListener(
    type: 'relay:reservation',
    listener: (event: CustomEvent<{ addr: { toString(): string } }>) => void,
  ): void
}
