/**
 * Bulk replication of a log between two stores, as the sync protocol moves it: the
 * holder's diff and batches, the follower's join. Complete, incremental, all-or-nothing.
 */
import { Entry } from '@orbitdb/core'
import type { Change, Segment, Store } from '@polder/store'
import { openStore, practice, tempDir } from '@polder/store/testing'
import { describe, expect, it } from 'vitest'
import { diffLog, FIRST_BATCH_BYTES, type LogBlocks, readBatches } from '../src/log-diff.js'

/** Every batch `from` has of `did` that `to` lacks, joined into `to`; returns the batch count. */
async function sync(from: Store, to: Store, did: string, batchBytes?: number): Promise<number> {
  const diff = await diffLog(from, did, await to.heads(did))
  if (diff === undefined) throw new Error('no such log')
  let batches = 0
  for await (const batch of readBatches(from, did, diff, batchBytes)) {
    await to.joinSegment(did, batch)
    batches++
  }
  return batches
}

async function segmentOf(store: Store, did: string): Promise<Segment> {
  const diff = await diffLog(store, did, [])
  if (diff === undefined) throw new Error('no such log')
  const entries: Uint8Array[] = []
  const identities: Uint8Array[] = []
  for await (const batch of readBatches(store, did, diff)) {
    entries.push(...batch.entries)
    identities.push(...batch.identities)
  }
  return { entries, identities }
}

describe('moving a log in bulk', () => {
  it('gives a follower every record and version, then only what it lacks', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using a = await openStore(dirA.path)
    await using b = await openStore(dirB.path)
    for (let i = 0; i < 300; i++) await a.publish(practice(i))
    const bulk = await a.publishMany(Array.from({ length: 700 }, (_, i) => practice(1000 + i)))
    const edited = await a.update(bulk[0]?.id as string, { status: 'scaled' })
    await a.retract(bulk[1]?.id as string, { en: 'Withdrawn' })

    await b.follow(a.did)
    expect(b.follows()).toEqual([a.did])
    const added: Change[] = []
    b.addEventListener('record:added', (event) => added.push(event.detail))
    // small batches: each must join on its own, oldest first
    expect(await sync(a, b, a.did, 16 * 1024)).toBeGreaterThan(3)
    expect(b.count(a.did)).toBe(999)
    expect(b.get(`polder://${a.did}/${edited.id}`)).toEqual(edited)
    expect(b.history(`polder://${a.did}/${edited.id}`).map((s) => s.version)).toEqual([1, 2])
    expect(b.get(`polder://${a.did}/${bulk[1]?.id}`)).toMatchObject({ status: 'retracted' })
    expect(added).toHaveLength(1000)
    expect(await b.heads(a.did)).toEqual(await a.heads(a.did))

    // later: only the new entries travel
    await a.publish(practice(5000))
    expect((await diffLog(a, a.did, await b.heads(a.did)))?.missing).toHaveLength(1)
    expect(await sync(a, b, a.did)).toBe(1)
    expect(b.count(a.did)).toBe(1000)
    // nothing new: nothing to send
    expect((await diffLog(a, a.did, await b.heads(a.did)))?.missing).toEqual([])
    expect(await b.hasEntries(a.did, await a.heads(a.did))).toBe(true)
  })

  it('keeps nothing of a segment with one forged entry, and stays able to sync', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using a = await openStore(dirA.path)
    await using b = await openStore(dirB.path)
    // over 32 entries: the signatures are checked on the worker thread
    for (let i = 0; i < 40; i++) await a.publish(practice(i))
    await b.follow(a.did)
    const rejected: string[] = []
    b.addEventListener('entry:rejected', (event) => rejected.push(event.detail.reason))
    const segment = await segmentOf(a, a.did)
    // change the newest entry's clock: its signature no longer matches
    const head = await Entry.decode(segment.entries.at(-1) as Uint8Array)
    const { hash: _hash, bytes: _bytes, ...fields } = head
    const forged = await Entry.encode({
      ...fields,
      clock: { ...head.clock, time: head.clock.time + 1 },
    })
    const bad = { ...segment, entries: [...segment.entries.slice(0, -1), forged.bytes] }
    await expect(b.joinSegment(a.did, bad)).rejects.toThrow()
    expect(rejected.join()).toMatch(/signature/)
    expect(b.count(a.did)).toBe(0)
    expect(await b.heads(a.did)).toEqual([])
    // the same forgery of the first entry, alone in a small batch (checked on this thread)
    const first = await Entry.decode(segment.entries[0] as Uint8Array)
    const { hash: _h, bytes: _b, ...firstFields } = first
    const forgedFirst = await Entry.encode({
      ...firstFields,
      clock: { ...first.clock, time: first.clock.time + 1 },
    })
    rejected.length = 0
    await expect(
      b.joinSegment(a.did, { ...segment, entries: [forgedFirst.bytes] }),
    ).rejects.toThrow()
    expect(rejected.join()).toMatch(/signature/)
    // a batch whose past is missing joins nothing
    await expect(
      b.joinSegment(a.did, { ...segment, entries: segment.entries.slice(5) }),
    ).rejects.toThrow()
    expect(b.count(a.did)).toBe(0)
    // the honest segment still joins
    await b.joinSegment(a.did, segment)
    expect(b.count(a.did)).toBe(40)
  })

  it('reads each missing entry from the store once, walking and sending', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    for (let i = 0; i < 50; i++) await store.publish(practice(i))
    const reads = new Map<string, number>()
    // the log's methods use its private fields: called on the log, not on the proxy
    const bound = (target: object, name: PropertyKey): unknown => {
      const value: unknown = Reflect.get(target, name, target)
      return typeof value === 'function' ? value.bind(target) : value
    }
    const counted = <T extends LogBlocks>(log: T): T =>
      new Proxy(log, {
        get: (target, name) =>
          name === 'bytes'
            ? (hash: string) => {
                reads.set(hash, (reads.get(hash) ?? 0) + 1)
                return target.bytes(hash)
              }
            : bound(target, name),
      })
    const holder = {
      readLog: ((did, read) => store.readLog(did, (log) => read(counted(log)))) as Store['readLog'],
      log: (did: string) => {
        const log = store.log(did)
        return log === undefined ? undefined : counted(log)
      },
    }
    const diff = await diffLog(holder, store.did, [])
    if (diff === undefined) throw new Error('no such log')
    let sent = 0
    for await (const batch of readBatches(holder, store.did, diff, 16 * 1024))
      sent += batch.entries.length
    expect(sent).toBe(50)
    const entryReads = diff.missing.map((hash) => reads.get(hash))
    expect(entryReads).toEqual(diff.missing.map(() => 1))
  })

  it('sends a pull small batches first and last, growing between', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    for (let i = 0; i < 600; i++) await store.publish(practice(i))
    const diff = await diffLog(store, store.did, [])
    if (diff === undefined) throw new Error('no such log')
    const most = 128 * 1024
    const sizes: number[] = []
    const sent: Uint8Array[] = []
    for await (const batch of readBatches(store, store.did, diff, most)) {
      sizes.push(batch.entries.reduce((sum, entry) => sum + entry.byteLength, 0))
      sent.push(...batch.entries)
    }
    // every entry once, oldest first
    expect(sent).toHaveLength(600)
    expect(await Promise.all(sent.map((bytes) => Entry.decode(bytes)))).toSatisfy(
      (entries: { hash: string }[]) => entries.every((entry, i) => entry.hash === diff.missing[i]),
    )
    const largest = Math.max(...sent.map((entry) => entry.byteLength))
    // the follower checks the first batch with nothing to join beside it, and joins the last
    // with nothing to check beside it: both small
    expect(sizes[0]).toBeLessThan(FIRST_BATCH_BYTES + largest)
    expect(sizes.at(-1)).toBeLessThan(FIRST_BATCH_BYTES + largest)
    // between them the batches grow to the most asked, and never past it
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(most)
    expect(Math.max(...sizes)).toBeLessThan(most + largest)
  })

  it('serves nothing of a log it does not hold, and refuses to follow itself or a non-DID', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    expect(
      await diffLog(store, 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', []),
    ).toBeUndefined()
    await expect(store.follow(store.did)).rejects.toThrow(/itself/)
    await expect(store.follow('did:web:example.org')).rejects.toThrow(/did:key/)
  })
})
