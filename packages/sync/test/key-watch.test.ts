/**
 * Which messages signed with the node's own key prove another machine: the rule that keeps
 * a restarted node from taking its own gossip of before the restart for another machine's.
 * The whole detection runs across real processes in tests/collective/one-key-two-machines.
 */
import { describe, expect, it } from 'vitest'
import { provesKeyElsewhere, STALE_GOSSIP_MS } from '../src/key-watch.js'

const started = Date.parse('2026-12-05T12:00:00Z')
/** Gossipsub's number for a message of a process started at `ms`: nanoseconds, then +1 each. */
const seqnoOf = (ms: number, nth = 1) => BigInt(ms) * 1_000_000n + BigInt(nth)

describe('a message signed with the own key', () => {
  it('proves another machine at once when numbered from after this process started', () => {
    expect(provesKeyElsewhere(seqnoOf(started + 5), started + 10, started)).toBe(true)
  })

  it('from a process started before: only once the gossip of a restart has passed', () => {
    // this node before its restart, or another machine started earlier: cannot tell yet
    const earlier = seqnoOf(started - 60_000, 42)
    expect(provesKeyElsewhere(earlier, started + 1_000, started)).toBe(false)
    expect(provesKeyElsewhere(earlier, started + STALE_GOSSIP_MS - 1, started)).toBe(false)
    expect(provesKeyElsewhere(earlier, started + STALE_GOSSIP_MS, started)).toBe(true)
    expect(provesKeyElsewhere(undefined, started + 1_000, started)).toBe(false)
    expect(provesKeyElsewhere(undefined, started + STALE_GOSSIP_MS, started)).toBe(true)
  })
})
