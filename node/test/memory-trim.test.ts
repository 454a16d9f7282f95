/**
 * The memory trim: the young generation a burst grew goes back once the node is quiet, and
 * the trim runs once after start and then only after long quiet following work.
 */
import { getHeapSpaceStatistics } from 'node:v8'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { trimMemory, watchQuiet } from '../src/memory-trim.js'

const logger = pino({ level: 'silent' })

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0
}

describe('trimMemory', () => {
  it('shrinks the young generation a burst of surviving objects grew', () => {
    // objects that live across several scavenges make V8 grow the young generation
    let kept: { n: number; pair: number[] }[] = []
    for (let n = 0; n < 2_000_000; n++) {
      kept.push({ n, pair: [n, n + 1] })
      if (kept.length > 50_000) kept = []
    }
    const grown = youngGenerationBytes()
    trimMemory()
    expect(youngGenerationBytes()).toBeLessThan(grown)
    expect(kept.length).toBeGreaterThan(0)
  })
})

describe('watchQuiet', () => {
  /** A node whose CPU use per tick the test sets: `busy` ticks use a whole core. */
  function scripted(options: { ticksAfterStart?: number; ticksAfterWork?: number } = {}) {
    let cpuUs = 0
    let trims = 0
    const watch = watchQuiet({
      logger,
      tickMs: 1_000,
      ...options,
      cpuClock: () => cpuUs,
      trim: () => {
        trims++
      },
    })
    const run = (ticks: number, busy: boolean) => {
      for (let i = 0; i < ticks; i++) {
        cpuUs += busy ? 1_000_000 : 1_000
        watch.tick()
        watch.confirm() // 50 ms later, the node as it was
      }
    }
    /** A tick that finds the second behind it quiet, then a burst before the confirmation. */
    const burstAfterTick = () => {
      cpuUs += 1_000
      watch.tick()
      cpuUs += 40_000 // 40 ms of the 50 ms confirmation window
      watch.confirm()
    }
    return { run, burstAfterTick, trims: () => trims, stop: () => watch.stop() }
  }

  it('trims once after start, then not again while the node stays quiet', () => {
    const node = scripted({ ticksAfterStart: 2, ticksAfterWork: 10 })
    node.run(1, false)
    expect(node.trims()).toBe(0)
    node.run(1, false)
    expect(node.trims()).toBe(1)
    node.run(100, false)
    expect(node.trims()).toBe(1)
    node.stop()
  })

  it('counts work right after start as start-up: the short wait still applies', () => {
    const node = scripted({ ticksAfterStart: 2, ticksAfterWork: 10 })
    node.run(5, true)
    node.run(1, false)
    expect(node.trims()).toBe(0)
    node.run(1, false)
    expect(node.trims()).toBe(1)
    node.stop()
  })

  it('trims after work only once the node has been quiet for the longer wait', () => {
    const node = scripted({ ticksAfterStart: 1, ticksAfterWork: 10 })
    node.run(1, false)
    expect(node.trims()).toBe(1) // after start
    node.run(3, true)
    node.run(9, false)
    expect(node.trims()).toBe(1)
    node.run(3, true) // work again: the wait starts over
    node.run(9, false)
    expect(node.trims()).toBe(1)
    node.run(1, false)
    expect(node.trims()).toBe(2)
    node.run(50, false)
    expect(node.trims()).toBe(2)
    node.stop()
  })

  it('does not trim when work begins between the quiet tick and the trim', () => {
    // the first requests after start arrive in the last moments of a quiet second: the
    // trim (a collection of the whole heap) would make each of them wait
    const node = scripted({ ticksAfterStart: 1, ticksAfterWork: 10 })
    node.burstAfterTick()
    expect(node.trims()).toBe(0)
    node.run(3, true)
    node.run(1, false)
    expect(node.trims()).toBe(1) // the start's trim, after the burst
    node.run(3, true)
    node.run(9, false)
    node.burstAfterTick() // the tenth quiet tick after work, then work again
    expect(node.trims()).toBe(1)
    node.run(10, false)
    expect(node.trims()).toBe(2)
    node.stop()
  })
})
