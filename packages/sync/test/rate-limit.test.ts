/** The per-peer rate limit of gossip validators and API writes: a fixed window per peer. */
import { describe, expect, it } from 'vitest'
import { RateLimit } from '../src/rate-limit.js'

describe('the rate limit', () => {
  it('lets `max` messages of a peer through per window, then refuses until it ends', () => {
    const limit = new RateLimit(3, 1_000)
    const at = 10_000
    expect([0, 1, 2].map((i) => limit.allow('a', at + i))).toEqual([true, true, true])
    expect(limit.allow('a', at + 10)).toBe(false)
    expect(limit.allow('a', at + 1_000)).toBe(false)
    // another peer has its own window
    expect(limit.allow('b', at + 10)).toBe(true)
    // the window runs from the peer's first message: 1 ms past it, a new one starts
    expect(limit.allow('a', at + 1_001)).toBe(true)
    expect(limit.allow('a', at + 1_002)).toBe(true)
  })

  it('says how long until a peer over the limit may send again', () => {
    const limit = new RateLimit(2, 1_000)
    expect(limit.retryAfterMs('a', 0)).toBe(0)
    limit.allow('a', 5_000)
    expect(limit.retryAfterMs('a', 5_100)).toBe(0)
    limit.allow('a', 5_200)
    expect(limit.retryAfterMs('a', 5_300)).toBe(700)
    expect(limit.retryAfterMs('a', 6_500)).toBe(0)
  })

  it('forgets every peer rather than grow without bound', () => {
    const limit = new RateLimit(1, 60_000)
    limit.allow('flooder', 0)
    expect(limit.allow('flooder', 1)).toBe(false)
    for (let i = 0; i <= 10_000; i++) limit.allow(`peer-${i}`, 2)
    // the table was cleared once it held over 10,000 peers: the flooder starts afresh
    expect(limit.allow('flooder', 3)).toBe(true)
  })
})
