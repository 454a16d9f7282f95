/** Bulk replication of a log between two stores: complete, incremental, and all-or-nothing. */
import { Entry } from '@orbitdb/core'
import { describe, expect, it } from 'vitest'
import type { Change } from '../src/index.js'
import { openStore, practice, tempDir } from './helpers.js'

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
    const segment = await a.segmentFor(a.did, await b.heads(a.did))
    expect(await b.joinSegment(a.did, segment as never)).toBe(segment?.entries.length)
    expect(b.count(a.did)).toBe(999)
    expect(b.get(`polder://${a.did}/${edited.id}`)).toEqual(edited)
    expect(b.history(`polder://${a.did}/${edited.id}`).map((s) => s.version)).toEqual([1, 2])
    expect(b.get(`polder://${a.did}/${bulk[1]?.id}`)).toMatchObject({ status: 'retracted' })
    expect(added).toHaveLength(1000)
    expect(await b.heads(a.did)).toEqual(await a.heads(a.did))

    // later: only the new entries travel
    await a.publish(practice(5000))
    const next = await a.segmentFor(a.did, await b.heads(a.did))
    expect(next?.entries).toHaveLength(1)
    await b.joinSegment(a.did, next as never)
    expect(b.count(a.did)).toBe(1000)
    // nothing new: an empty segment
    expect((await a.segmentFor(a.did, await b.heads(a.did)))?.entries).toHaveLength(0)
  })

  it('keeps nothing of a segment with one forged entry, and stays able to sync', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using a = await openStore(dirA.path)
    await using b = await openStore(dirB.path)
    for (let i = 0; i < 20; i++) await a.publish(practice(i))
    await b.follow(a.did)
    const rejected: string[] = []
    b.addEventListener('entry:rejected', (event) => rejected.push(event.detail.reason))
    const segment = await a.segmentFor(a.did, [])
    if (segment === undefined) throw new Error('no segment')
    // change the newest entry's clock: its signature no longer matches
    const head = await Entry.decode(segment.entries[0] as Uint8Array)
    const { hash: _hash, bytes: _bytes, ...fields } = head
    const forged = await Entry.encode({
      ...fields,
      clock: { ...head.clock, time: head.clock.time + 1 },
    })
    const bad = {
      ...segment,
      entries: [forged.bytes, ...segment.entries.slice(1)],
      heads: [forged.hash],
    }
    await expect(b.joinSegment(a.did, bad)).rejects.toThrow()
    expect(rejected.join()).toMatch(/signature/)
    expect(b.count(a.did)).toBe(0)
    expect(await b.heads(a.did)).toEqual([])
    // the honest segment still joins
    await b.joinSegment(a.did, segment)
    expect(b.count(a.did)).toBe(20)
  })

  it('serves nothing of a log it does not hold, and refuses to follow itself or a non-DID', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    expect(
      await store.segmentFor('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', []),
    ).toBeUndefined()
    await expect(store.follow(store.did)).rejects.toThrow(/itself/)
    await expect(store.follow('did:web:example.org')).rejects.toThrow(/did:key/)
  })
})
