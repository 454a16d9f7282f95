/**
 * The baseline: raw OrbitDB 4 `documents` puts on Helia with a file-system blockstore,
 * the way OrbitDB's own examples set it up, measured in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gossipsub } from '@libp2p/gossipsub'
import { identify } from '@libp2p/identify'
import { createOrbitDB } from '@orbitdb/core'
import { FsBlockstore } from 'blockstore-fs'
import { LevelDatastore } from 'datastore-level'
import { createHelia } from 'helia'
import { createLibp2p } from 'libp2p'
import { practice } from './records.ts'

export async function orbitdbPutsPerSecond(count: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'polder-bench-orbitdb-'))
  const libp2p = await createLibp2p({
    services: { identify: identify(), pubsub: gossipsub({ allowPublishToZeroTopicPeers: true }) },
  })
  const helia = await createHelia({
    libp2p,
    blockstore: new FsBlockstore(join(dir, 'blocks')),
    datastore: new LevelDatastore(join(dir, 'data')),
  })
  const orbitdb = await createOrbitDB({ ipfs: helia, directory: join(dir, 'orbitdb'), id: 'bench' })
  try {
    const db = await orbitdb.open('bench-docs', { type: 'documents' })
    const start = performance.now()
    for (let i = 0; i < count; i++) await db.put({ _id: String(i), ...practice(i) })
    return (count / (performance.now() - start)) * 1000
  } finally {
    await orbitdb.stop()
    await helia.stop()
    await rm(dir, { recursive: true, force: true })
  }
}
