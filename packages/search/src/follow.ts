/** Keeping the index current from the store's change events. */
import type { RecordState } from '@polder/schema'
import type { StoreEvents } from '@polder/store'
import type { TypedEventTarget } from 'main-event'
import type { SearchIndex } from './search-index.js'

/** The store's events that change what is found. */
const CHANGE_EVENTS = ['record:added', 'record:updated', 'record:retracted'] as const
/** The store dropped every record of an organisation, without an event per record. */
const BLOCKED_EVENT = 'org:blocked'

/** The part of the store's typed event map the index follows. */
export type ChangeEvents = Pick<StoreEvents, (typeof CHANGE_EVENTS)[number] | typeof BLOCKED_EVENT>

export interface FollowOptions {
  /**
   * Called when a batch cannot be indexed; the index is unchanged by that batch and the
   * caller should rebuild it. @default rethrows, so the failure reaches the process
   */
  readonly onError?: (error: unknown) => void
}

/** Stops following the store, first indexing what is pending. */
export interface Following {
  (): void
  /**
   * Indexes now the changes waiting for the end of the turn: a read made right after a
   * change's event (a search asked on `record:added`) finds it.
   */
  flush(): void
}

/**
 * Applies the `source`'s record events to `index`; changes that arrive within one turn of
 * the event loop go in one transaction (`publishMany` emits thousands at once), unless a
 * read asks for them sooner ({@link Following.flush}). A blocked organisation's records
 * leave the index at once. Returns the unsubscribe function, which first indexes what is
 * pending.
 */
export function follow(
  source: TypedEventTarget<ChangeEvents>,
  index: SearchIndex,
  options: FollowOptions = {},
): Following {
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
    if (scheduled !== undefined) clearImmediate(scheduled)
    scheduled = undefined
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
    scheduled ??= setImmediate(flush)
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
