/**
 * What libp2p's peer store costs a new stream on LevelDB, on LevelDB written behind (the
 * node's, write-behind-datastore.ts) and in memory: libp2p merges the
 * stream's protocol into the peer's record at every stream it opens or accepts
 * (`connection.js`), and the store writes the record each time (`#saveIfDifferent`).
 * CPU of the main thread (LevelDB's own work runs on libuv's threads, not counted) and wall
 * time per merge, alternating the two datastores.
 *
 *   node bench/src/peer-store-writes.ts [merges=4000] [pairs=3]
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { WriteBehindDatastore } from '@polder/net'
import { LevelDatastore } from 'datastore-level'
import { createLibp2p, type Libp2pOptions } from 'libp2p'

type Store = 'memory' | 'LevelDB' | 'written behind'
const STORES: readonly Store[] = ['memory', 'LevelDB', 'written behind']

const merges = Number(process.argv[2] ?? 4000)
const pairs = Number(process.argv[3] ?? 3)
// twenty peer ids (libp2p derives one from a key; @libp2p/peer-id is not this package's)
const peers = await Promise.all(
  Array.from(
    { length: 20 },
    async () =>
      (await createLibp2p({ start: false, privateKey: await generateKeyPair('Ed25519') })).peerId,
  ),
)

async function run(store: Store): Promise<{ cpuUs: number; wallUs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'polder-peer-store-writes-'))
  const datastore = store === 'memory' ? undefined : new LevelDatastore(dir)
  await datastore?.open()
  // the two interface-datastore versions' Keys differ in a private field only (network.ts)
  const onDisk = datastore as unknown as NonNullable<Libp2pOptions['datastore']> | undefined
  const behind =
    store === 'written behind' && onDisk !== undefined
      ? await WriteBehindDatastore.open(onDisk)
      : undefined
  const libp2p = await createLibp2p({
    start: false,
    ...(behind !== undefined
      ? { datastore: behind }
      : onDisk !== undefined
        ? { datastore: onDisk }
        : {}),
  })
  const cpu = process.cpuUsage()
  const start = performance.now()
  for (let i = 0; i < merges; i++) {
    const peer = peers[i % peers.length]
    if (peer === undefined) throw new Error('no peer ids')
    await libp2p.peerStore.merge(peer, { protocols: ['/polder/test/kad/1.0.0'] })
  }
  // the batch written behind is part of the cost
  await behind?.flush()
  const wallUs = ((performance.now() - start) * 1000) / merges
  const used = process.cpuUsage(cpu)
  await behind?.close()
  await datastore?.close()
  await rm(dir, { recursive: true, force: true })
  return { cpuUs: (used.user + used.system) / merges, wallUs }
}

console.log(
  `load ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
)
for (let pair = 0; pair < pairs; pair++) {
  // each pair in another order: the first run of a pair warms what the others reuse
  for (const store of pair % 2 === 0 ? STORES : [...STORES].reverse()) {
    const { cpuUs, wallUs } = await run(store)
    console.log(
      `${store.padEnd(14)} CPU ${cpuUs.toFixed(1)} µs/merge, wall ${wallUs.toFixed(1)} µs/merge`,
    )
  }
}
console.log(
  `load ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
)
