/** Pulls from one peer wait their turn beyond the limit; other peers' pulls do not. */
import { describe, expect, it } from 'vitest'
import { PullSlots } from '../src/pull-slots.js'

/** A pull that runs until `finish` is called, noting how many ran at once per peer. */
function pulls() {
  const running = new Map<string, number>()
  const most = new Map<string, number>()
  const finishers: (() => void)[] = []
  const pull =
    (peer: string, fail = false) =>
    async () => {
      running.set(peer, (running.get(peer) ?? 0) + 1)
      most.set(peer, Math.max(most.get(peer) ?? 0, running.get(peer) ?? 0))
      await new Promise<void>((resolve) => finishers.push(resolve))
      running.set(peer, (running.get(peer) ?? 1) - 1)
      if (fail) throw new Error('the stream was reset')
      return peer
    }
  /** Lets every running pull finish, and the pulls that then start, until none is left. */
  const drain = async () => {
    for (let rounds = 0; rounds < 100; rounds++) {
      await new Promise((resolve) => setImmediate(resolve))
      const now = finishers.splice(0)
      if (now.length === 0) return
      for (const finish of now) finish()
    }
  }
  return { pull, most, drain }
}

describe('pull slots', () => {
  it('runs at most the limit of pulls from one peer at once, and every pull in the end', async () => {
    const slots = new PullSlots(2)
    const { pull, most, drain } = pulls()
    const all = Promise.all([
      ...Array.from({ length: 7 }, () => slots.run('a', pull('a'))),
      ...Array.from({ length: 3 }, () => slots.run('b', pull('b'))),
    ])
    await drain()
    expect(await all).toEqual([...Array(7).fill('a'), ...Array(3).fill('b')])
    expect(most.get('a')).toBe(2)
    expect(most.get('b')).toBe(2)
  })

  it('frees the slot of a pull that failed', async () => {
    const slots = new PullSlots(1)
    const { pull, most, drain } = pulls()
    const failed = slots.run('a', pull('a', true))
    failed.catch(() => undefined)
    const next = slots.run('a', pull('a'))
    await drain()
    await expect(failed).rejects.toThrow(/reset/)
    expect(await next).toBe('a')
    expect(most.get('a')).toBe(1)
  })
})
