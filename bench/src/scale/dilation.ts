/**
 * Time dilation for the scale simulation's host processes: every clock and timer the
 * process reads runs `k` times slower than the wall clock, so that hundreds of nodes on
 * two cores keep up with their protocol's timers. Nothing of the protocol changes: the
 * gossipsub heartbeat, the announcement and repair intervals, the DHT's refreshes, every
 * timeout and rate limit simply run on the dilated clock, and a node's CPU time counts k
 * times less per simulated second (as on a machine k times faster, with a network k times
 * nearer). What is dilated: `Date` (now and `new Date()`), `performance.now`, `setTimeout`
 * and `setInterval` (global and `node:timers`), `node:timers/promises` (`setTimeout`,
 * `setInterval`, `scheduler.wait`), `AbortSignal.timeout` and sockets' inactivity timeouts.
 * Not dilated: `setImmediate`, `process.hrtime`, the kernel's own TCP timers.
 *
 * Loaded first in each host (`--import` of `dilate.ts`); the orchestrator keeps its own
 * explicit {@link SimClock} instead, so that nothing else in its process is touched.
 */
import { syncBuiltinESMExports } from 'node:module'
import net from 'node:net'
import timers from 'node:timers'
import timersPromises from 'node:timers/promises'
import { promisify } from 'node:util'

/** Environment variables that carry the dilation into a host process. */
export const DILATION_ENV = 'POLDER_SIM_DILATION'
export const ORIGIN_ENV = 'POLDER_SIM_ORIGIN'

/** Node turns a delay above this into 1 ms (`TimeoutOverflowWarning`): dilated delays are clamped. */
const MAX_DELAY = 2 ** 31 - 1

/** The simulation's clock: simulated ms since the epoch, and sleeps in simulated ms. */
export interface SimClock {
  readonly dilation: number
  /** The real epoch ms from which the clock runs slower. */
  readonly originMs: number
  now(): number
  sleep(ms: number): Promise<void>
  /** Simulated ms of a span of real ms. */
  simulated(realMs: number): number
}

/**
 * A clock that runs `dilation` times slower than the wall clock from `originMs` (a real
 * epoch ms shared by every process of one simulation, so their readings compare).
 */
export function simClock(dilation: number, originMs: number, realNow = Date.now): SimClock {
  const scaled = (ms: number) => Math.min(ms * dilation, MAX_DELAY)
  return {
    dilation,
    originMs,
    now: () => Math.floor(originMs + (realNow() - originMs) / dilation),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, scaled(ms))),
    simulated: (realMs) => realMs / dilation,
  }
}

let installed = 0

/** Dilates this process's clocks and timers (see the module's comment). Once per process. */
export function installDilation(dilation: number, originMs: number): void {
  if (!(dilation > 0) || !Number.isFinite(dilation))
    throw new RangeError(`the dilation must be a positive number, not ${dilation}`)
  if (installed !== 0) {
    if (installed === dilation) return
    throw new Error(`this process is dilated ${installed}x already`)
  }
  installed = dilation
  if (dilation === 1) return
  const scale = (ms: unknown): unknown =>
    typeof ms === 'number' && Number.isFinite(ms) ? Math.min(ms * dilation, MAX_DELAY) : ms

  const RealDate = Date
  const realNow = RealDate.now.bind(RealDate)
  // whole ms, as the real one: callers encode it (BigInt, protobuf integers)
  const now = () => Math.floor(originMs + (realNow() - originMs) / dilation)
  class SimDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now())
      else super(...(args as [string | number | Date]))
    }
    static override now(): number {
      return now()
    }
  }
  globalThis.Date = SimDate as DateConstructor

  const realPerformanceNow = performance.now.bind(performance)
  performance.now = () => realPerformanceNow() / dilation

  const realSetTimeout = globalThis.setTimeout
  const realSetInterval = globalThis.setInterval
  const setTimeoutDilated = ((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => realSetTimeout(callback, scale(ms) as number, ...args)) as typeof setTimeout
  const setIntervalDilated = ((
    callback: (...args: unknown[]) => void,
    ms?: number,
    ...args: unknown[]
  ) => realSetInterval(callback, scale(ms) as number, ...args)) as typeof setInterval

  const promises = {
    setTimeout: timersPromises.setTimeout,
    setInterval: timersPromises.setInterval,
    wait: timersPromises.scheduler.wait.bind(timersPromises.scheduler),
  }
  const sleepDilated = ((ms?: number, ...rest: unknown[]) =>
    (promises.setTimeout as (...a: unknown[]) => Promise<unknown>)(
      scale(ms),
      ...rest,
    )) as typeof timersPromises.setTimeout
  Object.assign(setTimeoutDilated, { [promisify.custom]: sleepDilated })

  globalThis.setTimeout = setTimeoutDilated
  globalThis.setInterval = setIntervalDilated
  timers.setTimeout = setTimeoutDilated
  timers.setInterval = setIntervalDilated
  timersPromises.setTimeout = sleepDilated
  timersPromises.setInterval = ((ms?: number, ...rest: unknown[]) =>
    (promises.setInterval as (...a: unknown[]) => AsyncIterator<unknown>)(
      scale(ms),
      ...rest,
    )) as typeof timersPromises.setInterval
  timersPromises.scheduler.wait = (ms, options) => promises.wait(scale(ms) as number, options)
  syncBuiltinESMExports()

  AbortSignal.timeout = (ms: number) => {
    const controller = new AbortController()
    realSetTimeout(
      () =>
        controller.abort(
          new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
        ),
      scale(ms) as number,
    ).unref()
    return controller.signal
  }

  const realSocketTimeout = net.Socket.prototype.setTimeout
  net.Socket.prototype.setTimeout = function setTimeout(
    this: net.Socket,
    ms: number,
    callback?: () => void,
  ) {
    return realSocketTimeout.call(this, scale(ms) as number, callback)
  }
}
