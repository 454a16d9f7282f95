/**
 * A home written by an older schema (the fixture: main's schema 7, with records joined from
 * peers) opens, migrates and answers every query as before; a migration that fails part way
 * leaves the home as it was, and the next open migrates it.
 */
import { chmod, cp, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../src/sqlite.js'
import { openStore, practice, tempDir } from '../src/testing.js'
import { answers } from './fixtures/answers.ts'

const FIXTURE = join(import.meta.dirname, 'fixtures')

async function homeV7(dir: string): Promise<string> {
  const home = join(dir, 'home')
  await cp(join(FIXTURE, 'home-v7'), home, { recursive: true })
  // git keeps no file modes but the executable bit: a clone has the key readable by others
  await chmod(join(home, 'identity.key'), 0o600)
  return home
}

async function answered(home: string): Promise<unknown> {
  const expected = JSON.parse(await readFile(join(FIXTURE, 'answers.json'), 'utf8')) as {
    perOrg: { did: string }[]
  }
  await using store = await openStore(home)
  const got = await answers(
    store,
    expected.perOrg.map((org) => org.did),
  )
  return { got: JSON.parse(JSON.stringify(got)) as unknown, expected }
}

function schemaOf(path: string): { version: number; tables: string[] } {
  const db = new DatabaseSync(path, { readOnly: true })
  try {
    const { user_version: version } = db.prepare('PRAGMA user_version').get() as {
      user_version: number
    }
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string
      }[]
    ).map((row) => row.name)
    return { version, tables }
  } finally {
    db.close()
  }
}

describe('a home of an older schema', () => {
  it('migrates and answers every query as before, provenance included', async () => {
    await using dir = await tempDir()
    const home = await homeV7(dir.path)
    expect(schemaOf(join(home, 'state.sqlite'))).toMatchObject({ version: 7 })
    const { got, expected } = (await answered(home)) as { got: unknown; expected: unknown }
    expect(got).toEqual(expected)
    expect(schemaOf(join(home, 'state.sqlite')).version).toBe(10)
    expect(JSON.stringify(got)).toContain('"receivedFrom":"peer-b"')
  })

  it('is left as it was by a migration that fails part way, and migrates at the next open', async () => {
    await using dir = await tempDir()
    const home = await homeV7(dir.path)
    const path = join(home, 'state.sqlite')
    // the migration's second statement fails after its first has changed the table
    const db = new DatabaseSync(path)
    db.exec('ALTER TABLE blocks ADD COLUMN received_at TEXT')
    db.close()
    expect(() => openDatabase(path)).toThrow('duplicate column name: received_at')
    const kept = new DatabaseSync(path)
    expect(schemaOf(path)).toMatchObject({ version: 7 })
    const columns = kept.prepare('SELECT name FROM pragma_table_info(?)').all('blocks')
    expect(columns.map((column) => column.name)).toEqual(['hash', 'bytes', 'received_at'])
    kept.exec('ALTER TABLE blocks DROP COLUMN received_at')
    kept.close()
    const { got, expected } = (await answered(home)) as { got: unknown; expected: unknown }
    expect(got).toEqual(expected)
    expect(schemaOf(path).version).toBe(10)
  })
})

describe('which peer sent an entry', () => {
  it('is noted on the entry’s block, the first copy’s note kept, nothing in `received`', async () => {
    await using publisherDir = await tempDir()
    await using followerDir = await tempDir()
    await using publisher = await openStore(publisherDir.path)
    const record = await publisher.publish(practice(1))
    const entry = publisher.entryOf(publisher.did, record.id) as Uint8Array
    const log = publisher.log(publisher.did)
    const [head] = (await log?.heads()) ?? []
    const identity = (await log?.bytes(head?.identity as string)) as Uint8Array
    {
      await using follower = await openStore(followerDir.path)
      await follower.follow(publisher.did)
      const segment = { entries: [entry], identities: [identity] }
      await follower.joinSegment(publisher.did, segment, { from: 'peer-a' })
      await follower.joinSegment(publisher.did, segment, { from: 'peer-b' })
      const ref = `polder://${publisher.did}/${record.id}`
      expect(await follower.provenance(ref)).toMatchObject({ receivedFrom: 'peer-a' })
    }
    const db = new DatabaseSync(join(followerDir.path, 'state.sqlite'), { readOnly: true })
    expect(db.prepare('SELECT count(*) AS n FROM received').get()).toEqual({ n: 0 })
    db.close()
  })
})
