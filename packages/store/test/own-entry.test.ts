/**
 * The entries this node appends to its own log are made without OrbitDB's `Entry.create`
 * (which encodes and hashes each entry twice): they must be OrbitDB's entries byte for
 * byte, and the log they make one that OrbitDB reads and a peer joins.
 */
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { Entry } from '@orbitdb/core'
import { describe, expect, it } from 'vitest'
import { logIdOf } from '../src/constants.js'
import { createLogIdentities } from '../src/identity.js'
import { loadOrCreateKey, orgKeyOf } from '../src/keys.js'
import { createOwnEntry } from '../src/own-entry.js'
import { openDatabase } from '../src/sqlite.js'
import { Store } from '../src/store.js'
import { openStore, ownSegment, practice, tempDir } from '../src/testing.js'

const bytesOf = (size: number, seed: number) =>
  Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff)

describe('an own log entry', () => {
  it('is the entry OrbitDB makes, byte for byte, and verifies', async () => {
    await using dir = await tempDir()
    const db = openDatabase(join(dir.path, 'state.sqlite'))
    try {
      const identities = await createLogIdentities(db)
      const key = orgKeyOf(await generateKeyPair('Ed25519'))
      const identity = await identities.identityOf(key)
      const logId = logIdOf(key.did)
      const cases: { states?: Uint8Array[]; payload?: unknown; next: string[]; time: number }[] = [
        { states: [], next: [], time: 1 },
        { states: [bytesOf(1, 1)], next: ['zdpuAnyPreviousEntryHash'], time: 2 },
        // heads of a forked log, head widths of every size, a group commit's worth
        {
          states: [bytesOf(23, 2), bytesOf(24, 3), bytesOf(256, 4), bytesOf(70_000, 5)],
          next: ['zdpuA', 'zdpuB'],
          time: 1_000_000,
        },
        {
          states: Array.from({ length: 45 }, (_, n) => bytesOf(1_300, n)),
          next: [],
          time: 2 ** 33,
        },
      ]
      // the record payload is written by hand; any other shape goes to dag-cbor
      const others = [{ v: 2, states: [bytesOf(3, 9)] }, { v: 1, states: ['text'] }, { v: 1 }]
      for (const [n, payload] of others.entries()) cases.push({ payload, next: [], time: n + 1 })
      for (const { states, next, time, payload: given } of cases) {
        const payload = given ?? { v: 1 as const, states }
        const ours = await createOwnEntry(identity, { logId, payload, next, time })
        const clock = { id: identity.publicKey, time }
        const theirs = await Entry.create(identity, logId, payload, undefined, clock, next, [])
        const encoded = await Entry.encode(theirs)
        expect(Buffer.from(ours.bytes).equals(Buffer.from(encoded.bytes))).toBe(true)
        expect(ours.entry.hash).toBe(encoded.hash)
        expect(ours.entry).toEqual({ ...theirs, hash: encoded.hash })
        expect(await Entry.verify(identities.identities, ours.entry)).toBe(true)
        const decoded = await Entry.decode(ours.bytes)
        expect(decoded.hash).toBe(ours.entry.hash)
        expect(decoded.clock).toEqual(clock)
      }
      await identities.close()
    } finally {
      db.close()
    }
  })

  it('chains the log as OrbitDB would, across a restart and a fork, and a peer joins it', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using dirC = await tempDir()
    const { key } = await loadOrCreateKey(dirA.path)
    let a = await Store.open({ home: dirA.path, key })
    await Promise.all([1, 2, 3].map((n) => a.publish(practice(n)))) // one group
    await a.publish(practice(4))
    await a.stop()
    // reopened: the head's time is read from its entry, not remembered
    a = await Store.open({ home: dirA.path, key })
    await a.publishMany([practice(5), practice(6)])
    // the same key wrote elsewhere: once joined, the log has two heads, which the next
    // append follows both of (OrbitDB's own append orders them)
    await using b = await Store.open({ home: dirB.path, key })
    await b.publish(practice(7))
    await a.joinSegment(a.did, await ownSegment(b))
    expect(await a.heads(a.did)).toHaveLength(2)
    await a.publish(practice(8))
    expect(await a.heads(a.did)).toHaveLength(1)
    await a.publish(practice(9))
    const log = a.log(a.did)
    if (log === undefined) throw new Error('no own log')
    const entries = []
    for await (const entry of log.traverse()) entries.push(entry)
    // newest first: every entry one tick after the largest of those it follows
    const byHash = new Map(entries.map((entry) => [entry.hash, entry]))
    for (const entry of entries) {
      const followed = entry.next.map((hash) => byHash.get(hash)?.clock.time ?? -1)
      expect(entry.clock.time).toBe(Math.max(0, ...followed) + 1)
      expect(entry.refs).toEqual([])
    }
    const own = entries.filter((entry) => entry.hash !== undefined).map((e) => e.clock.time)
    expect(own.toSorted((x, y) => x - y).slice(0, 3)).toEqual([1, 1, 2])
    // a peer checks every signature and takes all of it
    await using c = await openStore(dirC.path)
    await c.follow(a.did)
    await c.joinSegment(a.did, await ownSegment(a))
    expect(await c.heads(a.did)).toEqual(await a.heads(a.did))
    expect(c.count(a.did)).toBe(a.count(a.did))
    await a.stop()
  })
})
