/** When a node below its target of connections looks for members again. */
import { describe, expect, it } from 'vitest'
import { nextRetryMs, RETRY_MIN_MS } from '../src/discovery.js'

describe('looking for members again while below target', () => {
  it('starts soon and backs off, doubling, up to the interval', () => {
    const interval = 300_000
    const delays: number[] = []
    let delay: number | undefined
    for (let i = 0; i < 9; i++) {
      delay = nextRetryMs(delay, interval)
      delays.push(delay)
    }
    expect(delays.slice(0, 4)).toEqual([RETRY_MIN_MS, 10_000, 20_000, 40_000])
    expect(delays.at(-1)).toBe(interval)
    expect(Math.max(...delays)).toBe(interval)
  })

  it('never waits longer than a short interval', () => {
    expect(nextRetryMs(undefined, 1_000)).toBe(1_000)
  })
})
