/**
 * The node's memory ceiling (`POLDER_MEMORY_LIMIT`): says at start when V8 may grow its
 * heap past it (the heap limit is fixed when the process starts: `pnpm start` sets it from
 * the option), and warns while the resident set nears it.
 */
import { getHeapStatistics } from 'node:v8'
import type { Logger } from 'pino'

/** Resident memory above this share of the limit is warned about. */
export const MEMORY_WARN_SHARE = 0.9
/** V8's heap gets this share of the limit; the rest is SQLite, buffers and code. */
export const HEAP_SHARE = 0.75
const MIB = 1024 * 1024

export interface MemoryWatch {
  stop(): void
}

/** Samples the resident set every `intervalMs`; warns above the limit's warning share. */
export function watchMemory(init: {
  readonly limitBytes: number
  readonly logger: Logger
  readonly intervalMs?: number
}): MemoryWatch {
  const { limitBytes, logger } = init
  const limitMiB = Math.round(limitBytes / MIB)
  const heapMiB = Math.round(getHeapStatistics().heap_size_limit / MIB)
  if (heapMiB > limitMiB * HEAP_SHARE) {
    logger.warn(
      { heapLimitMiB: heapMiB, memoryLimitMiB: limitMiB },
      `V8 may grow its heap past POLDER_MEMORY_LIMIT: start node with --max-old-space-size=${Math.round(limitMiB * HEAP_SHARE)} (pnpm start does)`,
    )
  }
  let warned = false
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss()
    if (rss > limitBytes * MEMORY_WARN_SHARE && !warned) {
      warned = true
      logger.warn(
        { rssMiB: Math.round(rss / MIB), memoryLimitMiB: limitMiB },
        'memory near its limit (POLDER_MEMORY_LIMIT)',
      )
    } else if (rss < limitBytes * (MEMORY_WARN_SHARE - 0.1) && warned) {
      warned = false
      logger.info(
        { rssMiB: Math.round(rss / MIB), memoryLimitMiB: limitMiB },
        'memory back under its limit',
      )
    }
  }, init.intervalMs ?? 5_000)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
