/**
 * The log of unhandled rejections is bounded: a storm gives {@link LOGGED_PER_WINDOW} lines a
 * window and then one line with the count left out; every rejection is counted. (A real node
 * surviving one: tests/faults/stray-rejections.test.ts.)
 */
import { pino } from 'pino'
import { describe, expect, it } from 'vitest'
import {
  LOG_WINDOW_MS,
  LOGGED_PER_WINDOW,
  strayRejectionHandler,
  strayRejections,
} from '../src/stray-rejections.js'

interface Line {
  readonly msg: string
  readonly leftOut?: number
  readonly err?: { readonly message: string }
}

describe('the stray rejections log', () => {
  it('logs a bounded number a window, then says how many it left out', () => {
    const lines: Line[] = []
    const logger = pino({}, { write: (line: string) => lines.push(JSON.parse(line) as Line) })
    let clock = 1_000
    const onRejection = strayRejectionHandler(logger, () => clock)
    const before = strayRejections()

    for (let i = 0; i < LOGGED_PER_WINDOW + 3; i += 1) onRejection(new Error(`storm ${i}`))
    expect(lines.map((line) => line.err?.message)).toEqual(
      Array.from({ length: LOGGED_PER_WINDOW }, (_, i) => `storm ${i}`),
    )

    clock += LOG_WINDOW_MS - 1
    onRejection(new Error('still in the window'))
    expect(lines).toHaveLength(LOGGED_PER_WINDOW)

    clock += 1
    onRejection(new Error('a new window'))
    expect(lines.slice(LOGGED_PER_WINDOW).map((line) => line.leftOut ?? line.err?.message)).toEqual(
      [4, 'a new window'],
    )
    expect(strayRejections() - before).toBe(LOGGED_PER_WINDOW + 5)
  })
})
