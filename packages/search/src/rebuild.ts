/** Indexing a whole store again without holding the event loop for seconds. */
import type { RecordState } from '@polder/schema'
import { REBUILD_CHUNK } from './constants.js'
import type { SearchIndex } from './search-index.js'

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Empties `index` and indexes `states` in transactions of `REBUILD_CHUNK`, yielding to the
 * event loop between them, so a node keeps serving while it rebuilds. Changes applied
 * meanwhile (by `follow`) are kept: indexing is idempotent and order-free. Returns the
 * number of states read; stops early, leaving the index partial, when `signal` aborts.
 */
export async function rebuildInSteps(
  index: SearchIndex,
  states: Iterable<RecordState>,
  signal?: AbortSignal,
): Promise<number> {
  index.clear()
  let chunk: RecordState[] = []
  let count = 0
  for (const state of states) {
    chunk.push(state)
    count++
    if (chunk.length < REBUILD_CHUNK) continue
    index.applyMany(chunk)
    chunk = []
    await nextTurn()
    signal?.throwIfAborted()
  }
  index.applyMany(chunk)
  return count
}
