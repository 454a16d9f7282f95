import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { didFromEd25519PublicKey, RecordValidationError } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { STATE_FILE } from '../src/constants.js'
import {
  BlockSelfError,
  FollowSelfError,
  ForeignRecordError,
  LogNotHeldError,
  LogNotWritableError,
  RecordExistsError,
  RecordNotFoundError,
  RecordRetractedError,
  StoreClosedError,
} from '../src/errors.js'
import { orgKeyOf } from '../src/keys.js'
import type { Change } from '../src/state.js'
import { openStore, practice, tempDir } from '../src/testing.js'

describe('the store', () => {
  it('publishes, reads, edits, retracts and keeps every version, with events', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const events: string[] = []
    for (const type of ['record:added', 'record:updated', 'record:retracted'] as const) {
      store.addEventListener(type, (event) =>
        events.push(`${type} v${(event.detail as Change).state.version}`),
      )
    }
    const record = await store.publish(practice(1))
    expect(record).toMatchObject({ author: store.did, version: 1, kind: 'practice' })
    expect(store.get(record.id)).toEqual(record)
    expect(store.get(`polder://${store.did}/${record.id}`)).toEqual(record)

    const edited = await store.update(record.id, { status: 'scaled' })
    expect(edited).toMatchObject({ id: record.id, version: 2, status: 'scaled' })
    const tombstone = await store.retract(record.id, { nl: 'Dubbel', en: 'Duplicate' })
    expect(tombstone).toMatchObject({ status: 'retracted', version: 3 })
    expect(store.get(record.id)).toEqual(tombstone)
    expect(store.history(record.id).map((state) => state.version)).toEqual([1, 2, 3])
    expect(store.list()).toEqual([])
    expect(store.list({ retracted: true })).toHaveLength(1)
    expect(events).toEqual(['record:added v1', 'record:updated v2', 'record:retracted v3'])
  })

  it('reads any version by number, and every state held in pages', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const published = await store.publishMany(Array.from({ length: 1_203 }, (_, n) => practice(n)))
    const first = published[0]
    if (first === undefined) throw new Error('nothing published')
    const edited = await store.update(first.id, { status: 'scaled' })
    expect(store.version(store.did, first.id, 1)).toEqual(first)
    expect(store.version(store.did, first.id, 2)).toEqual(edited)
    expect(store.version(store.did, first.id, 3)).toBeUndefined()
    const states = [...store.states()]
    expect(states).toHaveLength(1_204) // 1,203 current and one earlier version
    expect(store.stateCount()).toBe(1_204)
    const keys = new Set(states.map((s) => `${s.id}/${s.version}`))
    expect(keys.size).toBe(1_204)
    expect(keys.has(`${first.id}/1`) && keys.has(`${first.id}/2`)).toBe(true)
  })

  it('finds what relates to a record, and follows edits and retractions', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const about = await store.publish(practice(1))
    const ref = `polder://${store.did}/${about.id}`
    const lesson = await store.publish({
      kind: 'lesson',
      languages: ['en'],
      title: { en: 'Test the masts first' },
      relations: [{ type: 'lessonOf', target: ref }],
    } as never)
    expect(store.relatedTo(about.id)).toEqual([
      { author: store.did, id: lesson.id, type: 'lessonOf' },
    ])
    expect(store.relatedTo(ref)).toEqual(store.relatedTo(about.id))
    await store.retract(lesson.id, { en: 'wrong' })
    expect(store.relatedTo(about.id)).toEqual([])
  })

  it('indexes the attachments of current records by CID, and forgets retracted ones', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const cid = 'bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e'
    const record = await store.publish({
      ...practice(1),
      attachments: [{ cid, name: 'report.pdf', mediaType: 'application/pdf', size: 11 }],
    } as never)
    expect(store.attachments([cid])).toEqual([
      {
        cid,
        author: store.did,
        id: record.id,
        name: 'report.pdf',
        mediaType: 'application/pdf',
        size: 11,
        updated: record.updated,
      },
    ])
    await store.retract(record.id, { en: 'gone' })
    expect(store.attachments()).toEqual([])
  })

  it('gives a record’s provenance, its signature checked again from the stored entry', async () => {
    await using dir = await tempDir()
    const record = await (async () => {
      await using store = await openStore(dir.path)
      const published = await store.publish(practice(1))
      const provenance = await store.provenance(published.id)
      expect(provenance).toMatchObject({
        author: store.did,
        id: published.id,
        version: 1,
        signatureVerified: true,
        local: true,
      })
      expect(provenance?.receivedFrom).toBeUndefined()
      expect(await store.provenance('01J00000000000000000000000')).toBeUndefined()
      return { published, entry: provenance?.entry }
    })()
    // Tamper with the stored entry: the check must now fail rather than trust the table.
    const db = new DatabaseSync(join(dir.path, STATE_FILE))
    const row = db.prepare('SELECT bytes FROM blocks WHERE hash = ?').get(record.entry ?? '')
    const bytes = Uint8Array.from(row?.bytes as Uint8Array)
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff
    db.prepare('UPDATE blocks SET bytes = ? WHERE hash = ?').run(bytes, record.entry ?? '')
    db.close()
    await using store = await openStore(dir.path)
    expect((await store.provenance(record.published.id))?.signatureVerified).toBe(false)
  })

  it('refuses an invalid record with its problems and writes nothing', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const before = await store.log(store.did)?.heads()
    const bad = {
      ...practice(1),
      status: 'running',
      places: [{ name: 'X', country: 'NL', municipality: 'GM1' }],
    }
    const err = await store.publish(bad as never).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RecordValidationError)
    expect((err as RecordValidationError).problems.map((p) => p.path)).toEqual([
      '/places/0/municipality',
      '/status',
    ])
    expect(store.count()).toBe(0)
    expect(await store.log(store.did)?.heads()).toEqual(before)
  })

  it('writes nothing of a bulk publish with invalid records, and names every problem of each', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const inputs = [
      practice(1),
      practice(2),
      { ...practice(3), title: {} },
      practice(4),
      { ...practice(5), status: 'maybe', languages: 'nl' },
    ]
    const err = await store.publishMany(inputs as never).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RecordValidationError)
    expect((err as Error).message).toMatch(
      /^2 of 5 records are invalid \(2, 4\); first: \/2\/title/,
    )
    const paths = (err as RecordValidationError).problems.map((p) => p.path)
    expect(paths).toContain('/2/title')
    expect(paths).toContain('/4/status')
    expect(paths).toContain('/4/languages')
    expect(store.count()).toBe(0)
  })

  it('refuses a bulk that names one id twice, pointing at the second, and writes nothing', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const id = '01JD0000000000000000000001'
    const inputs = Array.from({ length: 2_001 }, (_, i) => practice(i))
    inputs[0] = { ...practice(0), id } as never
    inputs[2_000] = { ...practice(2_000), id } as never
    const err = await store.publishMany(inputs).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RecordValidationError)
    expect((err as RecordValidationError).problems).toEqual([
      expect.objectContaining({ path: '/2000/id', code: 'duplicate-id' }),
    ])
    expect((err as RecordValidationError).problems[0]?.message.nl).toContain('record 0')
    expect(store.count()).toBe(0)
  })

  it('writes a bulk larger than a log entry all or nothing: a clash at its end refuses all', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const existing = await store.publish(practice(0))
    const heads = await store.log(store.did)?.heads()
    const inputs = Array.from({ length: 5_000 }, (_, i) => practice(i + 1))
    inputs[4_999] = { ...practice(5_000), id: existing.id } as never
    await expect(store.publishMany(inputs)).rejects.toThrow(RecordExistsError)
    expect(store.count()).toBe(1)
    expect(await store.log(store.did)?.heads()).toEqual(heads)
    // and the same bulk without the clash lands whole
    inputs[4_999] = practice(5_000)
    expect(await store.publishMany(inputs)).toHaveLength(5_000)
    expect(store.count()).toBe(5_001)
  })

  it('puts a bulk publish in a few log entries, and concurrent publishes in shared ones', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const progress: number[] = []
    await store.publishMany(
      Array.from({ length: 3000 }, (_, i) => practice(i)),
      { onProgress: (done) => progress.push(done) },
    )
    expect(progress).toEqual([3000])
    await Promise.all(Array.from({ length: 300 }, (_, i) => store.publish(practice(i))))
    expect(store.count()).toBe(3300)
    let entries = 0
    for await (const _entry of store.log(store.did)?.traverse() ?? []) entries++
    expect(entries).toBeLessThan(3300 / 10)
  })

  it('edits of one record made at once all apply, each on the one before', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const record = await store.publish(practice(1))
    const edits = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.update(record.id, { tags: [`edit ${i}`] })),
    )
    expect(edits.map((edit) => edit.version)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2))
    expect(store.get(record.id)?.version).toBe(21)
    expect(store.history(record.id)).toHaveLength(21)
  })

  it('says clearly when a record is missing, retracted or exists already', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    await expect(store.update('01JD0000000000000000000000', { status: 'ended' })).rejects.toThrow(
      RecordNotFoundError,
    )
    const record = await store.publish(practice(1))
    await expect(store.publish({ ...practice(2), id: record.id } as never)).rejects.toThrow(
      RecordExistsError,
    )
    await store.retract(record.id, { en: 'gone' })
    await expect(store.update(record.id, { status: 'ended' })).rejects.toThrow(RecordRetractedError)
    await expect(store.retract(record.id, { en: 'again' })).rejects.toThrow(RecordRetractedError)
  })

  it('lists vouches of followed organisations only, each voucher once per subject, its newest up to a limit', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const followed = orgKeyOf(await generateKeyPair('Ed25519'))
    const stranger = orgKeyOf(await generateKeyPair('Ed25519'))
    for (const key of [followed, stranger]) await store.addWritableLog(key)
    await store.follow(followed.did)
    const subjects = [0, 1, 2, 3].map(() => didFromEd25519PublicKey(randomBytes(32)))
    const vouch = (subject: string) => ({
      kind: 'vouch' as const,
      languages: ['nl'],
      title: { nl: 'Organisatie' },
      subject,
    })
    // oldest first: subjects 0, 1, 2, then 0 again
    for (const [day, n] of [0, 1, 2, 0].entries()) {
      await store.publishManyAs(followed.did, [vouch(subjects[n] as string)], {
        now: new Date(Date.UTC(2026, 0, day + 1)),
      })
    }
    await store.publishManyAs(stranger.did, [vouch(subjects[3] as string)])
    const by = [followed.did]
    expect(Object.fromEntries(store.vouchesOfFollowed(1_000))).toEqual({
      [subjects[0] as string]: by,
      [subjects[1] as string]: by,
      [subjects[2] as string]: by,
    })
    // the newest two vouches: subject 0 (again) and subject 2
    expect(Object.fromEntries(store.vouchesOfFollowed(2))).toEqual({
      [subjects[0] as string]: by,
      [subjects[2] as string]: by,
    })
  })

  it('refuses, with a named error, what no node may do to a log', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using store = await openStore(dirA.path)
    await using other = await openStore(dirB.path)
    await expect(store.follow(store.did)).rejects.toThrow(FollowSelfError)
    await expect(store.block(store.did)).rejects.toThrow(BlockSelfError)
    // a log this node only reads: no key to write it
    await store.follow(other.did)
    await expect(store.publishManyAs(other.did, [practice(1)])).rejects.toThrow(LogNotWritableError)
    // a log this node does not hold at all
    const stranger = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
    await expect(store.joinSegment(stranger, { entries: [], identities: [] })).rejects.toThrow(
      LogNotHeldError,
    )
    // an import into the own log of a record by another organisation writes nothing
    const foreign = await other.publish(practice(2))
    await expect(store.importStates(store.did, [foreign])).rejects.toThrow(ForeignRecordError)
    expect(store.count()).toBe(0)
  })

  it('keeps everything across a restart, without replaying the log', async () => {
    await using dir = await tempDir()
    let store = await openStore(dir.path)
    const did = store.did
    const records = await store.publishMany(Array.from({ length: 500 }, (_, i) => practice(i)))
    await store.update(records[0]?.id as string, { status: 'ended' })
    const heads = (await store.log(did)?.heads())?.map((entry) => entry.hash)
    await store.stop()
    await expect(store.publish(practice(1))).rejects.toThrow(StoreClosedError)

    store = await openStore(dir.path)
    try {
      expect(store.did).toBe(did)
      expect(store.count()).toBe(500)
      expect(store.get(records[0]?.id as string)?.version).toBe(2)
      expect((await store.log(did)?.heads())?.map((entry) => entry.hash)).toEqual(heads)
      // the log continues where it was: a new entry follows the old heads
      await store.publish(practice(501))
      const [head] = (await store.log(did)?.heads()) ?? []
      expect(head?.next).toEqual(heads)
    } finally {
      await store.stop()
    }
  })
})

describe('the order of last change', () => {
  it('pages current states by updated, then author and id, whatever the ISO form of the time', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const at = (iso: string) => ({ now: new Date(iso) })
    const a = await store.publish(practice(1), at('2024-03-01T10:00:00.500Z'))
    const b = await store.publish(practice(2), at('2024-03-01T10:00:00.000Z'))
    const c = await store.publish(
      {
        kind: 'organization',
        languages: ['nl'],
        title: { nl: 'Gemeente' },
        orgType: 'municipality',
      },
      at('2024-01-01T00:00:00Z'),
    )
    const d = await store.retract(b.id, { en: 'gone' }, at('2024-06-01T00:00:00Z'))
    const ids = (options = {}) => [...store.byUpdated(options)].map((state) => state.id)
    expect(ids()).toEqual([c.id, a.id, d.id])
    expect(ids({ from: Date.parse('2024-02-01T00:00:00Z') })).toEqual([a.id, d.id])
    expect(ids({ until: Date.parse('2024-03-01T10:00:00.500Z') })).toEqual([c.id, a.id])
    expect(ids({ after: { updated: Date.parse(a.updated), author: a.author, id: a.id } })).toEqual([
      d.id,
    ])
    expect(ids({ kind: 'practice' })).toEqual([a.id, d.id])
    expect(ids({ author: 'did:key:z6MkOther' })).toEqual([])
    expect(store.earliestUpdate()).toBe(Date.parse('2024-01-01T00:00:00Z'))
    // read a row at a time, or two: the same states in the same order, across the pages
    expect(ids({ pageSize: 1 })).toEqual([c.id, a.id, d.id])
    expect(ids({ pageSize: 2, kind: 'practice' })).toEqual([a.id, d.id])
    expect(ids({ pageSize: 2, from: Date.parse('2024-02-01T00:00:00Z') })).toEqual([a.id, d.id])
  })
})
