/** Every state the node holds now, organisation by organisation, a page at a time. */
import type { RecordState } from '@polder/schema'
import type { Store } from '@polder/store'

export function* currentStates(
  store: Store,
  { retracted = false, pageSize = 500 }: { retracted?: boolean; pageSize?: number } = {},
): Generator<RecordState> {
  for (const author of store.logs()) {
    let after: string | undefined
    for (;;) {
      const page = store.list({
        author,
        limit: pageSize,
        retracted,
        ...(after === undefined ? {} : { after }),
      })
      yield* page
      if (page.length < pageSize) break
      after = page.at(-1)?.id
    }
  }
}
