/**
 * Gives back, once the node is quiet, the memory that busy moments grew. The daemon runs
 * with a young generation of up to 4 MB a semi-space (`--max-semi-space-size=4`): with
 * the old 1 MB, a burst of publishes spent a quarter of its time in garbage collection,
 * since the objects of 50 requests in flight outgrew it and were promoted (16 MB cost the
 * first burst after start more, and the later ones no less than 4). V8 grows the
 * young generation on demand but keeps it grown, and an idle process never runs the
 * memory-reducing collection that would shrink it: so, after start-up and after long
 * quiet, the node runs that collection itself (V8's "last resort" one, which also gives
 * back the pages V8 keeps for reuse).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Logger } from 'pino'

/** The node's own CPU time (user + system), in microseconds, as `process.cpuUsage` counts it. */
export type CpuClock = () => number

/** Options of {@link watchQuiet}; the defaults are the daemon's. */
export interface MemoryTrimInit {
  readonly logger: Logger
  /** How often the node's CPU use is sampled. @default 1000 */
  readonly tickMs?: number
  /** A tick in which the node used less than this share of one core is quiet. @default 0.05 */
  readonly quietShare?: number
  /**
   * Quiet ticks before the first trim after start: start-up's code does not run again, and
   * what it grew is given back before the node sits idle. @default 1
   */
  readonly ticksAfterStart?: number
  /**
   * Quiet ticks before a trim after work: the next burst grows the young generation again,
   * and a trim costs ~0.1 s of CPU, so only after long quiet. @default 60
   */
  readonly ticksAfterWork?: number
  /**
   * Before trimming, the node must stay quiet for this much longer: a tick judges the
   * second behind it, and a burst that began at its end (the first requests after start)
   * would otherwise wait for the trim, a collection of the whole heap. @default 50
   */
  readonly confirmMs?: number
  /** @default `process.cpuUsage` */
  readonly cpuClock?: CpuClock
  /** @default {@link trimMemory} */
  readonly trim?: () => void
}

export interface MemoryTrim {
  /** One sample (what the timer runs); exposed for tests. */
  tick(): void
  /** The check, {@link MemoryTrimInit.confirmMs} after a tick chose to trim, that trims (or not); exposed for tests. */
  confirm(): void
  stop(): void
}

/** Samples the node's CPU use every tick; trims memory once it has been quiet long enough. */
export function watchQuiet(init: MemoryTrimInit): MemoryTrim {
  const tickMs = init.tickMs ?? 1_000
  const quietUs = tickMs * 1_000 * (init.quietShare ?? 0.05)
  const cpuClock = init.cpuClock ?? processCpu
  const trim = init.trim ?? trimMemory
  let lastCpu = cpuClock()
  // start-up (and work right after it, such as a first index build) grew the heap: the
  // first trim comes after a short quiet
  const afterStart = init.ticksAfterStart ?? 1
  let needed: number | undefined = afterStart
  let trimmed = false
  let quietTicks = 0
  const confirmMs = init.confirmMs ?? 50
  /** The CPU clock when a tick chose to trim, until the confirmation runs. */
  let armedAt: number | undefined
  let confirming: NodeJS.Timeout | undefined
  const worked = () => {
    quietTicks = 0
    needed = trimmed ? (init.ticksAfterWork ?? 60) : afterStart
  }
  const tick = () => {
    const cpu = cpuClock()
    const used = cpu - lastCpu
    lastCpu = cpu
    if (used >= quietUs) {
      armedAt = undefined
      worked()
      return
    }
    quietTicks++
    if (needed === undefined || quietTicks < needed || armedAt !== undefined) return
    armedAt = cpu
    confirming = setTimeout(confirm, confirmMs)
    confirming.unref()
  }
  const confirm = () => {
    if (armedAt === undefined) return
    const used = cpuClock() - armedAt
    armedAt = undefined
    // the node started working in the meantime: the trim waits for the next quiet
    if (used >= confirmMs * 1_000 * (init.quietShare ?? 0.05)) {
      worked()
      return
    }
    needed = undefined // until the node works again
    trimmed = true
    const started = process.cpuUsage()
    const rssBefore = process.memoryUsage.rss()
    trim()
    const spent = process.cpuUsage(started)
    // the trim's own CPU does not count as work
    lastCpu = cpuClock()
    init.logger.debug(
      {
        cpuMs: Math.round((spent.user + spent.system) / 1_000),
        rssMiB: [rssBefore, process.memoryUsage.rss()].map((bytes) => Math.round(bytes / MIB)),
      },
      'memory trimmed',
    )
  }
  const timer = setInterval(tick, tickMs)
  timer.unref()
  return {
    tick,
    confirm,
    stop: () => {
      clearInterval(timer)
      clearTimeout(confirming)
    },
  }
}

const MIB = 1024 * 1024

function processCpu(): number {
  const { user, system } = process.cpuUsage()
  return user + system
}

/** V8's `gc` with the options of its extension (`--expose-gc`). */
type Collect = (options: { type: 'major'; flavor: 'last-resort' }) => void

let collect: Collect | undefined

/**
 * Runs V8's memory-reducing collection: the young generation shrinks back to its start,
 * pages V8 kept for reuse go back to the system.
 */
export function trimMemory(): void {
  if (collect === undefined) {
    // V8 offers the collection to JavaScript only as `gc`, which the flag puts in every
    // context made after it: the node need not be started with --expose-gc
    if (typeof globalThis.gc !== 'function') setFlagsFromString('--expose-gc')
    collect = (globalThis.gc ?? runInNewContext('gc')) as Collect
  }
  // The last-resort collection runs several times over, which ages all code at once: it
  // would drop the bytecode of every function not running now, and the next burst would
  // compile its whole path again (0.3-0.4 ms a record more for its first 1,000 publishes).
  setFlagsFromString('--no-flush-bytecode')
  try {
    collect({ type: 'major', flavor: 'last-resort' })
  } finally {
    setFlagsFromString('--flush-bytecode')
  }
}
