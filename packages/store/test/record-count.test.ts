/**
 * The live-record and version counts of an organisation (asked for every log by each sync
 * status, by a pull's quota before every batch, and by a restart's first status): the live
 * count is kept in the file, the versions' remembered between writes. Both must follow
 * every write, and never keep what a rolled-back transaction wrote.
 */
import { join } from 'node:path'
import { createRecord, type Did, retractRecord } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { openDatabase, transaction } from '../src/sqlite.js'
import { LIVE_COUNT, RecordTable } from '../src/state.js'
import { practice, tempDir } from '../src/testing.js'

const ALICE = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' as Did
const BOB = 'did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp' as Did

describe('the live-record count', () => {
  it('follows adds, retractions, an author dropped, and forgets a rolled-back transaction', async () => {
    await using dir = await tempDir()
    const db = openDatabase(join(dir.path, 'state.sqlite'))
    const records = new RecordTable(db)
    const first = createRecord(practice(1), ALICE)
    expect(records.count(ALICE)).toBe(0)
    transaction(db, () => records.apply('e1', [first, createRecord(practice(2), ALICE)]))
    expect(records.count(ALICE)).toBe(2)
    transaction(db, () => records.apply('e2', [createRecord(practice(3), BOB)]))
    expect([records.count(ALICE), records.count(BOB)]).toEqual([2, 1])
    transaction(db, () => records.apply('e3', [retractRecord(first, { en: 'Withdrawn' })]))
    expect(records.count(ALICE)).toBe(1)
    // counted inside a transaction that is then rolled back: not kept
    expect(() =>
      transaction(db, () => {
        records.apply('e4', [createRecord(practice(4), ALICE)])
        expect(records.count(ALICE)).toBe(2)
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(records.count(ALICE)).toBe(1)
    transaction(db, () => records.dropAuthor(ALICE))
    expect([records.count(ALICE), records.count(BOB)]).toEqual([0, 1])
    db.close()
  })

  it('counts earlier versions the same way', async () => {
    await using dir = await tempDir()
    const db = openDatabase(join(dir.path, 'state.sqlite'))
    const records = new RecordTable(db)
    const first = createRecord(practice(1), ALICE)
    transaction(db, () => records.apply('e1', [first]))
    expect(records.versions(ALICE)).toBe(0)
    // a retraction keeps the version it replaces
    transaction(db, () => records.apply('e2', [retractRecord(first, { en: 'Withdrawn' })]))
    expect(records.versions(ALICE)).toBe(1)
    expect(() =>
      transaction(db, () => {
        const other = createRecord(practice(2), ALICE)
        records.apply('e3', [other, retractRecord(other, { en: 'Withdrawn' })])
        expect(records.versions(ALICE)).toBe(2)
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(records.versions(ALICE)).toBe(1)
    transaction(db, () => records.dropAuthor(ALICE))
    expect(records.versions(ALICE)).toBe(0)
    db.close()
  })

  it("is one lookup of the kept count, not a count of rows (a restart's first status asks it)", async () => {
    await using dir = await tempDir()
    const db = openDatabase(join(dir.path, 'state.sqlite'))
    const records = new RecordTable(db)
    const first = createRecord(practice(0), ALICE)
    const rest = Array.from({ length: 19 }, (_, n) => createRecord(practice(n + 1), ALICE))
    transaction(db, () => records.apply('e1', [first, ...rest]))
    transaction(db, () => records.apply('e2', [retractRecord(first, { en: 'Withdrawn' })]))
    transaction(db, () => records.apply('e3', [createRecord(practice(1), BOB)]))
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${LIVE_COUNT}`).all() as { detail: string }[]).map(
      (row) => row.detail,
    )
    expect(plan).toEqual(['SEARCH live_counts USING PRIMARY KEY (author=?)'])
    expect([records.count(ALICE), records.count(BOB)]).toEqual([19, 1])
    db.close()
  })
})
