/**
 * A batch's operations are prepared inside its transaction: their look-ups of stored rows
 * then share one SQLite read (outside a transaction each look-up was a read transaction of
 * its own, taking and dropping the WAL read lock: ~5 µs against ~0.5), and read the
 * snapshot their states are written on. A refusal still fails only its own operation, and
 * a batch whose every operation is refused leaves no transaction open.
 */
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createRecord, type RecordState } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { createLogIdentities } from '../src/identity.js'
import { orgKeyOf } from '../src/keys.js'
import { Mutex } from '../src/mutex.js'
import { OrgLog } from '../src/org-log.js'
import { openDatabase } from '../src/sqlite.js'
import { RecordTable } from '../src/state.js'
import { practice, tempDir } from '../src/testing.js'
import { LogWriter, type Prepare, stage } from '../src/writer.js'

/** A writer on a real database and a real own log, as the store builds it. */
async function openWriter(home: string) {
  const db = openDatabase(join(home, 'state.sqlite'))
  const identities = await createLogIdentities(db)
  const key = orgKeyOf(await generateKeyPair('Ed25519'))
  const identity = await identities.identityOf(key)
  const log = await OrgLog.open({
    db,
    did: key.did,
    identities,
    identity,
    writable: true,
    onReject: () => {},
  })
  const records = new RecordTable(db)
  const writer = new LogWriter({ db, log, records, mutex: new Mutex(), onChanges: () => {} })
  return { db, did: key.did, records, writer, close: () => db.close() }
}

describe('preparing a batch', () => {
  it('looks rows up inside the transaction that writes the batch', async () => {
    await using dir = await tempDir()
    const { db, did, records, writer, close } = await openWriter(dir.path)
    try {
      const seen: { inTransaction: boolean; found: RecordState | undefined }[] = []
      const publish = (n: number): Prepare => {
        const state = createRecord(practice(n), did as never)
        return (lookup) => {
          seen.push({ inTransaction: db.isTransaction, found: lookup(state.id) })
          return [stage(state)]
        }
      }
      const refused: Prepare = () => {
        seen.push({ inTransaction: db.isTransaction, found: undefined })
        throw new Error('refused')
      }
      // one turn's operations: one batch, the refused one failing alone
      const results = await Promise.allSettled([
        writer.write(publish(1)),
        writer.write(refused),
        writer.write(publish(2)),
      ])
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
      expect(seen).toEqual([
        { inTransaction: true, found: undefined },
        { inTransaction: true, found: undefined },
        { inTransaction: true, found: undefined },
      ])
      expect(db.isTransaction).toBe(false)
      const [first] = (results[0] as PromiseFulfilledResult<RecordState[]>).value
      expect(records.get(did, first?.id ?? '')).toEqual(first)
      expect(records.count(did)).toBe(2)
    } finally {
      close()
    }
  })

  it('ends the transaction of a batch whose every operation is refused', async () => {
    await using dir = await tempDir()
    const { db, did, records, writer, close } = await openWriter(dir.path)
    try {
      const refused: Prepare = () => {
        throw new Error('refused')
      }
      await expect(writer.write(refused)).rejects.toThrow('refused')
      expect(db.isTransaction).toBe(false)
      await nextTurn()
      const state = createRecord(practice(3), did as never)
      await writer.write(() => [stage(state)])
      expect(records.get(did, state.id)).toEqual(state)
    } finally {
      close()
    }
  })
})
