/**
 * A want-list's blocks leave part by part as they are read, and a peer that speaks only
 * plain bitswap (Helia's own broker on a plain libp2p node) still gets and gives blocks:
 * real networks on loopback, blocks on disk.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bitswap } from '@helia/block-brokers'
import { libp2pRouting } from '@helia/routers'
import { Helia } from '@helia/utils'
import type { AbortOptions } from '@libp2p/interface'
import { FsBlockstore } from 'blockstore-fs'
import { LevelDatastore } from 'datastore-level'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BlockFiles } from '../src/block-files.js'
import { localNetwork, plainLibp2p } from './local-network.js'
import { waitFor } from './wait-for.js'

const RAW = 0x55
const BLOCK_BYTES = 262_144

interface Block {
  readonly cid: CID
  readonly bytes: Buffer
}

async function someBlocks(count: number): Promise<Block[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const bytes = randomBytes(BLOCK_BYTES)
      return { cid: CID.createV1(RAW, await sha256.digest(bytes)), bytes }
    }),
  )
}

async function bytesOf(blocks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = []
  for await (const part of blocks) parts.push(part)
  return Buffer.concat(parts)
}

interface Getter {
  get(cid: CID, options?: AbortOptions): AsyncIterable<Uint8Array>
}

/** Fetches every block at once; `arrived` counts those that came. */
function fetchAll(store: Getter, blocks: readonly Block[], arrived = { count: 0 }) {
  return Promise.all(
    blocks.map(async ({ cid, bytes }) => {
      const fetched = await bytesOf(store.get(cid, { signal: AbortSignal.timeout(30_000) }))
      arrived.count++
      expect(fetched.equals(bytes)).toBe(true)
    }),
  )
}

/** A libp2p node and Helia with bitswap as it comes: no code of ours on the wire. */
async function plainPeer(home: string) {
  const libp2p = await plainLibp2p()
  const blockstore = new FsBlockstore(join(home, 'blocks'))
  await blockstore.open()
  const datastore = new LevelDatastore(join(home, 'datastore'))
  const helia = new Helia({
    libp2p,
    blockstore,
    datastore,
    blockBrokers: [bitswap()],
    routers: [libp2pRouting(libp2p)],
  })
  await helia.start()
  return {
    libp2p,
    helia,
    async stop() {
      await helia.stop()
      await datastore.close()
    },
  }
}

describe('blocks sent to a peer', () => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    vi.restoreAllMocks()
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function tempRoot(): Promise<string> {
    const root = await mkdtemp(join(tmpdir(), 'polder-net-pipelined-'))
    cleanups.push(() => rm(root, { recursive: true, force: true }))
    return root
  }

  it('leave part by part as they are read, not once the last of the want-list is read', async () => {
    const root = await tempRoot()
    const holder = await localNetwork(root, 'holder')
    cleanups.push(() => holder.stop())
    const fetcher = await localNetwork(root, 'fetcher')
    cleanups.push(() => fetcher.stop())
    // 8 MiB: the first block alone, then parts of up to 4 MiB
    const blocks = await someBlocks(32)
    for (const { cid, bytes } of blocks) await holder.helia.blockstore.put(cid, bytes)

    // the holder's read of the last block waits until released (only the holder reads
    // block files: the fetcher keeps what bitswap hands it)
    const last = (blocks.at(-1) as Block).cid.toString()
    let release = () => {}
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const get = BlockFiles.prototype.get
    vi.spyOn(BlockFiles.prototype, 'get').mockImplementation(async function* (
      this: BlockFiles,
      cid: Parameters<BlockFiles['get']>[0],
      options?: AbortOptions,
    ) {
      if (cid.toString() === last) await released
      yield* get.call(this, cid, options)
    })

    await fetcher.libp2p.dial(holder.libp2p.getMultiaddrs())
    const arrived = { count: 0 }
    const fetched = fetchAll(fetcher.helia.blockstore, blocks, arrived)
    fetched.catch(() => {})
    try {
      // bitswap's ledger sends nothing of a want-list until all its blocks are read
      await waitFor(() => arrived.count >= 16, 'the first parts while the last block is unread')
    } finally {
      release()
    }
    await fetched
    expect(arrived.count).toBe(blocks.length)
  }, 60_000)

  it('reach a peer speaking only plain bitswap, and come from it', async () => {
    const root = await tempRoot()
    const node = await localNetwork(root, 'polder')
    cleanups.push(() => node.stop())
    const plain = await plainPeer(join(root, 'plain'))
    cleanups.push(() => plain.stop())
    const ours = await someBlocks(40)
    for (const { cid, bytes } of ours) await node.helia.blockstore.put(cid, bytes)
    const theirs = await someBlocks(12)
    for (const { cid, bytes } of theirs) await plain.helia.blockstore.put(cid, bytes)

    await plain.libp2p.dial(node.libp2p.getMultiaddrs())
    await fetchAll(plain.helia.blockstore, ours)
    await fetchAll(node.helia.blockstore, theirs)
  }, 60_000)
})
