/**
 * libp2p's keys served from memory and written to a real LevelDB behind: nothing acknowledged
 * is lost at close or after a failed write, the last change wins, and queries outside libp2p's
 * keys see the pending changes.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LevelDatastore } from 'datastore-level'
import { type Datastore, Key } from 'interface-datastore'
import { afterAll, describe, expect, it } from 'vitest'
import { WriteBehindDatastore } from '../src/write-behind-datastore.js'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const text = (value: Uint8Array): string => new TextDecoder().decode(value)

describe('the datastore written behind', () => {
  const roots: string[] = []
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true })
  })

  async function level(): Promise<{ level: LevelDatastore; disk: Datastore; dir: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'polder-write-behind-'))
    roots.push(dir)
    const opened = new LevelDatastore(dir)
    await opened.open()
    // datastore-level is on interface-datastore 9, this module on 10 (network.ts says why)
    return { level: opened, disk: opened as unknown as Datastore, dir }
  }

  /** What LevelDB itself holds under `name`, read past the memory. */
  async function onDisk(disk: Datastore, name: string): Promise<string | undefined> {
    return (await disk.has(new Key(name))) ? text(await disk.get(new Key(name))) : undefined
  }

  it("answers libp2p's keys from memory and writes them a moment later, in one batch", async () => {
    const { level: db, disk } = await level()
    const store = await WriteBehindDatastore.open(disk, { delayMs: 2_000 })
    await store.put(new Key('/peers/a'), bytes('one'))
    await store.put(new Key('/dht/provider/b/c'), bytes('two'))
    expect(store.pendingWrites).toBe(2)
    expect(text(await store.get(new Key('/peers/a')))).toBe('one')
    expect(await store.has(new Key('/dht/provider/b/c'))).toBe(true)
    expect(await onDisk(disk, '/peers/a')).toBeUndefined()
    await expect.poll(() => onDisk(disk, '/peers/a'), { timeout: 10_000 }).toBe('one')
    expect(await onDisk(disk, '/dht/provider/b/c')).toBe('two')
    expect(store.pendingWrites).toBe(0)
    await store.close()
    await db.close()
  })

  it('keeps the last of several changes to a key, a delete included', async () => {
    const { level: db, disk } = await level()
    await disk.put(new Key('/peers/gone'), bytes('old'))
    const store = await WriteBehindDatastore.open(disk, { delayMs: 60_000 })
    await store.put(new Key('/peers/a'), bytes('first'))
    await store.put(new Key('/peers/a'), bytes('second'))
    await store.delete(new Key('/peers/gone'))
    await store.put(new Key('/peers/back'), bytes('x'))
    await store.delete(new Key('/peers/back'))
    await store.put(new Key('/peers/back'), bytes('again'))
    await expect(store.get(new Key('/peers/gone'))).rejects.toThrow(/not found/)
    await store.close()
    expect(await onDisk(disk, '/peers/a')).toBe('second')
    expect(await onDisk(disk, '/peers/gone')).toBeUndefined()
    expect(await onDisk(disk, '/peers/back')).toBe('again')
    await db.close()
  })

  it('starts from what LevelDB held at the last close', async () => {
    const { level: db, disk, dir } = await level()
    const first = await WriteBehindDatastore.open(disk, { delayMs: 60_000 })
    await first.put(new Key('/peers/a'), bytes('kept'))
    await first.put(new Key('/dht/record/r'), bytes('record'))
    await first.close()
    await db.close()
    const again = new LevelDatastore(dir)
    await again.open()
    const second = await WriteBehindDatastore.open(again as unknown as Datastore)
    expect(text(await second.get(new Key('/peers/a')))).toBe('kept')
    const keys: string[] = []
    for await (const key of second.queryKeys({ prefix: '/dht/' })) keys.push(key.toString())
    expect(keys).toEqual(['/dht/record/r'])
    await second.close()
    await again.close()
  })

  it('passes other keys straight to LevelDB', async () => {
    const { level: db, disk } = await level()
    const store = await WriteBehindDatastore.open(disk, { delayMs: 60_000 })
    await store.put(new Key('/pins/x'), bytes('pin'))
    expect(await onDisk(disk, '/pins/x')).toBe('pin')
    expect(store.pendingWrites).toBe(0)
    await store.delete(new Key('/pins/x'))
    expect(await onDisk(disk, '/pins/x')).toBeUndefined()
    await store.close()
    await db.close()
  })

  it("answers a query that may reach libp2p's keys only once they are written", async () => {
    const { level: db, disk } = await level()
    const store = await WriteBehindDatastore.open(disk, { delayMs: 60_000 })
    await store.put(new Key('/peers/a'), bytes('1'))
    await store.put(new Key('/pins/b'), bytes('2'))
    const all: string[] = []
    for await (const { key } of store.query({})) all.push(key.toString())
    expect(all.sort()).toEqual(['/peers/a', '/pins/b'])
    const limited: string[] = []
    for await (const key of store.queryKeys({ prefix: '/peers/', limit: 1 })) {
      limited.push(key.toString())
    }
    expect(limited).toEqual(['/peers/a'])
    await store.close()
    await db.close()
  })

  it('keeps the changes of a failed write and writes them once LevelDB is back', async () => {
    const { level: db, disk } = await level()
    const store = await WriteBehindDatastore.open(disk, { delayMs: 20 })
    await store.put(new Key('/peers/a'), bytes('before'))
    // LevelDB closed under it: its batch fails as on a broken disk
    await db.close()
    await expect(store.flush()).rejects.toThrow()
    expect(store.failedWrites).toBeGreaterThanOrEqual(1)
    expect(store.pendingWrites).toBe(1)
    await store.put(new Key('/peers/b'), bytes('during'))
    await db.open()
    // written by the retry the failure scheduled, without another flush from outside
    await expect.poll(() => onDisk(disk, '/peers/a'), { timeout: 5_000 }).toBe('before')
    await expect.poll(() => onDisk(disk, '/peers/b')).toBe('during')
    await store.close()
    await db.close()
  })
})
