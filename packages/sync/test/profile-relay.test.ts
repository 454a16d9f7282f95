/** When a holder passes on a log's profile, and when another holder already did. */
import { describe, expect, it } from 'vitest'
import { stillToRelay } from '../src/profile-relay.js'

describe('relaying a profile another holder relayed', () => {
  const now = 1_000_000
  const round = 300_000

  it('relays a log nobody else relayed', () => {
    expect(stillToRelay(undefined, 'a,b', now - round)).toBe(true)
  })

  it('keeps quiet when the same heads were relayed within the round', () => {
    expect(stillToRelay({ heads: 'a,b', at: now - 1_000 }, 'a,b', now - round)).toBe(false)
  })

  it('relays when the relay heard is older than the round, or since a hello', () => {
    expect(stillToRelay({ heads: 'a,b', at: now - round - 1 }, 'a,b', now - round)).toBe(true)
    // a hello at `now`: the newcomer did not hear what was relayed before it
    expect(stillToRelay({ heads: 'a,b', at: now - 10 }, 'a,b', now)).toBe(true)
  })

  it('relays when it holds other heads than those relayed', () => {
    expect(stillToRelay({ heads: 'a', at: now - 1_000 }, 'a,b', now - round)).toBe(true)
  })
})
