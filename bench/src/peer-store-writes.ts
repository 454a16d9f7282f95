/**
 * What libp2p's peer store costs a new stream on LevelDB against memory: libp2p merges the
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
import { LevelDatastore } from 'datastore-level'
import { createLibp2p, type Libp2pOptions } from 'libp2p'

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

async function run(onDisk: boolean): Promise<{ cpuUs: number; wallUs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'polder-peer-store-writes-'))
  const datastore = onDisk ? new LevelDatastore(dir) : undefined
  await datastore?.open()
  const libp2p = await createLibp2p({
    start: false,
    ...(datastore === undefined
      ? {}
      : { datastore: datastore as unknown as NonNullable<Libp2pOptions['datastore']> }),
  })
  const cpu = process.cpuUsage()
  const start = performance.now()
  for (let i = 0; i < merges; i++) {
    const peer = peers[i % peers.length]
    if (peer === undefined) throw new Error('no peer ids')
    await libp2p.peerStore.merge(peer, { protocols: ['/polder/test/kad/1.0.0'] })
  }
  const wallUs = ((performance.now() - start) * 1000) / merges
  const used = process.cpuUsage(cpu)
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
  for (const onDisk of pair % 2 === 0 ? [false, true] : [true, false]) {
    const { cpuUs, wallUs } = await run(onDisk)
    console.log(
      `${onDisk ? 'LevelDB' : 'memory '} CPU ${cpuUs.toFixed(1)} µs/merge, wall ${wallUs.toFixed(1)} µs/merge`,
    )
  }
}
console.log(
  `load ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
)
