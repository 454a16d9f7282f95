/**
 * Helia's SHA-256 hasher with the digests bitswap computed: given back only for the very
 * bytes they were computed from, everything else hashed.
 */
import { sha256 } from 'multiformats/hashes/sha2'
import { describe, expect, it } from 'vitest'
import { KnownDigests } from '../src/known-digests.js'

describe('known digests', () => {
  it('gives back the digest remembered with the same bytes, without hashing them again', async () => {
    const known = new KnownDigests()
    const block = new Uint8Array([1, 2, 3])
    const digest = await sha256.digest(block)
    known.remember(block, digest)
    expect(await known.sha256.digest(block)).toBe(digest)
    expect(await known.sha256.digest(block, { truncate: 32 })).toBe(digest)
  })

  it('hashes any other bytes, even equal ones, so a wrong digest never passes for them', async () => {
    const known = new KnownDigests()
    const block = new Uint8Array([1, 2, 3])
    // a digest that is not the block's: only these very bytes would be given it
    const wrong = await sha256.digest(new Uint8Array([9]))
    known.remember(block, wrong)
    const copy = block.slice()
    const hashed = await known.sha256.digest(copy)
    expect(hashed).not.toBe(wrong)
    expect(hashed.bytes).toEqual((await sha256.digest(copy)).bytes)
  })

  it('hashes again when a truncated digest is asked for', async () => {
    const known = new KnownDigests()
    const block = new Uint8Array([4, 5, 6])
    const digest = await sha256.digest(block)
    known.remember(block, digest)
    const truncated = await known.sha256.digest(block, { truncate: 20 })
    expect(truncated).not.toBe(digest)
    expect(truncated.digest.length).toBe(20)
  })
})
