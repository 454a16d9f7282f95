/**
 * Plain Helia + libp2p + OrbitDB 4, set up the way OrbitDB's own examples do it, shared by the
 * OrbitDB baselines. Nothing here reaches another host: no bootstrap, mDNS, DHT or HTTP
 * gateways; blocks come from the local file-system blockstore or, over bitswap, from a peer
 * that was dialled on purpose.
 */
import { join } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { bitswap } from '@helia/block-brokers'
import { libp2pRouting } from '@helia/routers'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { tcp } from '@libp2p/tcp'
import { createOrbitDB, type OrbitDB } from '@orbitdb/core'
import { FsBlockstore } from 'blockstore-fs'
import { LevelDatastore } from 'datastore-level'
import { createHelia, type Helia } from 'helia'
import { createLibp2p } from 'libp2p'

export interface OrbitDBPeer {
  helia: Helia
  orbitdb: OrbitDB
  stop(): Promise<void>
}

/**
 * Starts Helia and OrbitDB with everything under `dir`. With `listen`, libp2p listens on TCP on
 * 127.0.0.1 only (noise, yamux) so another process on this machine can dial it; without, it has
 * no transport at all.
 */
export async function startOrbitDB(
  dir: string,
  options: { id: string; listen?: boolean },
): Promise<OrbitDBPeer> {
  const network = options.listen
    ? {
        addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
        transports: [tcp()],
        connectionEncrypters: [noise()],
        streamMuxers: [yamux()],
      }
    : {}
  const libp2p = await createLibp2p({
    ...network,
    services: { identify: identify(), pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }) },
  })
  const helia = await createHelia({
    libp2p,
    blockstore: new FsBlockstore(join(dir, 'blocks')),
    datastore: new LevelDatastore(join(dir, 'data')),
    // Helia's defaults minus the HTTP gateways: bitswap with peers this node is connected to.
    blockBrokers: [bitswap()],
    routers: [libp2pRouting(libp2p)],
  })
  try {
    const orbitdb = await createOrbitDB({
      ipfs: helia,
      directory: join(dir, 'orbitdb'),
      id: options.id,
    })
    return {
      helia,
      orbitdb,
      async stop() {
        try {
          await orbitdb.stop()
        } finally {
          await helia.stop()
        }
      },
    }
  } catch (error) {
    await helia.stop()
    throw error
  }
}
