/**
 * A new record's row is read once per write: the writer checks that its id is free, and
 * `apply` then takes its word for it (`knownNew`) instead of reading the row again; a
 * second state of the same record in the batch is read as before, so its first version
 * goes to the history.
 */
import { join } from 'node:path'
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { createRecord, type Did, editRecord } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../src/sqlite.js'
import { RecordTable } from '../src/state.js'
import { practice, tempDir } from '../src/testing.js'

const DID = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' as Did
const CURRENT_ROW = 'SELECT json, entry FROM records WHERE author = ? AND id = ?'

/** The database, with every run of the statement reading a record's current row counted. */
function countingReads(db: DatabaseSync): { db: DatabaseSync; reads: () => number } {
  let reads = 0
  const counted = new Proxy(db, {
    get(target, property) {
      if (property !== 'prepare') return Reflect.get(target, property, target)
      return (sql: string) => {
        const statement = target.prepare(sql)
        if (sql !== CURRENT_ROW) return statement
        return new Proxy(statement, {
          get(inner, name) {
            const value = Reflect.get(inner, name, inner) as unknown
            if (name !== 'get' || typeof value !== 'function') return value
            return (...args: unknown[]) => {
              reads++
              return (value as StatementSync['get']).apply(inner, args as never)
            }
          },
        })
      }
    },
  })
  return { db: counted, reads: () => reads }
}

describe('applying a new record the writer found free', () => {
  it('reads its row once, and a second state of it in the batch as before', async () => {
    await using dir = await tempDir()
    const db = openDatabase(join(dir.path, 'state.sqlite'))
    try {
      const { db: counted, reads } = countingReads(db)
      const records = new RecordTable(counted)
      const first = createRecord(practice(1), DID)
      const edited = editRecord(first, { status: 'scaled' })
      const other = createRecord(practice(2), DID)
      // what the writer knows: neither id had a row when it checked
      const unstored = new Set([first.id, other.id])
      const knownNew = (state: { id: string }) => unstored.delete(state.id)
      db.exec('BEGIN')
      const changes = records.apply('entry-1', [first, edited, other], { knownNew })
      db.exec('COMMIT')
      // the edit's read finds the first version; the two new records are not read
      expect(reads()).toBe(1)
      expect(changes.map((change) => change.type)).toEqual([
        'record:added',
        'record:updated',
        'record:added',
      ])
      expect(records.get(DID, first.id)).toEqual(edited)
      expect(records.history(DID, first.id).map((state) => state.version)).toEqual([1, 2])
      expect(records.count(DID)).toBe(2)
      // without the hint every state's row is read
      const third = createRecord(practice(3), DID)
      const before = reads()
      db.exec('BEGIN')
      records.apply('entry-2', [third])
      db.exec('COMMIT')
      expect(reads() - before).toBe(1)
    } finally {
      db.close()
    }
  })
})
