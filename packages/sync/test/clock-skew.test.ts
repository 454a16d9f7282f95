import { describe, expect, it } from 'vitest'
import { ClockSkew } from '../src/clock-skew.js'

const HOUR = 60 * 60_000

describe('clock skew of peers', () => {
  it('keeps the newest observation per peer, as sent minus received', () => {
    const skew = new ClockSkew()
    const now = Date.parse('2026-12-05T12:00:00Z')
    skew.observe('ahead', now + 90_000, now)
    skew.observe('behind', now - 5 * 60_000, now)
    skew.observe('ahead', now + 1_000, now + 10)
    expect(skew.peers(now + 10)).toEqual([
      { peer: 'behind', skewMs: -300_000, seen: '2026-12-05T12:00:00.000Z' },
      { peer: 'ahead', skewMs: 990, seen: '2026-12-05T12:00:00.010Z' },
    ])
  })

  it('forgets observations older than an hour, and peers beyond a thousand', () => {
    const skew = new ClockSkew()
    const now = 1_000_000_000_000
    skew.observe('old', now, now)
    expect(skew.peers(now + HOUR + 1)).toEqual([])
    for (let i = 0; i < 1_001; i++) skew.observe(`peer${i}`, now, now)
    const peers = skew.peers(now).map((p) => p.peer)
    expect(peers).toHaveLength(1_000)
    expect(peers).not.toContain('old')
    expect(peers).not.toContain('peer0')
    expect(peers).toContain('peer1000')
  })
})
