/**
 * The gate of the DHT's answers by itself: turns in arrival order, the bound on those waiting,
 * and a request that waited past its stream's timeout refused when its turn comes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AnswerGate } from '../src/dht-answer-gate.js'

/** An answer that ends when the test says. */
function pending() {
  let end: (() => void) | undefined
  const done = new Promise<void>((resolve) => {
    end = resolve
  })
  return { make: () => done, end: () => end?.() }
}

describe('the DHT answer gate', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('answers in turn, holds at most its waiting bound, refuses the rest', async () => {
    const gate = new AnswerGate({ atOnce: 1, waiting: 2, waitMs: 10_000 })
    const first = pending()
    const order: number[] = []
    const answers = [1, 2, 3].map((n) =>
      gate.answer(async () => {
        if (n === 1) await first.make()
        order.push(n)
      }),
    )
    await expect(gate.answer(async () => 4)).rejects.toMatchObject({ name: 'DhtBusyError' })
    expect([gate.answering, gate.waiting, gate.refused]).toEqual([1, 2, 1])
    first.end()
    await Promise.all(answers)
    expect(order).toEqual([1, 2, 3])
    expect([gate.answering, gate.waiting, gate.answered, gate.mostAtOnce]).toEqual([0, 0, 3, 1])
  })

  it('refuses a request that waited past its timeout when its turn comes', async () => {
    const gate = new AnswerGate({ atOnce: 1, waiting: 2, waitMs: 10_000 })
    const first = pending()
    const running = gate.answer(first.make)
    const late = gate.answer(async () => 'late')
    vi.advanceTimersByTime(10_001)
    const fresh = gate.answer(async () => 'fresh')
    first.end()
    await running
    await expect(late).rejects.toMatchObject({ name: 'DhtBusyError' })
    await expect(fresh).resolves.toBe('fresh')
    expect([gate.expired, gate.answered, gate.answering]).toEqual([1, 2, 0])
  })

  it('refuses what waits when it stops', async () => {
    const gate = new AnswerGate({ atOnce: 1, waiting: 2, waitMs: 10_000 })
    const first = pending()
    const running = gate.answer(first.make)
    const waiting = gate.answer(async () => 'never')
    gate.stop()
    await expect(waiting).rejects.toMatchObject({ name: 'DhtBusyError' })
    first.end()
    await running
  })
})
