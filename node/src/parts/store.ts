/** The store: the organisation's log and its SQLite state, in the data directory. */
import { type OrgKey, Store } from '@polder/store'
import type { Logger } from 'pino'

export interface StorePartInit {
  readonly home: string
  readonly key: OrgKey
  /** The state file was checked since it was last written (see `StoreInit.stateChecked`). */
  readonly stateChecked?: boolean
  /** When it last passed a full check (see `StoreInit.checkedAt`). */
  readonly checkedAt?: number
}

export async function openStore(init: StorePartInit, logger: Logger): Promise<Store> {
  const store = await Store.open({
    home: init.home,
    key: init.key,
    stateChecked: init.stateChecked === true,
    checkedAt: init.checkedAt,
  })
  store.addEventListener('entry:rejected', ({ detail }) =>
    logger.warn(
      { log: detail.log, entry: detail.entry, reason: detail.reason },
      'refused a log entry',
    ),
  )
  return store
}
