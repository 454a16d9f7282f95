/** Keeping the index current from the store's change events. */
import type { RecordState } from '@polder/schema'
import type { StoreEvents } from '@polder/store'
import type { TypedEventTarget } from 'main-event'
import { DEFAULT_FOLLOW_MAX_PENDING } from './constants.js'
import type { SearchIndex } from './search-index.js'

/** The store's events that change what is found. */
const CHANGE_EVENTS = ['record:added', 'record:updated', 'record:retracted'] as const
/** The store dropped every record of an organisation, without an event per record. */
const BLOCKED_EVENT = 'org:blocked'

/** The part of the store's typed event map the index follows. */
export type ChangeEvents = Pick<StoreEvents, (typeof CHANGE_EVENTS)[number] | typeof BLOCKED_EVENT>

export interface FollowOptions {
  /**
   * Called when a batch cannot be indexed; the index has lost that batch and the others
   * not yet committed (see `DeferredCommit.write`), so the caller should rebuild it. @default rethrows, so the failure reaches the process
   */
  readonly onError?: (error: unknown) => void
  /**
   * How long changes may wait to be indexed, in ms: those of many turns of the event loop
   * then go in one transaction (a node's group commits of 20-50 publishes each are cheaper
   * to index a few hundred at a time). Only for a caller whose every read of the index calls
   * {@link Following.flush} first. @default 0 (the end of the turn)
   */
  readonly windowMs?: number
  /** Changes that close the window early (indexed at the end of the turn). @default 1000 */
  readonly maxPending?: number
}

/** Stops following the store, first indexing what is pending. */
export interface Following {
  (): void
  /**
   * Indexes now the changes still waiting: a read made right after a change's event (a
   * search asked on `record:added`) finds it.
   */
  flush(): void
}

/**
 * Applies the `source`'s record events to `index`; changes that arrive within one turn of
 * the event loop (or within `windowMs`) go in one transaction (`publishMany` emits
 * thousands at once), unless a read asks for them sooner ({@link Following.flush}). A
 * blocked organisation's records leave the index at once. Returns the unsubscribe
 * function, which first indexes what is pending.
 */
export function follow(
  source: TypedEventTarget<ChangeEvents>,
  index: SearchIndex,
  options: FollowOptions = {},
): Following {
  const windowMs = options.windowMs ?? 0
  const maxPending = options.maxPending ?? DEFAULT_FOLLOW_MAX_PENDING
  let pending: RecordState[] = []
  let timer: NodeJS.Timeout | undefined
  let immediate: NodeJS.Immediate | undefined
  const guarded = (work: () => void) => {
    try {
      work()
    } catch (error) {
      if (options.onError === undefined) throw error
      options.onError(error)
    }
  }
  const flush = () => {
    clearTimeout(timer)
    clearImmediate(immediate)
    timer = undefined
    immediate = undefined
    const batch = pending
    pending = []
    if (batch.length > 0) guarded(() => index.applyMany(batch))
  }
  const blocked = (event: ChangeEvents[typeof BLOCKED_EVENT]) => {
    const { did } = event.detail
    flush() // what arrived before the block goes first, so none of it comes back after
    guarded(() => index.removeAuthor(did))
  }
  const listener = (event: ChangeEvents[(typeof CHANGE_EVENTS)[number]]) => {
    pending.push(event.detail.state)
    if (windowMs <= 0 || pending.length >= maxPending) immediate ??= setImmediate(flush)
    else if (timer === undefined) {
      // not keeping the process alive: stopping (or the next read) indexes what waits
      timer = setTimeout(flush, windowMs).unref()
    }
  }
  for (const type of CHANGE_EVENTS) source.addEventListener(type, listener)
  source.addEventListener(BLOCKED_EVENT, blocked)
  const stop = () => {
    for (const type of CHANGE_EVENTS) source.removeEventListener(type, listener)
    source.removeEventListener(BLOCKED_EVENT, blocked)
    flush()
  }
  return Object.assign(stop, { flush })
}
