/** The network: libp2p and Helia, on the configured addresses, with the organisation's key. */
import { createNetwork, type Network } from '@polder/net'
import type { OrgKey } from '@polder/store'
import { gossipTopics } from '@polder/sync'
import type { Logger } from 'pino'
import type { Config } from '../config.js'

export type NetworkConfig = Pick<
  Config,
  'home' | 'listen' | 'bootstrap' | 'collective' | 'mdns' | 'denyPeers'
>

export async function startNetwork(
  config: NetworkConfig,
  key: OrgKey,
  logger: Logger,
): Promise<Network> {
  const network = await createNetwork({
    home: config.home,
    privateKey: key.privateKey,
    listen: config.listen,
    bootstrap: config.bootstrap,
    collective: config.collective,
    mdns: config.mdns,
    denyPeers: config.denyPeers,
    // peers on this host (tests, a demo) are not the Sybils the colocation penalty is for
    colocationWhitelist: ['127.0.0.1', '::1'],
    scoredTopics: gossipTopics(config.collective),
  })
  logger.debug({ peerId: network.libp2p.peerId.toString() }, 'network started')
  return network
}
