/** The file-system blockstore on a real temp dir: writes of one block at once, reads. */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { describe, expect, it } from 'vitest'
import { BlockFiles } from '../src/block-files.js'

async function blockOf(bytes: Uint8Array): Promise<CID> {
  return CID.createV1(raw.code, await sha256.digest(bytes))
}

async function read(store: BlockFiles, cid: CID): Promise<Buffer> {
  const parts: Uint8Array[] = []
  for await (const part of store.get(cid)) parts.push(part)
  return Buffer.concat(parts)
}

async function withStore(run: (store: BlockFiles, dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'polder-blocks-'))
  const store = new BlockFiles(join(dir, 'blocks'))
  await store.open()
  try {
    await run(store, join(dir, 'blocks'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Every file under `dir`, temporary ones included. */
async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name)
}

describe('block files', () => {
  it('writes one block put many times at once once, and reads it back whole', async () => {
    await withStore(async (store, dir) => {
      const bytes = randomBytes(262_144)
      const cid = await blockOf(bytes)
      const puts = await Promise.all(Array.from({ length: 8 }, () => store.put(cid, bytes)))
      expect(puts.every((put) => put.equals(cid))).toBe(true)
      expect((await read(store, cid)).equals(bytes)).toBe(true)
      // the block's file, and no temporary file left over
      expect(await files(dir)).toHaveLength(1)
      expect(await store.has(cid)).toBe(true)
    })
  })

  it("writes a block for a second caller when the first caller's write was aborted", async () => {
    await withStore(async (store) => {
      const bytes = randomBytes(1_000)
      const cid = await blockOf(bytes)
      const first = store.put(cid, bytes, { signal: AbortSignal.abort() })
      const second = store.put(cid, bytes)
      await expect(first).rejects.toThrow()
      await expect(second).resolves.toEqual(cid)
      expect((await read(store, cid)).equals(bytes)).toBe(true)
    })
  })

  it('writes a block whose shard directory was removed after an earlier write made it', async () => {
    await withStore(async (store, dir) => {
      const first = randomBytes(1_000)
      const cid = await blockOf(first)
      await store.put(cid, first)
      await rm(dir, { recursive: true })
      await store.put(cid, first)
      expect((await read(store, cid)).equals(first)).toBe(true)
      expect(await files(dir)).toHaveLength(1)
    })
  })

  it('says NotFoundError for a block it does not hold', async () => {
    await withStore(async (store) => {
      const cid = await blockOf(randomBytes(10))
      await expect(read(store, cid)).rejects.toMatchObject({ name: 'NotFoundError' })
      expect(await store.has(cid)).toBe(false)
    })
  })
})
