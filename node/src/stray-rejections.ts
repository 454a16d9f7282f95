/**
 * A promise that rejects with nothing to handle it is a bug in the node or in a library it
 * runs, and Node.js ends the process for it by default. For a running node that is the
 * wrong trade: the failed step is over either way, what the node holds is kept crash-safe
 * by the store (a write is whole or not at all), and ending the process takes a member of
 * the collective offline, on a path a peer's data may be able to reach again and again.
 * So `polder start` logs each one as an error, counts it (`polder_unhandled_rejections` at
 * `/metrics`) and goes on. The log is bounded: a storm of the same rejection gives a few
 * lines a minute and a count of those left out, not a full disk.
 */
import type { Logger } from 'pino'

/** At most this many rejections are logged in full per {@link LOG_WINDOW_MS}. */
export const LOGGED_PER_WINDOW = 10
export const LOG_WINDOW_MS = 60_000

let seen = 0

/** Unhandled rejections in this process since the node started. */
export function strayRejections(): number {
  return seen
}

/**
 * Keeps the process running on unhandled rejections, logging them; returns the function
 * that gives the process back Node's default.
 */
export function surviveStrayRejections(logger: Logger): () => void {
  const onRejection = strayRejectionHandler(logger)
  process.on('unhandledRejection', onRejection)
  return () => process.off('unhandledRejection', onRejection)
}

/** Counts a rejection and logs it, at most {@link LOGGED_PER_WINDOW} in a window. */
export function strayRejectionHandler(
  logger: Logger,
  now: () => number = Date.now,
): (reason: unknown) => void {
  let windowStart = Number.NEGATIVE_INFINITY
  let logged = 0
  let leftOut = 0
  return (reason) => {
    seen += 1
    const at = now()
    if (at - windowStart >= LOG_WINDOW_MS) {
      if (leftOut > 0) {
        logger.error({ leftOut }, 'more unhandled promise rejections were not logged')
      }
      windowStart = at
      logged = 0
      leftOut = 0
    }
    if (logged >= LOGGED_PER_WINDOW) {
      leftOut += 1
      return
    }
    logged += 1
    logger.error(
      { err: reason, unhandledRejections: seen },
      'unhandled promise rejection (a bug: please report it); the node goes on',
    )
  }
}
