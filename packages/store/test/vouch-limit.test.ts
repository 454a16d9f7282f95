/**
 * An organisation may have at most MAX_LIVE_VOUCHES live vouches: followers count no more,
 * so publishing more would be silently useless. Publish refuses the vouch past the limit
 * (and the whole bulk it is in); retracting a vouch makes room again.
 */
import { randomBytes } from 'node:crypto'
import { didFromEd25519PublicKey, type NewRecord } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { MAX_LIVE_VOUCHES } from '../src/constants.js'
import { VouchLimitError } from '../src/errors.js'
import { openStore, practice, tempDir } from '../src/testing.js'

const vouch = (n: number): NewRecord => ({
  kind: 'vouch',
  languages: ['nl'],
  title: { nl: `Organisatie ${n}` },
  subject: didFromEd25519PublicKey(randomBytes(32)),
})

const vouches = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => vouch(from + i))

describe('the limit on live vouches', () => {
  it(`refuses the vouch past ${MAX_LIVE_VOUCHES}, alone or in a bulk, and lets a retraction make room`, async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const first = await store.publishMany(vouches(0, MAX_LIVE_VOUCHES - 2))

    // a bulk of three where only two fit: refused whole, pointing at the third
    const refused = await store
      .publishMany([practice(1), ...vouches(5_000, 3)])
      .catch((err: unknown) => err)
    expect(refused).toBeInstanceOf(VouchLimitError)
    const problem = (refused as VouchLimitError).problems[0]
    expect(problem?.path).toBe('/3/kind')
    expect(problem?.code).toBe('vouch-limit')
    expect(problem?.message.nl).toContain(String(MAX_LIVE_VOUCHES))
    expect(store.count()).toBe(MAX_LIVE_VOUCHES - 2)

    await store.publishMany(vouches(6_000, 2))
    await expect(store.publish(vouch(7_000))).rejects.toThrow(VouchLimitError)
    // other kinds are not limited by it
    await store.publish(practice(2))

    await store.retract(first[0]?.id as string, { en: 'merged', nl: 'samengevoegd' })
    await store.publish(vouch(8_000))
    await expect(store.publish(vouch(8_001))).rejects.toThrow(VouchLimitError)
  })

  it('counts the vouches of publishes that share a group commit', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const first = await store.publishMany(vouches(0, MAX_LIVE_VOUCHES - 2))
    // called in one turn: one batch of the writer, in this order
    const answers = await Promise.allSettled([
      store.publish(vouch(5_000)),
      store.publish(vouch(5_001)),
      store.publish(vouch(5_002)), // past the limit with the two before it
      store.retract(first[0]?.id as string, { en: 'merged' }),
      store.publish(vouch(5_003)), // the retraction before it made room
      store.publish(vouch(5_004)),
    ])
    expect(answers.map(({ status }) => status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
    ])
    expect((answers[2] as PromiseRejectedResult).reason).toBeInstanceOf(VouchLimitError)
    expect(store.count()).toBe(MAX_LIVE_VOUCHES)
  })
})
