/** Keeping the index current from the store's change events. */
import type { RecordState } from '@polder/schema'
import type { SearchIndex } from './search-index.js'

/** The store's events that change what is found. */
export const CHANGE_EVENTS = ['record:added', 'record:updated', 'record:retracted'] as const
/** The store dropped every record of an organisation, without an event per record. */
export const BLOCKED_EVENT = 'org:blocked'

export interface FollowOptions {
  /**
   * Called when a batch cannot be indexed; the index is unchanged by that batch and the
   * caller should rebuild it. @default rethrows, so the failure reaches the process
   */
  readonly onError?: (error: unknown) => void
}

const stateOf = (event: Event): RecordState | undefined =>
  event instanceof CustomEvent ? (event.detail as { state?: RecordState } | null)?.state : undefined

const didOf = (event: Event): string | undefined => {
  const did =
    event instanceof CustomEvent ? (event.detail as { did?: unknown } | null)?.did : undefined
  return typeof did === 'string' ? did : undefined
}

/**
 * Applies the `source`'s record events to `index`; changes that arrive within one turn of
 * the event loop go in one transaction (`publishMany` emits thousands at once). A blocked
 * organisation's records leave the index at once. Returns the unsubscribe function, which
 * first indexes what is pending.
 */
export function follow(
  source: EventTarget,
  index: SearchIndex,
  options: FollowOptions = {},
): () => void {
  let pending: RecordState[] = []
  let scheduled: NodeJS.Immediate | undefined
  const guarded = (work: () => void) => {
    try {
      work()
    } catch (error) {
      if (options.onError === undefined) throw error
      options.onError(error)
    }
  }
  const flush = () => {
    scheduled = undefined
    const batch = pending
    pending = []
    if (batch.length > 0) guarded(() => index.applyMany(batch))
  }
  const blocked = (event: Event) => {
    const did = didOf(event)
    if (did === undefined) return
    flush() // what arrived before the block goes first, so none of it comes back after
    guarded(() => index.removeAuthor(did))
  }
  const listener = (event: Event) => {
    const state = stateOf(event)
    if (state === undefined) return
    pending.push(state)
    scheduled ??= setImmediate(flush)
  }
  for (const type of CHANGE_EVENTS) source.addEventListener(type, listener)
  source.addEventListener(BLOCKED_EVENT, blocked)
  return () => {
    for (const type of CHANGE_EVENTS) source.removeEventListener(type, listener)
    source.removeEventListener(BLOCKED_EVENT, blocked)
    if (scheduled !== undefined) clearImmediate(scheduled)
    flush()
  }
}
