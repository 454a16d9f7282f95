/**
 * @packageDocumentation
 *
 * Polder's store: the organisation's key and identity, its signed OrbitDB log (Ed25519,
 * only its key may write) under access control, materialised in SQLite so that reads
 * never walk the log, with group-committed writes, and the verified join of entries
 * peers send.
 *
 * @example
 * ```ts
 * import { loadOrCreateKey, Store } from '@polder/store'
 *
 * const { key } = await loadOrCreateKey('/var/lib/polder')
 * await using store = await Store.open({ home: '/var/lib/polder', key })
 * store.addEventListener('record:added', (event) => console.log(event.detail.state.title))
 * const record = await store.publish({ kind: 'practice', languages: ['nl'], title: { nl: 'Hittekaart' }, status: 'pilot' })
 * store.get(record.id)
 * ```
 */
export {
  ARCHIVE_MEDIA_TYPE,
  archiveLines,
  importArchive,
  linesOf,
  type ReadArchive,
  readArchive,
} from './archive.js'
export type { ArchivedLog, HashedBlock } from './archived-log.js'
export { logIdOf, MAX_LIVE_VOUCHES } from './constants.js'
export type { BlockCheck } from './entry-check.js'
export {
  DiskFullError,
  InvalidArchiveError,
  InvalidEntryError,
  KeyFileError,
  KeyInUseElsewhereError,
  LogNotHeldError,
  MissingPastError,
  StateFileCorruptError,
  VouchLimitError,
} from './errors.js'
export { publicKeyHexOf } from './identity.js'
export type { Segment } from './join.js'
export { exportKey, importKey, loadKey, loadOrCreateKey, type OrgKey, orgKeyOf } from './keys.js'
export { verifyProfileEntry } from './profile-proof.js'
export type {
  AttachmentRow,
  ByUpdatedOptions,
  Change,
  UpdatedPosition,
} from './state.js'
export {
  type ImportedLog,
  type KeyConflict,
  type PublishInput,
  Store,
  type StoreEvents,
} from './store.js'
