/**
 * The check pool's workers find what the joining thread finds, for real entries of a real
 * store, in the order sent; and they are gone once there is nothing to check.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import * as dagCbor from '@ipld/dag-cbor'
import { afterAll, describe, expect, it } from 'vitest'
import { CheckPool } from '../src/check-pool.js'
import { checkEntryBlock } from '../src/entry-check.js'
import { openStore, practice, tempDir } from '../src/testing.js'

/** Entry blocks of a log of 40 entries of one record and one of 300 records. */
async function entryBlocks(): Promise<{ did: string; blocks: Uint8Array[] }> {
  await using dir = await tempDir()
  await using store = await openStore(dir.path)
  for (let n = 0; n < 40; n++) await store.publish(practice(n))
  await store.publishMany(Array.from({ length: 300 }, (_, n) => practice(100 + n)))
  const blocks: Uint8Array[] = []
  for await (const log of store.archivedLogs())
    for (const entry of log.entries) blocks.push(entry.bytes)
  return { did: store.did, blocks }
}

describe('the check pool', () => {
  const pool = new CheckPool({ size: 2, idleMs: 1_000 })
  afterAll(() => pool.close())

  it('finds for every block what the joining thread finds, in order', async () => {
    const { did, blocks } = await entryBlocks()
    expect(blocks.length).toBe(41)
    // another entry's signature and a block that is no entry at all, among good ones
    const forged: Uint8Array[] = blocks.map((bytes) => bytes.slice())
    const { sig } = dagCbor.decode(blocks[2] as Uint8Array) as { sig: string }
    forged[3] = dagCbor.encode({ ...(dagCbor.decode(blocks[3] as Uint8Array) as object), sig })
    forged.splice(7, 0, new Uint8Array([1, 2, 3]))

    const onWorkers = await pool.check(did, forged)
    const here = forged.map((bytes) => checkEntryBlock(bytes, did))
    expect(onWorkers).toEqual(here)
    expect(onWorkers[7]).toEqual({ malformed: expect.stringMatching(/not a log entry/) })
    expect(onWorkers[3]).toMatchObject({ signature: false })
    expect(onWorkers.filter((check) => 'signature' in check && check.signature)).toHaveLength(40)
    const bulk = onWorkers[41]
    expect(bulk !== undefined && 'payload' in bulk && 'states' in bulk.payload).toBe(true)
    if (bulk !== undefined && 'payload' in bulk && 'states' in bulk.payload)
      expect(bulk.payload.states).toHaveLength(300)
  })

  it('lets its workers exit when there is nothing to check', async () => {
    const { did, blocks } = await entryBlocks()
    await pool.check(did, blocks)
    expect(pool.workers).toBeGreaterThan(0)
    const deadline = Date.now() + 20_000
    while (pool.workers > 0 && Date.now() < deadline) await sleep(50)
    expect(pool.workers).toBe(0)
    // and starts them again for the next segment
    expect(await pool.check(did, blocks.slice(0, 3))).toHaveLength(3)
  })
})
