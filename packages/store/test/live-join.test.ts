/**
 * A live update (a heads message's few entries, most of them held already) is joined with
 * each new block checked once as it arrived: its signature over the signed fields cut out of
 * the block, never over its decoded fields encoded again (DAG-CBOR encoding was a tenth of a
 * follower's join of a live update). Real stores in temp dirs; `@ipld/dag-cbor` is only
 * counted, not replaced.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { describe, expect, it, vi } from 'vitest'
import { openStore, ownSegment, practice, tempDir } from '../src/testing.js'

vi.mock('@ipld/dag-cbor', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@ipld/dag-cbor')>()
  return { ...actual, encode: vi.fn(actual.encode) }
})

describe('joining a live update', () => {
  it('checks the new entries without encoding them again, and joins them', async () => {
    await using publisherHome = await tempDir()
    await using followerHome = await tempDir()
    const publisher = await openStore(publisherHome.path)
    const follower = await openStore(followerHome.path)
    try {
      for (let n = 0; n < 4; n++) await publisher.publish(practice(n))
      const { entries, identities } = await ownSegment(publisher)
      await follower.follow(publisher.did)
      await follower.joinSegment(publisher.did, { entries: entries.slice(0, 2), identities })
      vi.mocked(dagCbor.encode).mockClear()
      // as a heads message carries them: the newest entries and two held already
      const joined = await follower.joinSegment(
        publisher.did,
        { entries: entries.slice(0, 4), identities: [] },
        { from: 'a peer' },
      )
      expect(joined).toBe(2)
      expect(vi.mocked(dagCbor.encode)).not.toHaveBeenCalled()
      expect(follower.count(publisher.did)).toBe(4)
    } finally {
      await follower.stop()
      await publisher.stop()
    }
  })
})
