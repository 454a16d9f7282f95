/**
 * Gossip handling gives the event loop a turn after a run of work, not before a message
 * that comes after a pause: a lone live heads message is accepted (and its record joined)
 * without waiting behind the loop's other I/O.
 */
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import { afterTurnIfDue, BUDGET_MS, turnIfDue } from '../src/turns.js'

/** Keeps the thread busy for `ms` (work of one run, without a turn). */
function work(ms: number): void {
  const until = performance.now() + ms
  while (performance.now() < until);
}

describe('turns for gossip', () => {
  it('handles a message that comes after a pause at once', async () => {
    await sleep(2 * BUDGET_MS)
    expect(turnIfDue()).toBeUndefined()
    await nextTurn()
    await sleep(2 * BUDGET_MS)
    expect(afterTurnIfDue('accepted')).toBe('accepted')
  })

  it('gives the event loop a turn once a run of work exceeds the budget', async () => {
    await nextTurn()
    expect(turnIfDue()).toBeUndefined()
    work(BUDGET_MS + 1)
    // other work the loop holds (an API request read meanwhile)
    let other = false
    setImmediate(() => {
      other = true
    })
    const turn = turnIfDue()
    expect(turn).toBeInstanceOf(Promise)
    await turn
    // the turn let the loop's other work run; the next message starts a new run
    expect(other).toBe(true)
    expect(turnIfDue()).toBeUndefined()
  })

  it('keeps the messages of one short run together', async () => {
    await nextTurn()
    expect(turnIfDue()).toBeUndefined()
    expect(turnIfDue()).toBeUndefined()
    expect(afterTurnIfDue(1)).toBe(1)
  })
})
