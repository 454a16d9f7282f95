/**
 * The heads of a log as the store names them (the sync status, the `have` of a pull, heads
 * gossip): read without decoding entries when there is one, and in the log's order when a
 * key wrote on two machines and the log forked.
 */
import { describe, expect, it } from 'vitest'
import { loadOrCreateKey } from '../src/keys.js'
import { Store } from '../src/store.js'
import { openStore, ownSegment, practice, tempDir } from '../src/testing.js'

const decodedHeads = async (store: Store, did: string) =>
  ((await store.log(did)?.heads()) ?? []).map((entry) => entry.hash)

describe('the heads of a log', () => {
  it('are none, one, or several in the order of the entries', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using dirC = await tempDir()
    const { key } = await loadOrCreateKey(dirA.path)
    await using a = await Store.open({ home: dirA.path, key })
    // the same key on a second machine: its log forks from the first's
    await using b = await Store.open({ home: dirB.path, key })
    await using c = await openStore(dirC.path)
    await a.publish(practice(1))
    await a.publish(practice(2))
    await b.publish(practice(3))
    await c.follow(a.did)
    expect(await c.heads(a.did)).toEqual([])

    await c.joinSegment(a.did, await ownSegment(a))
    const [aHead] = await decodedHeads(a, a.did)
    expect(await c.heads(a.did)).toEqual([aHead])
    expect(await c.heads(a.did)).toEqual(await decodedHeads(c, a.did))

    await c.joinSegment(a.did, await ownSegment(b))
    const heads = await c.heads(a.did)
    expect(heads).toHaveLength(2)
    expect(heads).toEqual(await decodedHeads(c, a.did))
    expect(await c.heads('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).toEqual([])
  })
})
