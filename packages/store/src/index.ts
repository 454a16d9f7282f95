/**
 * @packageDocumentation
 *
 * Polder's store: the organisation's signed OrbitDB log (Ed25519, only its key may write),
 * materialised in SQLite so that reads never walk the log, with group-committed writes.
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
export type { Payload, Rejection } from './access.js'
export * from './attachments/index.js'
export { BlockWatch, type BlockWatchEvents } from './block-watch.js'
export { KEY_FILE, logIdOf, STATE_FILE } from './constants.js'
export type { BlockedOrganization, Directory, KnownOrganization } from './directory.js'
export {
  InvalidEntryError,
  KeyFileError,
  MissingPastError,
  OrganizationBlockedError,
  RecordExistsError,
  RecordNotFoundError,
  RecordRetractedError,
  StoreClosedError,
} from './errors.js'
export { publicKeyHexOf } from './identity.js'
export {
  decryptBackup,
  exportKey,
  importKey,
  loadKey,
  loadOrCreateKey,
  type OrgKey,
  orgKeyOf,
  saveKey,
} from './keys.js'
export type { LogDiff, Segment } from './log-sync.js'
export {
  createNetwork,
  dhtProtocol,
  type Network,
  type NetworkInit,
  type NetworkServices,
  type PolderLibp2p,
} from './network.js'
export type { OrgLog, PayloadEntry } from './org-log.js'
export type { Provenance } from './provenance.js'
export type { AttachmentRow, Change, ChangeType, ListOptions } from './state.js'
export {
  type BulkOptions,
  type PublishInput,
  Store,
  type StoreEvents,
  type StoreInit,
  type WriteOptions,
} from './store.js'
export {
  type Announcement,
  Announcer,
  decodeAnnouncement,
  encodeAnnouncement,
  latestProfile,
  orgsTopic,
} from './sync/announce.js'
export { Collective, type CollectiveInit } from './sync/collective.js'
export { collectiveKey, Discovery, logKey } from './sync/discovery.js'
export { decodeHeads, encodeHeads, headsTopic, type LogHeads, peerIdOfDid } from './sync/heads.js'
export {
  PeerMisbehavedError,
  type PullProgress,
  type PullResult,
  pullLog,
  SyncRefusedError,
  syncProtocol,
} from './sync/protocol.js'
export { RateLimit } from './sync/rate-limit.js'
export {
  type LogSyncStatus,
  type PeerOffence,
  Replicator,
  type ReplicatorEvents,
  type ReplicatorInit,
  type SyncState,
} from './sync/replicator.js'
export { type TrustMode, TrustPolicy, type TrustReason } from './sync/trust.js'
