/**
 * An organisation's live-record count is kept in the state file (`live_counts`), changed in
 * the transaction of each write: after every kind of write through real stores in temp
 * dirs it must equal the records counted one by one, and be what `count()` answers.
 */
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { createRecord, type Did, editRecord, retractRecord } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { archiveLines, importArchive } from '../src/archive.js'
import { STATE_FILE } from '../src/constants.js'
import { RecordExistsError } from '../src/errors.js'
import type { Store } from '../src/store.js'
import { openStore, ownSegment, practice, tempDir } from '../src/testing.js'

/** The kept count and the live rows counted one by one, read beside the open store. */
function counts(home: string, did: string): { kept: number; rows: number } {
  const db = new DatabaseSync(join(home, STATE_FILE), { readOnly: true })
  try {
    const kept = db.prepare('SELECT live FROM live_counts WHERE author = ?').get(did) as
      | { live: number }
      | undefined
    const rows = db
      .prepare('SELECT count(*) AS n FROM records WHERE author = ? AND retracted = 0')
      .get(did) as { n: number }
    return { kept: kept?.live ?? 0, rows: rows.n } // no row: none yet
  } finally {
    db.close()
  }
}

/** The store's count, the kept row and the rows agree on `expected`. */
function expectCount(store: Store, home: string, did: string, expected: number): void {
  expect({ count: store.count(did), ...counts(home, did) }).toEqual({
    count: expected,
    kept: expected,
    rows: expected,
  })
}

async function* lines(all: readonly string[]): AsyncGenerator<string> {
  yield* all
}

describe('the kept live-record count', () => {
  it('follows publish, bulk publish, edits, retractions, imported states and a refused write', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const did = store.did
    const first = await store.publish(practice(0))
    expectCount(store, dir.path, did, 1)
    const bulk = await store.publishMany([1, 2, 3, 4].map(practice))
    expectCount(store, dir.path, did, 5)
    await store.update(first.id, { status: 'scaled' }) // a new version replaces the live one
    expectCount(store, dir.path, did, 5)
    await store.retract(bulk[0]?.id as string, { en: 'Withdrawn' })
    expectCount(store, dir.path, did, 4)
    // imported states as they are: a record, its edit, its tombstone, then its first
    // version again (late: history only), and a record that arrives as a tombstone
    const imported = createRecord(practice(5), did as Did)
    const edited = editRecord(imported, { status: 'scaled' })
    const gone = createRecord(practice(6), did as Did)
    await store.importStates(did, [imported, edited])
    expectCount(store, dir.path, did, 5)
    await store.importStates(did, [
      retractRecord(edited, { en: 'Withdrawn' }),
      imported,
      retractRecord(gone, { en: 'Withdrawn' }),
    ])
    expectCount(store, dir.path, did, 4)
    // writes of one group commit, one of them refused: the others land, counted once
    const [landed, refused] = await Promise.allSettled([
      store.publishMany([7, 8].map(practice)),
      store.publishMany([{ ...practice(9), id: first.id }]),
    ])
    expect(landed.status).toBe('fulfilled')
    expect(refused).toMatchObject({ reason: expect.any(RecordExistsError) })
    expectCount(store, dir.path, did, 6)
  })

  it('follows a join from a peer, an archive import and a block', async () => {
    await using sourceDir = await tempDir()
    await using followerDir = await tempDir()
    await using restoredDir = await tempDir()
    await using source = await openStore(sourceDir.path)
    const records = await source.publishMany([0, 1, 2, 3].map(practice))
    await source.retract(records[1]?.id as string, { en: 'Withdrawn' })
    await source.update(records[2]?.id as string, { status: 'scaled' })
    expectCount(source, sourceDir.path, source.did, 3)

    await using follower = await openStore(followerDir.path)
    await follower.follow(source.did)
    await follower.joinSegment(source.did, await ownSegment(source))
    expectCount(follower, followerDir.path, source.did, 3)
    expectCount(follower, followerDir.path, follower.did, 0)
    // the same entries again: nothing new, nothing counted twice
    await follower.joinSegment(source.did, await ownSegment(source))
    expectCount(follower, followerDir.path, source.did, 3)

    const archive: string[] = []
    for await (const line of archiveLines(source)) archive.push(line)
    await using restored = await openStore(restoredDir.path)
    await importArchive(restored, lines(archive))
    expectCount(restored, restoredDir.path, source.did, 3)

    expect(await follower.block(source.did)).toBe(4)
    expectCount(follower, followerDir.path, source.did, 0)
  })
})
