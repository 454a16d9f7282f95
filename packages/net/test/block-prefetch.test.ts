/**
 * A want-list's blocks are read from disk side by side on the node that serves them, not
 * one after another as bitswap's ledger reads them: two real networks on loopback, one
 * asking the other for a file's worth of blocks at once.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AbortOptions } from '@libp2p/interface'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { BlockFiles } from '../src/block-files.js'
import type { Network } from '../src/index.js'
import { localNetwork } from './local-network.js'

const RAW = 0x55
const BLOCKS = 16

async function bytesOf(blocks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = []
  for await (const part of blocks) parts.push(part)
  return Buffer.concat(parts)
}

describe('blocks asked for together', () => {
  const roots: string[] = []
  const networks: Network[] = []
  afterAll(async () => {
    vi.restoreAllMocks()
    for (const network of networks) await network.stop()
    for (const root of roots) await rm(root, { recursive: true, force: true })
  })

  it('are read side by side by the node that has them, and arrive whole', async () => {
    const root = await mkdtemp(join(tmpdir(), 'polder-net-prefetch-'))
    roots.push(root)
    const holder = await localNetwork(root, 'holder')
    networks.push(holder)
    const fetcher = await localNetwork(root, 'fetcher')
    networks.push(fetcher)
    const blocks = await Promise.all(
      Array.from({ length: BLOCKS }, async () => {
        const bytes = randomBytes(262_144)
        return { cid: CID.createV1(RAW, await sha256.digest(bytes)), bytes }
      }),
    )
    for (const { cid, bytes } of blocks) await holder.helia.blockstore.put(cid, bytes)

    // reads of block files under way at once (only the holder reads any: the fetcher
    // keeps what bitswap hands it)
    let reading = 0
    let most = 0
    const get = BlockFiles.prototype.get
    vi.spyOn(BlockFiles.prototype, 'get').mockImplementation(async function* (
      this: BlockFiles,
      cid: Parameters<BlockFiles['get']>[0],
      options?: AbortOptions,
    ) {
      reading++
      most = Math.max(most, reading)
      try {
        yield* get.call(this, cid, options)
      } finally {
        reading--
      }
    })

    await fetcher.libp2p.dial(holder.libp2p.getMultiaddrs())
    const fetched = await Promise.all(
      blocks.map(({ cid }) =>
        bytesOf(fetcher.helia.blockstore.get(cid, { signal: AbortSignal.timeout(20_000) })),
      ),
    )
    fetched.forEach((bytes, i) => {
      expect(bytes.equals(blocks[i]?.bytes ?? Buffer.alloc(0))).toBe(true)
    })
    // bitswap's ledger alone reads them one at a time
    expect(most).toBeGreaterThan(1)
  }, 60_000)
})
