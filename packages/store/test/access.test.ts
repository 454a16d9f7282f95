/**
 * Only the organisation's key may write its log. These tests forge, tamper with and
 * misaddress entries the way a hostile peer could, against a real OrbitDB log in SQLite.
 */
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { Entry, type Identity, type LogEntry } from '@orbitdb/core'
import { createRecord, type Did, encodeCanonical, encodeState } from '@polder/schema'
import { afterAll, describe, expect, it } from 'vitest'
import type { Payload, Rejection } from '../src/access.js'
import { CheckPool } from '../src/check-pool.js'
import { logIdOf } from '../src/constants.js'
import { createLogIdentities, publicKeyHexOf } from '../src/identity.js'
import { applySegment, checkSegment } from '../src/join.js'
import { type OrgKey, orgKeyOf } from '../src/keys.js'
import { OrgLog } from '../src/org-log.js'
import { asyncTransaction, openDatabase } from '../src/sqlite.js'
import { RecordTable } from '../src/state.js'
import { practice, tempDir } from '../src/testing.js'

async function setup(dir: string) {
  const db = openDatabase(join(dir, 'state.sqlite'))
  const identities = await createLogIdentities(db)
  const ours = orgKeyOf(await generateKeyPair('Ed25519'))
  const mallory = orgKeyOf(await generateKeyPair('Ed25519'))
  const ourIdentity = await identities.identityOf(ours)
  // mallory's identity block reaches us the way a peer's would
  const malloryIdentity = await identities.identityOf(mallory)
  const rejections: Rejection[] = []
  const log = await OrgLog.open({
    db,
    did: ours.did,
    identities,
    identity: ourIdentity,
    writable: true,
    onReject: (rejection) => rejections.push(rejection),
  })
  return { db, identities, ours, mallory, ourIdentity, malloryIdentity, log, rejections }
}

const payloadOf = (key: OrgKey, n = 1): Payload => ({
  v: 1,
  states: [encodeState(createRecord(practice(n), key.did as Did))],
})

async function withHash<P>(entry: LogEntry<P>): Promise<LogEntry<P> & { hash: string }> {
  const { hash } = await Entry.encode(entry as LogEntry)
  return { ...entry, hash }
}

/** Large segments have their blocks checked on a worker; the same rules must hold there. */
const pool = new CheckPool({ size: 1 })
afterAll(() => pool.close())

/**
 * Joins one entry the way entries from a peer are joined: checked (here, or with its block
 * checked on a worker of the pool first, as a large segment is), then in a transaction.
 */
async function joinOne(t: Awaited<ReturnType<typeof setup>>, entry: LogEntry, onPool = false) {
  const { bytes } = await Entry.encode(entry)
  const entries = [bytes]
  const checked = await checkSegment(t.log, {
    entries,
    identities: [],
    ...(onPool ? { checked: pool.check(t.ours.did, entries) } : {}),
  })
  const changes = await asyncTransaction(t.db, () =>
    applySegment(t.log, new RecordTable(t.db), checked),
  )
  return { entries: checked.length, changes }
}

const make = (identity: Identity, logId: string, payload: unknown) =>
  Entry.create(identity, logId, payload, undefined, { id: identity.publicKey, time: 1 })

const ways: [string, boolean][] = [
  ['checked on the joining thread', false],
  ['checked on a worker of the check pool', true],
]

describe.each(ways)('who may write a log, %s', (_way, onPool) => {
  it('joins an entry signed by the organisation (made elsewhere, say on a restored node)', async () => {
    await using dir = await tempDir()
    const t = await setup(dir.path)
    const entry = await withHash(await make(t.ourIdentity, logIdOf(t.ours.did), payloadOf(t.ours)))
    const joined = await joinOne(t, entry, onPool)
    expect(joined.entries).toBe(1)
    expect(joined.changes.map((change) => change.state)).toEqual(
      payloadOf(t.ours).states.map(() => expect.objectContaining({ author: t.ours.did })),
    )
    expect((await t.log.heads()).map((head) => head.hash)).toEqual([entry.hash])
    expect(t.rejections).toEqual([])
    t.db.close()
  })

  const refused: [string, (t: Awaited<ReturnType<typeof setup>>) => Promise<LogEntry>, RegExp][] = [
    [
      'an entry signed by another key',
      async (t) => make(t.malloryIdentity, logIdOf(t.ours.did), payloadOf(t.ours)),
      /not signed by the organisation/,
    ],
    [
      "another key's entry claiming the organisation's identity (OrbitDB's own check lets it in)",
      async (t) => ({
        ...(await make(t.malloryIdentity, logIdOf(t.ours.did), payloadOf(t.ours))),
        identity: t.ourIdentity.hash,
      }),
      /not signed by the organisation/,
    ],
    [
      "another key's signature under the organisation's key and identity",
      async (t) => ({
        ...(await make(t.malloryIdentity, logIdOf(t.ours.did), payloadOf(t.ours))),
        identity: t.ourIdentity.hash,
        key: publicKeyHexOf(t.ours.did),
        clock: { id: publicKeyHexOf(t.ours.did), time: 1 },
      }),
      /signature does not verify/,
    ],
    [
      'an entry whose payload was changed after signing',
      async (t) => ({
        ...(await make(t.ourIdentity, logIdOf(t.ours.did), payloadOf(t.ours, 1))),
        payload: payloadOf(t.ours, 2),
      }),
      /signature does not verify/,
    ],
    [
      'an entry of another log',
      async (t) => make(t.ourIdentity, logIdOf(t.mallory.did), payloadOf(t.ours)),
      /./,
    ],
    [
      'a signed entry carrying an invalid record',
      async (t) =>
        make(t.ourIdentity, logIdOf(t.ours.did), {
          v: 1,
          states: [
            encodeCanonical({ ...createRecord(practice(1), t.ours.did as Did), status: 'running' }),
          ],
        }),
      /state 0 is invalid: \/status/,
    ],
    [
      "a signed entry carrying another author's record",
      async (t) => make(t.ourIdentity, logIdOf(t.ours.did), payloadOf(t.mallory)),
      /by another author/,
    ],
    [
      'a signed entry with an unknown payload version',
      async (t) => make(t.ourIdentity, logIdOf(t.ours.did), { v: 9, states: [] }),
      /unknown payload version/,
    ],
  ]

  it.each(refused)('refuses %s, says why, and stores nothing', async (_name, forge, reason) => {
    await using dir = await tempDir()
    const t = await setup(dir.path)
    const entry = await withHash(await forge(t))
    await expect(joinOne(t, entry, onPool)).rejects.toThrow(
      entry.id === logIdOf(t.ours.did) ? reason : /./,
    )
    expect(await t.log.heads()).toEqual([])
    expect(await t.log.get(entry.hash)).toBeUndefined()
    const logged = t.rejections.map((r) => r.reason).join('; ')
    if (entry.id === logIdOf(t.ours.did)) expect(logged).toMatch(reason)
    t.db.close()
  })

  it('refuses a block that is not a log entry, naming it', async () => {
    await using dir = await tempDir()
    const t = await setup(dir.path)
    const entries = [new Uint8Array([0xff, 0x00, 0x13])]
    const segment = onPool
      ? { entries, identities: [], checked: pool.check(t.ours.did, entries) }
      : { entries, identities: [] }
    await expect(checkSegment(t.log, segment)).rejects.toThrow(/not a log entry/)
    expect(await t.log.heads()).toEqual([])
    t.db.close()
  })
})
