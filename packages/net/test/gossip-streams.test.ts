/**
 * How long a peer that lost its gossip stream without a close (cut off at the bound of
 * unsent gossip) waits for a new one: a peer that stays stuck gets one every few minutes
 * at most, never in a loop. The reopening itself runs on real nodes in
 * gossip-slow-peer.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { REOPEN_FIRST_MS, REOPEN_MAX_MS, reopenDelayMs } from '../src/gossip-streams.js'

describe('the wait before a new gossip stream', () => {
  it('is 5 s at first, then twice as long each time, at most 5 minutes', () => {
    const waits = Array.from({ length: 9 }, (_, reopened) => reopenDelayMs(reopened))
    expect(waits).toEqual([5, 10, 20, 40, 80, 160, 300, 300, 300].map((s) => s * 1_000))
    expect(REOPEN_FIRST_MS).toBe(5_000)
    expect(reopenDelayMs(1_000)).toBe(REOPEN_MAX_MS)
  })
})
