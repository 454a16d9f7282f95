/**
 * Pins that failed (nobody had the file in time, a size that did not match) are tried
 * again after a back-off that doubles from 1 minute to 1 hour, and in a lane of their own:
 * a file nobody has must never hold up the pins of the own organisation or of followed
 * ones (a followed data set was once pinned 449 s late behind endless retries).
 */
import type { PinOrigin } from './pin-policy.js'

/** First wait after a failure. */
export const RETRY_FIRST_MS = 60_000
/** Longest wait: the doubling stops here. */
export const RETRY_MAX_MS = 3_600_000

export interface PinFailure {
  readonly error: string
  /** Failures in a row. */
  readonly attempts: number
  /** When it may be tried again (ms since the epoch). */
  readonly retryAt: number
}

/** The wait after `attempts` failures in a row: 1, 2, 4 … 60 minutes. */
export const retryDelay = (attempts: number): number =>
  Math.min(RETRY_FIRST_MS * 2 ** Math.max(attempts - 1, 0), RETRY_MAX_MS)

export class PinFailures {
  readonly #failures = new Map<string, PinFailure>()

  /** Notes a failure of `cid`; the next try waits twice as long as the last. */
  failed(cid: string, error: string, now = Date.now()): PinFailure {
    const attempts = (this.#failures.get(cid)?.attempts ?? 0) + 1
    const failure = { error, attempts, retryAt: now + retryDelay(attempts) }
    this.#failures.set(cid, failure)
    return failure
  }

  succeeded(cid: string): void {
    this.#failures.delete(cid)
  }

  get(cid: string): PinFailure | undefined {
    return this.#failures.get(cid)
  }

  /** CIDs still waiting for their next try. */
  waiting(now = Date.now()): Set<string> {
    return new Set([...this.#failures].filter(([, f]) => f.retryAt > now).map(([cid]) => cid))
  }
}

export interface PinWork {
  readonly cid: string
  readonly size: number
  readonly origin: PinOrigin
}

/**
 * The pins to make, in three lanes that run side by side, each in order: the own
 * organisation's, the followed organisations', and retries of earlier failures.
 */
export function pinLanes(
  own: readonly { cid: string; size: number }[],
  follow: readonly { cid: string; size: number }[],
  failures: PinFailures,
): PinWork[][] {
  const work: PinWork[] = [
    ...own.map((item) => ({ ...item, origin: 'own' as const })),
    ...follow.map((item) => ({ ...item, origin: 'follow' as const })),
  ]
  const retry = (item: PinWork) => failures.get(item.cid) !== undefined
  return [
    work.filter((item) => item.origin === 'own' && !retry(item)),
    work.filter((item) => item.origin === 'follow' && !retry(item)),
    work.filter(retry),
  ]
}

/** Runs each lane in order and the lanes side by side; resolves when all are done. */
export async function runLanes(
  lanes: readonly (readonly PinWork[])[],
  pin: (work: PinWork) => Promise<void>,
  options: { readonly signal?: AbortSignal } = {},
): Promise<void> {
  await Promise.all(
    lanes.map(async (lane) => {
      for (const work of lane) {
        if (options.signal?.aborted === true) return
        await pin(work)
      }
    }),
  )
}
