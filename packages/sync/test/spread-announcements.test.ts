/** A pull's announcement waits its random turn, once per log, and not after a digest said it. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SpreadAnnouncements } from '../src/spread-announcements.js'

describe('spread announcements', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('says each log at its random turn within the longest wait, once however often pulled', () => {
    const said: string[] = []
    const turns = [0.25, 0.75]
    const turn = () => turns.shift() ?? 0
    const spread = new SpreadAnnouncements(10_000, (did) => said.push(did), turn)
    spread.schedule('a')
    spread.schedule('b')
    spread.schedule('a')
    vi.advanceTimersByTime(2_499)
    expect(said).toEqual([])
    vi.advanceTimersByTime(1)
    expect(said).toEqual(['a'])
    expect(spread.has('a')).toBe(false)
    expect(spread.has('b')).toBe(true)
    vi.advanceTimersByTime(5_000)
    expect(said).toEqual(['a', 'b'])
    // pulled again later: a new turn
    spread.schedule('a')
    vi.advanceTimersByTime(10_000)
    expect(said).toEqual(['a', 'b', 'a'])
  })

  it('says nothing for a log said otherwise meanwhile, nor after stop', () => {
    const said: string[] = []
    const spread = new SpreadAnnouncements(
      10_000,
      (did) => said.push(did),
      () => 0.5,
    )
    spread.schedule('a')
    spread.schedule('b')
    spread.cancel('a')
    spread.stop()
    spread.schedule('c')
    vi.advanceTimersByTime(20_000)
    expect(said).toEqual([])
  })
})
