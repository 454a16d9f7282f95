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
export { logIdOf } from './constants.js'
export {
  DiskFullError,
  KeyFileError,
  LogNotHeldError,
  MissingPastError,
  StateFileCorruptError,
} from './errors.js'
export { publicKeyHexOf } from './identity.js'
export type { Segment } from './join.js'
export { exportKey, importKey, loadKey, loadOrCreateKey, type OrgKey, orgKeyOf } from './keys.js'
export { verifyProfileEntry } from './profile-proof.js'
export type { AttachmentRow, Change } from './state.js'
export { type PublishInput, Store, type StoreEvents } from './store.js'
