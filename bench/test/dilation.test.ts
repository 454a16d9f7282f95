/** The scale simulation's time dilation (bench/src/scale/dilation.ts), in a child process of its own. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { DILATION_ENV, ORIGIN_ENV, simClock } from '../src/scale/dilation.ts'

const run = promisify(execFile)
const DILATE = new URL('../src/scale/dilate.ts', import.meta.url).pathname

/** Runs in the dilated child: what its clocks and timers did, with real ms from hrtime (not dilated). */
const CHILD = `
import net from 'node:net'
import timers from 'node:timers'
import { setTimeout as sleep } from 'node:timers/promises'
const realMs = (since) => Number(process.hrtime.bigint() - since) / 1e6
const t0 = process.hrtime.bigint(), d0 = Date.now(), p0 = performance.now()
await new Promise((resolve) => setTimeout(resolve, 30))
const timeout = { realMs: realMs(t0), dateMs: Date.now() - d0, performanceMs: performance.now() - p0 }
const t1 = process.hrtime.bigint()
await sleep(20)
const promises = realMs(t1)
const t2 = process.hrtime.bigint()
const signal = AbortSignal.timeout(20)
const keep = setInterval(() => {}, 1000)
await new Promise((resolve) => signal.addEventListener('abort', resolve))
clearInterval(keep)
const abort = { realMs: realMs(t2), reason: signal.reason.name }
const idle = (timer) => { const ms = timer._idleTimeout; clearTimeout(timer); return ms }
console.log(JSON.stringify({
  timeout, promises, abort,
  now: Date.now(), date: new Date().getTime(), integer: Number.isInteger(Date.now()),
  idle: { global: idle(setTimeout(() => {}, 100)), timers: idle(timers.setTimeout(() => {}, 100)), huge: idle(setTimeout(() => {}, 2 ** 31 - 1)) },
  socket: new net.Socket().setTimeout(100).timeout,
}))
`

describe('time dilation', () => {
  it('runs a host’s clocks and timers k times slower than the wall clock', async () => {
    const origin = Date.now() - 100_000
    const { stdout } = await run(
      process.execPath,
      ['--import', DILATE, '--input-type=module', '--eval', CHILD],
      { env: { ...process.env, [DILATION_ENV]: '10', [ORIGIN_ENV]: String(origin) } },
    )
    const after = Date.now()
    const child = JSON.parse(stdout)
    // timers never fire early: 30 simulated ms are at least 300 real ones, and read as >= 30
    expect(child.timeout.realMs).toBeGreaterThanOrEqual(299)
    expect(child.timeout.dateMs).toBeGreaterThanOrEqual(30)
    expect(child.timeout.performanceMs).toBeGreaterThanOrEqual(29.9)
    expect(child.promises).toBeGreaterThanOrEqual(199)
    expect(child.abort).toMatchObject({ reason: 'TimeoutError' })
    expect(child.abort.realMs).toBeGreaterThanOrEqual(199)
    // the dilated clock runs from the origin: 100 real s ago, so at most ~10 s past it
    expect(after - child.now).toBeGreaterThanOrEqual(90_000)
    expect(after - child.date).toBeGreaterThanOrEqual(90_000)
    expect(child.integer).toBe(true)
    // node:timers too, and a delay that would overflow is clamped, not turned into 1 ms
    expect(child.idle).toEqual({ global: 1000, timers: 1000, huge: 2 ** 31 - 1 })
    expect(child.socket).toBe(1000)
  })

  it('gives the orchestrator the same clock', () => {
    let real = 1_000_000
    const clock = simClock(4, 1_000_000, () => real)
    real += 4_000
    expect(clock.now()).toBe(1_001_000)
    expect(clock.simulated(8_000)).toBe(2_000)
  })
})
