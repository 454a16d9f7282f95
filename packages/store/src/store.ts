/**
 * The store: the organisation's own log and the logs it holds of others, materialised in
 * SQLite. Writes go through one writer per log with group commit; reads come from SQLite.
 */
import { join } from 'node:path'
import type { DatabaseSync } from 'node:sqlite'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { generateKeyPair } from '@libp2p/crypto/keys'
import {
  editRecord,
  formatRef,
  InvalidDidError,
  isDid,
  isTombstone,
  type LangMap,
  type NewRecord,
  type PolderRecord,
  type Problem,
  parseRef,
  type RecordChanges,
  type RecordState,
  RecordValidationError,
  retractRecord,
  type Tombstone,
  validateDraft,
  validateState,
} from '@polder/schema'
import { TypedEventEmitter } from 'main-event'
import type { Rejection } from './access.js'
import { type ArchivedLog, readArchivedLog } from './archived-log.js'
import { blockHash } from './blocks.js'
import { CheckPool } from './check-pool.js'
import { forgetCleanStop, noteCleanStop } from './clean-stop.js'
import { logIdOf, MAX_LIVE_VOUCHES, STATE_FILE } from './constants.js'
import { Directory } from './directory.js'
import type { BlockCheck } from './entry-check.js'
import {
  BlockSelfError,
  FollowSelfError,
  ForeignRecordError,
  InvalidEntryError,
  KeyInUseElsewhereError,
  LogNotHeldError,
  LogNotWritableError,
  MissingPastError,
  OrganizationBlockedError,
  RecordExistsError,
  RecordNotFoundError,
  RecordRetractedError,
  StoreClosedError,
  VouchLimitError,
} from './errors.js'
import { refuseDuplicates, refuseFixedFields, refuseNoChange } from './honest-edits.js'
import { createLogIdentities, type LogIdentities } from './identity.js'
import {
  applySegment,
  type CheckedEntry,
  checkSegment,
  POOL_MIN_ENTRIES,
  type Segment,
  worthPooling,
} from './join.js'
import { type OrgKey, orgKeyOf } from './keys.js'
import { Mutex } from './mutex.js'
import { OrgLog } from './org-log.js'
import { type BatchView, OwnContent } from './own-content.js'
import { entryBytesOf } from './profile-proof.js'
import { noteReceived, type Provenance, provenanceOf } from './provenance.js'
import { relationProblems } from './relation-rules.js'
import { asyncTransaction, openDatabase, storageError, transaction } from './sqlite.js'
import {
  type AttachmentRow,
  type ByUpdatedOptions,
  type Change,
  type ListOptions,
  RecordTable,
} from './state.js'
import { LogWriter, type Lookup, type Staged, stage } from './writer.js'

export interface StoreEvents {
  'record:added': CustomEvent<Change>
  'record:updated': CustomEvent<Change>
  'record:retracted': CustomEvent<Change>
  /** An entry was refused by access control: who sent what, and why. */
  'entry:rejected': CustomEvent<Rejection & { readonly log: string }>
  /** An organisation was blocked: its records are gone from this node. */
  'org:blocked': CustomEvent<{ readonly did: string; readonly records: number }>
  /** A log has new entries (written here or joined from a peer). */
  'log:updated': CustomEvent<{ readonly did: string }>
  /** The own key was seen in use on another machine: writes are refused from now on. */
  'key:conflict': CustomEvent<KeyConflict>
}

export interface StoreInit {
  /** Data directory; the database is `<home>/state.sqlite`. */
  readonly home: string
  /** The organisation's key. */
  readonly key: OrgKey
  /**
   * The caller checked the state file (`checkStateFile` of `@polder/store/integrity`, on
   * a worker thread while it started) and nothing wrote to it since: open skips its own
   * check. @default false
   */
  readonly stateChecked?: boolean
  /**
   * When the file last passed a full check (`StateCheck.checkedAt`), with `stateChecked`:
   * a clean stop notes it, so that the next start may skip reading an unchanged file.
   * @default now when open checks the file itself; none (the next start checks) otherwise
   */
  readonly checkedAt?: number
}

export interface WriteOptions {
  readonly signal?: AbortSignal
  /** When the version is made. @default new Date() */
  readonly now?: Date
}

export interface BulkOptions extends WriteOptions {
  /** Reports the records committed: a bulk commits in one transaction, so once, at the end. */
  readonly onProgress?: (done: number, total: number) => void
  /**
   * Refuse (DuplicateRecordError) new records of the own organisation whose content equals
   * one of its live records or an earlier one of the same publish. @default false
   */
  readonly refuseDuplicates?: boolean
}

/** A record to publish: a new record, or one with its own `id` and `created` (an import). */
export type PublishInput = NewRecord & { readonly id?: string; readonly created?: string }

/**
 * Refuses a bulk that names one id twice: the second would silently become the first's
 * next version. The problem points at the second occurrence.
 */
function refuseDuplicateIds(ids: readonly string[]): void {
  const first = new Map<string, number>()
  ids.forEach((id, index) => {
    const earlier = first.get(id)
    if (earlier === undefined) {
      first.set(id, index)
      return
    }
    throw new RecordValidationError(
      [
        {
          path: `/${index}/id`,
          code: 'duplicate-id',
          message: {
            en: `the same id as record ${earlier}: each record in one publish needs its own id`,
            nl: `dezelfde id als record ${earlier}: elk record in één publicatie heeft een eigen id nodig`,
          },
        },
      ],
      `Record ${index}: the same id as record ${earlier} (${id})`,
    )
  })
}

/** What an import of archived logs did with each log. */
export interface ImportedLog {
  readonly did: string
  /** Entries new to this node, joined. */
  readonly entries: number
  /** Record states they carried (versions and tombstones). */
  readonly states: number
  /** Whether the organisation is blocked here, so that nothing of its log was taken. */
  readonly blocked: boolean
}

/** Replicated changes announced between two turns of the event loop. */
const EVENTS_PER_TURN = 500
/** Record states of a peer's segment applied in one transaction. */
const STATES_PER_TRANSACTION = 1_000

/** Checked entries in slices of about {@link STATES_PER_TRANSACTION} states, in order. */
function slicesOf(entries: readonly CheckedEntry[]): CheckedEntry[][] {
  const slices: CheckedEntry[][] = []
  let slice: CheckedEntry[] = []
  let states = 0
  for (const entry of entries) {
    if (slice.length > 0 && states + entry.states.length > STATES_PER_TRANSACTION) {
      slices.push(slice)
      slice = []
      states = 0
    }
    slice.push(entry)
    states += entry.states.length
  }
  if (slice.length > 0) slices.push(slice)
  return slices
}

/** Evidence that the organisation's key runs on another machine too. */
export interface KeyConflict {
  /** When this node saw it (ISO 8601). */
  readonly since: string
  /** What it saw, such as "a heads message signed with this node's key that it did not send". */
  readonly evidence: string
}

export class Store extends TypedEventEmitter<StoreEvents> {
  readonly did: string
  readonly #db: DatabaseSync
  readonly #identities: LogIdentities
  readonly #records: RecordTable
  /** Organisations announced in the collective, and those blocked. */
  readonly directory: Directory
  readonly #mutex = new Mutex()
  /** Worker threads that check large segments (signatures, records); none while idle. */
  readonly #checks = new CheckPool()
  readonly #logs = new Map<string, OrgLog>()
  readonly #writers = new Map<string, LogWriter>()
  #keyConflict: KeyConflict | undefined
  readonly #ownContent: OwnContent
  #closed = false
  /** Where a clean stop notes the file's last full check (see `clean-stop.ts`). */
  #cleanStop: { readonly home: string; readonly checkedAt: number | undefined } | undefined

  private constructor(did: string, db: DatabaseSync, identities: LogIdentities) {
    super()
    this.did = did
    this.#db = db
    this.#identities = identities
    this.#records = new RecordTable(db)
    this.directory = new Directory(db)
    this.#ownContent = new OwnContent(did, () => this.#liveRecords(did))
  }

  /** Opens the store of `home` for the organisation of `key`. */
  static async open(init: StoreInit): Promise<Store> {
    const path = join(init.home, STATE_FILE)
    const checked = init.stateChecked === true
    forgetCleanStop(init.home) // the file is open from here: the note no longer holds
    const db = openDatabase(path, { checked })
    try {
      const identities = await createLogIdentities(db)
      const store = new Store(init.key.did, db, identities)
      store.#cleanStop = { home: init.home, checkedAt: checked ? init.checkedAt : Date.now() }
      await store.addWritableLog(init.key)
      for (const did of store.follows()) await store.addReadOnlyLog(did)
      return store
    } catch (err) {
      db.close()
      throw storageError(err, path)
    }
  }

  /**
   * Opens the log of an organisation whose key this node holds, for writing. The own
   * organisation's log is opened by `open`; demo nodes also write the fixture
   * organisations' logs with their public demo keys.
   */
  async addWritableLog(key: OrgKey): Promise<void> {
    this.#assertOpen()
    if (this.#writers.has(key.did)) return
    const identity = await this.#identities.identityOf(key)
    const log = await OrgLog.open({
      db: this.#db,
      did: key.did,
      identities: this.#identities,
      identity,
      writable: true,
      onReject: (rejection) => this.#rejected(key.did, rejection),
    })
    this.#logs.set(key.did, log)
    this.#writers.set(
      key.did,
      new LogWriter({
        db: this.#db,
        log,
        records: this.#records,
        mutex: this.#mutex,
        onChanges: (changes) => {
          this.#emitChanges(changes)
          this.safeDispatchEvent('log:updated', { detail: { did: key.did } })
        },
      }),
    )
  }

  /** Opens the log of another organisation, to join its entries (replication). */
  async addReadOnlyLog(did: string): Promise<OrgLog> {
    this.#assertOpen()
    if (this.directory.isBlocked(did)) throw new OrganizationBlockedError(did)
    const existing = this.#logs.get(did)
    if (existing) return existing
    const reader = await this.#identities.identityOf(orgKeyOf(await generateKeyPair('Ed25519')))
    const log = await OrgLog.open({
      db: this.#db,
      did,
      identities: this.#identities,
      identity: reader,
      writable: false,
      onReject: (rejection) => this.#rejected(did, rejection),
    })
    this.#logs.set(did, log)
    return log
  }

  /** The log of an organisation, if this node holds it. */
  log(did: string): OrgLog | undefined {
    return this.#logs.get(did)
  }

  /** DIDs of every log this node holds: its own, followed ones, demo ones. */
  logs(): string[] {
    return [...this.#logs.keys()]
  }

  /**
   * The signed log entry that carries the current version of a record (its provenance),
   * as bytes; undefined when this node does not hold it.
   */
  entryOf(author: string, id: string): Uint8Array | undefined {
    this.#assertOpen()
    return entryBytesOf(this.#db, author, id)
  }

  /** DIDs of the logs this node writes: its own, and the demo organisations'. */
  writableLogs(): string[] {
    return [...this.#writers.keys()]
  }

  /** DIDs of the logs this node replicates from others (those it cannot write). */
  replicatedLogs(): string[] {
    return [...this.#logs.values()].filter((log) => !log.writable).map((log) => log.did)
  }

  /** Replicates an organisation's log from now on (kept across restarts). */
  async follow(did: string): Promise<void> {
    this.#assertOpen()
    if (!isDid(did)) throw new InvalidDidError(`Not an Ed25519 did:key: ${did}`)
    if (did === this.did) throw new FollowSelfError()
    if (this.directory.isBlocked(did)) throw new OrganizationBlockedError(did)
    this.#db
      .prepare('INSERT OR IGNORE INTO follows (did, since) VALUES (?, ?)')
      .run(did, new Date().toISOString())
    await this.addReadOnlyLog(did)
  }

  /**
   * Blocks an organisation: unfollows it, drops its log and every record of it from this
   * node, and never replicates it again (until unblocked). Returns the records dropped.
   */
  async block(did: string, reason = ''): Promise<number> {
    this.#assertOpen()
    if (!isDid(did)) throw new InvalidDidError(`Not an Ed25519 did:key: ${did}`)
    if (did === this.did || this.#writers.has(did)) throw new BlockSelfError()
    const log = this.#logs.get(did)
    this.#logs.delete(did)
    const records = await this.#mutex.run(async () => {
      await log?.close()
      return transaction(this.#db, () => {
        this.directory.block(did, reason)
        this.#db.prepare('DELETE FROM follows WHERE did = ?').run(did)
        const logId = logIdOf(did)
        this.#db
          .prepare('DELETE FROM blocks WHERE hash IN (SELECT hash FROM log_index WHERE log = ?)')
          .run(logId)
        this.#db.prepare('DELETE FROM log_index WHERE log = ?').run(logId)
        this.#db.prepare('DELETE FROM log_heads WHERE log = ?').run(logId)
        return this.#records.dropAuthor(did)
      })
    })
    log?.forgetUncommitted()
    this.safeDispatchEvent('org:blocked', { detail: { did, records } })
    return records
  }

  /** Lifts a block; the organisation replicates again once followed or trusted. */
  unblock(did: string): boolean {
    this.#assertOpen()
    return this.directory.unblock(did)
  }

  /** Stops replicating an organisation; what was replicated stays until it is blocked. */
  unfollow(did: string): void {
    this.#assertOpen()
    this.#db.prepare('DELETE FROM follows WHERE did = ?').run(did)
  }

  /** Organisations this node follows. */
  follows(): string[] {
    this.#assertOpen()
    return (
      this.#db.prepare('SELECT did FROM follows ORDER BY since').all() as { did: string }[]
    ).map((row) => row.did)
  }

  /**
   * Live vouches by followed organisations, each voucher's newest `perVoucher` only: for
   * each subject, who vouches. One indexed query, however many vouches there are.
   */
  vouchesOfFollowed(perVoucher: number): Map<string, string[]> {
    this.#assertOpen()
    const rows = this.#db
      .prepare(
        `SELECT author, subject FROM (
           SELECT r.author AS author, json_extract(r.json, '$.subject') AS subject,
             ROW_NUMBER() OVER (PARTITION BY r.author ORDER BY r.updated DESC, r.id DESC) AS n
           FROM records r JOIN follows f ON f.did = r.author
           WHERE r.kind = 'vouch' AND r.retracted = 0)
         WHERE n <= ? AND subject IS NOT NULL`,
      )
      .all(perVoucher) as { author: string; subject: string }[]
    const vouchers = new Map<string, string[]>()
    for (const { author, subject } of rows) {
      const list = vouchers.get(subject) ?? []
      if (!list.includes(author)) list.push(author)
      vouchers.set(subject, list)
    }
    return vouchers
  }

  /** Hashes of a log's heads (empty when the log is unknown or empty). */
  async heads(did: string): Promise<string[]> {
    const log = this.#logs.get(did)
    return log === undefined ? [] : log.headHashes()
  }

  /**
   * Reads a held log under the writer's lock, so that its heads and their past are
   * committed (the sync protocol's diff). Undefined when this node does not hold the log.
   */
  async readLog<T>(did: string, read: (log: OrgLog) => Promise<T>): Promise<T | undefined> {
    this.#assertOpen()
    const log = this.#logs.get(did)
    if (log === undefined) return undefined
    return this.#mutex.run(() => read(log))
  }

  /**
   * Which of `hashes` this node's copy of a log holds, in one statement (empty when the log
   * is not held): a follower compares every holder's claimed heads after each live update.
   */
  heldEntries(did: string, hashes: readonly string[]): Set<string> {
    return this.#logs.get(did)?.held(hashes) ?? new Set()
  }

  /** Whether this node holds a log and that log holds every one of `hashes`. */
  async hasEntries(did: string, hashes: readonly string[]): Promise<boolean> {
    const log = this.#logs.get(did)
    if (log === undefined) return false
    for (const hash of hashes) if (!(await log.has(hash))) return false
    return true
  }

  /**
   * Checks a large segment's entry blocks of `did`'s log on the worker threads (decoding,
   * signatures, records; the rest is checked by the join); pass the result with the
   * segment to {@link joinSegment}. Undefined for a small segment, checked by the join.
   */
  precheck(did: string, entries: readonly Uint8Array[]): Promise<BlockCheck[]> | undefined {
    if (!worthPooling(entries)) return undefined
    const checks = this.#checks.check(did, entries)
    // a segment refused before its checks are awaited must not leave them unheard
    checks.catch(() => undefined)
    return checks
  }

  /** Starts the check workers ahead of a bulk join of about `entries` entries. */
  prepareBulkJoin(entries: number): void {
    if (entries >= POOL_MIN_ENTRIES) this.#checks.warm()
  }

  /**
   * Joins a segment a peer sent: every new entry is verified before anything of it is
   * stored, in one transaction. Throws (and keeps nothing) if any entry is refused.
   * Returns how many entries were joined.
   */
  async joinSegment(
    did: string,
    segment: Segment,
    options: { from?: string } = {},
  ): Promise<number> {
    this.#assertOpen()
    const log = this.#logs.get(did)
    if (log === undefined) throw new LogNotHeldError(did)
    const entries = await this.#mutex.run(async () => {
      const checked = await checkSegment(log, segment, this.#checks)
      // who sent the entries is noted in the transactions that apply them (10,000 commits of
      // one note each took a third of a second; one more commit per segment is not needed)
      const changes = await this.#applyChecked(log, checked, options.from)
      // still under the mutex, so the next segment's events come after these
      await this.#emitChangesYielding(changes)
      return checked.length
    })
    if (entries > 0) this.safeDispatchEvent('log:updated', { detail: { did } })
    return entries
  }

  /**
   * Every log this node holds (its own, followed ones, and any kept after an unfollow), one
   * at a time, each read under the writer's lock so that it is a committed whole: what a
   * whole-node archive holds.
   */
  async *archivedLogs(): AsyncGenerator<ArchivedLog> {
    this.#assertOpen()
    const prefix = logIdOf('')
    const ids = this.#db.prepare('SELECT DISTINCT log FROM log_index ORDER BY log').all() as {
      log: string
    }[]
    for (const { log } of ids) {
      if (!log.startsWith(prefix)) continue
      yield await this.#mutex.run(() => readArchivedLog(this.#db, log, log.slice(prefix.length)))
    }
  }

  /**
   * Imports archived logs through the same verified join as replication: every entry of
   * every log is checked (log, key, identity, signature, each record) before anything is
   * applied, so one refused entry refuses the whole import and nothing of it is kept (the
   * error's `failure` names the log, the entry and its position). Logs of blocked
   * organisations are passed over. Imported logs are held from now on; following them (to
   * keep them replicating after a restart) is the caller's choice.
   */
  async importLogs(logs: readonly ArchivedLog[]): Promise<ImportedLog[]> {
    this.#assertOpen()
    const result = await this.#mutex.run(async () => {
      const opened: string[] = []
      // identity blocks this node did not have: the check stores them, a refusal drops them
      const stored: { log: OrgLog; hash: string }[] = []
      const plans: { did: string; log: OrgLog; checked: CheckedEntry[] }[] = []
      const blocked = new Set<string>()
      try {
        for (const archived of logs) {
          if (this.directory.isBlocked(archived.did)) {
            blocked.add(archived.did)
            continue
          }
          let log = this.#logs.get(archived.did)
          if (log === undefined) {
            log = await this.addReadOnlyLog(archived.did)
            opened.push(archived.did)
          }
          for (const { bytes } of archived.identities) {
            const hash = await blockHash(bytes)
            if ((await log.bytes(hash)) === undefined) stored.push({ log, hash })
          }
          const segment = {
            entries: archived.entries.map((entry) => entry.bytes),
            identities: archived.identities.map((identity) => identity.bytes),
          }
          let checked: CheckedEntry[]
          try {
            checked = await checkSegment(log, segment, this.#checks)
          } catch (err) {
            if (err instanceof InvalidEntryError || err instanceof MissingPastError) {
              const failure = (await this.#forgedIn(archived.did, segment.entries)) ?? err.failure
              throw new InvalidEntryError(`log of ${archived.did}: ${err.message}`, {
                ...failure,
                log: archived.did,
              })
            }
            throw err
          }
          plans.push({ did: archived.did, log, checked })
        }
      } catch (err) {
        await this.#undoImportChecks(stored, opened)
        throw err
      }
      const imported: ImportedLog[] = []
      for (const { did, log, checked } of plans) {
        const changes = await this.#applyChecked(log, checked)
        await this.#emitChangesYielding(changes)
        const states = checked.reduce((sum, entry) => sum + entry.states.length, 0)
        imported.push({ did, entries: checked.length, states, blocked: false })
      }
      for (const did of blocked) imported.push({ did, entries: 0, states: 0, blocked: true })
      return imported
    })
    for (const { did, entries } of result) {
      if (entries > 0) this.safeDispatchEvent('log:updated', { detail: { did } })
    }
    return result
  }

  /**
   * The first entry whose signature fails, if any: named rather than what follows from it
   * (a changed entry has a new hash, so the next one seems to lack its past).
   */
  async #forgedIn(logDid: string, entries: readonly Uint8Array[]) {
    const checks = await this.#checks.check(logDid, entries)
    const index = checks.findIndex((check) => 'signature' in check && !check.signature)
    if (index === -1) return undefined
    const entry = await blockHash(entries[index] as Uint8Array)
    return { entry, index, reason: 'the signature does not verify' }
  }

  /** After a refused import: forgets the identity blocks and the logs its checks added. */
  async #undoImportChecks(
    stored: readonly { log: OrgLog; hash: string }[],
    opened: readonly string[],
  ): Promise<void> {
    for (const { log, hash } of stored) {
      await log.dropBlock(hash)
      log.forgetUncommitted()
    }
    for (const did of opened) {
      const log = this.#logs.get(did)
      this.#logs.delete(did)
      if (log === undefined) continue
      await log.close()
      // the throwaway reader identity opening it stored: the log was never held
      await log.dropBlock(log.identityHash)
      log.forgetUncommitted()
    }
  }

  /** Publishes a new record of the own organisation. */
  async publish(input: PublishInput, options: WriteOptions = {}): Promise<PolderRecord> {
    const [record] = await this.publishMany([input], options)
    return record as PolderRecord
  }

  /**
   * Publishes many records: a few log entries instead of one per record. Each record is
   * validated first; if any is invalid, nothing is written and the error names it.
   */
  async publishMany(
    inputs: readonly PublishInput[],
    options: BulkOptions = {},
  ): Promise<PolderRecord[]> {
    return this.publishManyAs(this.did, inputs, options)
  }

  /** {@link publishMany} into the log of another organisation whose key this node holds. */
  async publishManyAs(
    did: string,
    inputs: readonly PublishInput[],
    options: BulkOptions = {},
  ): Promise<PolderRecord[]> {
    const writer = this.#writer(did)
    options.signal?.throwIfAborted()
    // validate everything before writing anything: a bad record loses nothing else, and
    // every problem of every record is named, each pointing at its record: /2/title
    const problems: Problem[] = []
    const invalid: number[] = []
    const staged = inputs.flatMap((input, index) => {
      try {
        return [this.#newRecord(did, input, options.now)]
      } catch (err) {
        if (!(err instanceof RecordValidationError) || inputs.length === 1) throw err
        invalid.push(index)
        problems.push(...err.problems.map((p) => ({ ...p, path: `/${index}${p.path}` })))
        return []
      }
    })
    if (invalid.length > 0) {
      const [first] = problems
      throw new RecordValidationError(
        problems,
        `${invalid.length} of ${inputs.length} records are invalid (${invalid
          .slice(0, 10)
          .join(
            ', ',
          )}${invalid.length > 10 ? ', …' : ''}); first: ${first?.path}: ${first?.message.en}`,
      )
    }
    refuseDuplicateIds(staged.map(({ state }) => state.id))
    this.#checkRelations(
      staged.map(({ state }) => state as PolderRecord),
      inputs.length > 1,
    )
    // one operation of the writer: one transaction, so the whole bulk lands or none of it
    // (a kill -9 mid-bulk leaves nothing of it; a clash with a stored id refuses all).
    // What depends on other writes is checked there, seeing the batch's earlier operations.
    const states = await writer.write((lookup, earlier) => {
      for (const { state } of staged) {
        if (lookup(state.id) !== undefined) {
          throw new RecordExistsError(
            `A record with id ${state.id} exists already; update it instead`,
          )
        }
      }
      if (options.refuseDuplicates === true && did === this.did)
        refuseDuplicates(staged, this.#ownContent, { lookup, earlier })
      this.#refuseVouchesPastLimit(did, staged, inputs.length > 1, { lookup, earlier })
      return staged
    })
    options.onProgress?.(states.length, staged.length)
    return states as PolderRecord[]
  }

  /** Refuses new vouches that would take `did` past {@link MAX_LIVE_VOUCHES} live ones. */
  #refuseVouchesPastLimit(
    did: string,
    staged: readonly { state: RecordState }[],
    bulk: boolean,
    batch: BatchView,
  ): void {
    const vouches = staged.flatMap(({ state }, index) => (state.kind === 'vouch' ? [index] : []))
    if (vouches.length === 0) return
    const { live } = this.#db
      .prepare(
        "SELECT count(*) AS live FROM records WHERE kind = 'vouch' AND author = ? AND retracted = 0",
      )
      .get(did) as { live: number }
    const room =
      MAX_LIVE_VOUCHES - live - liveVouchesAdded(batch, (id) => this.#records.get(did, id))
    if (vouches.length <= room) return
    const first = vouches[Math.max(room, 0)] ?? 0
    throw new VouchLimitError(MAX_LIVE_VOUCHES, bulk ? `/${first}/kind` : '/kind')
  }

  /**
   * Writes complete record states (any version, or tombstones) into the log of `did`,
   * as they are: for imports and for demo data. Every state is validated first and must
   * be by `did`; if any is not, nothing is written.
   */
  async importStates(
    did: string,
    states: readonly unknown[],
    options: BulkOptions = {},
  ): Promise<void> {
    const writer = this.#writer(did)
    const staged = states.map((input, index) => {
      const result = validateState(input)
      if (!result.ok) {
        const err = new RecordValidationError(result.problems)
        err.message = `Record ${index}: ${err.message}`
        throw err
      }
      if (result.value.author !== did) {
        throw new ForeignRecordError(`Record ${index} is by ${result.value.author}, not ${did}`)
      }
      return { state: result.value, bytes: result.bytes }
    })
    options.signal?.throwIfAborted()
    await writer.write(() => staged)
    options.onProgress?.(staged.length, staged.length)
  }

  /** A new version of an own record with `changes` applied. */
  async update(
    id: string,
    changes: RecordChanges,
    options: WriteOptions = {},
  ): Promise<PolderRecord> {
    const writer = this.#writer(this.did)
    const [state] = await writer.write((lookup) => {
      const previous = current(lookup, id)
      refuseFixedFields(previous, changes)
      const next = editRecord(previous, changes, { now: options.now })
      refuseNoChange(previous, next)
      this.#checkRelations([next as PolderRecord], false)
      return [stage(next)]
    })
    return state as PolderRecord
  }

  /** Retracts an own record: a tombstone with the reason replaces it. */
  async retract(id: string, reason: LangMap, options: WriteOptions = {}): Promise<Tombstone> {
    const writer = this.#writer(this.did)
    const [state] = await writer.write((lookup) => [
      stage(retractRecord(current(lookup, id), reason, { now: options.now })),
    ])
    return state as Tombstone
  }

  /** A record by id (own organisation) or by global reference; tombstones included. */
  get(idOrRef: string): RecordState | undefined {
    this.#assertOpen()
    const { author, id } = this.#locate(idOrRef)
    return this.#records.get(author, id)
  }

  /** Every version of a record, oldest first. */
  history(idOrRef: string): RecordState[] {
    this.#assertOpen()
    const { author, id } = this.#locate(idOrRef)
    return this.#records.history(author, id)
  }

  /**
   * Where the current version of a record came from, its entry's signature checked again;
   * undefined when this node does not hold the record.
   */
  provenance(idOrRef: string): Promise<Provenance | undefined> {
    this.#assertOpen()
    const { author, id } = this.#locate(idOrRef)
    return provenanceOf(this.#db, author, id, this.#writers.has(author))
  }

  /** Records whose current version relates to a record, with the relation's type. */
  relatedTo(idOrRef: string): { author: string; id: string; type: string }[] {
    this.#assertOpen()
    return this.#records.relatedTo(formatRef(this.#locate(idOrRef)))
  }

  /** One version of a record by author, id and version; tombstones included. */
  version(author: string, id: string, version: number): RecordState | undefined {
    this.#assertOpen()
    return this.#records.version(author, id, version)
  }

  /** Every state this node holds, current and earlier versions: what an index is built from. */
  states(): Generator<RecordState> {
    this.#assertOpen()
    return this.#records.states()
  }

  /**
   * Current states, tombstones included, in the order of their last change (then author
   * and id), from an index: what harvesters page through (OAI-PMH).
   */
  byUpdated(options: ByUpdatedOptions = {}): Generator<RecordState> {
    this.#assertOpen()
    return this.#records.byUpdated(options)
  }

  /** The oldest last change of any current record (ms since the epoch), if there is one. */
  earliestUpdate(): number | undefined {
    this.#assertOpen()
    return this.#records.earliestUpdate()
  }

  /** Attachments of current records with one of these CIDs (CIDv1 strings), or all. */
  attachments(cids?: readonly string[]): AttachmentRow[] {
    this.#assertOpen()
    return this.#records.attachments(cids)
  }

  /** How many states `states()` yields: current records and earlier versions. */
  stateCount(): number {
    this.#assertOpen()
    return this.#records.stateCount()
  }

  list(options: ListOptions = {}): RecordState[] {
    this.#assertOpen()
    return this.#records.list(options)
  }

  /** Live records of an organisation (the own one by default). */
  count(did: string = this.did): number {
    return this.#records.count(did)
  }

  /**
   * What an organisation's records take here: live records, stored states (every version
   * and tombstone) and their bytes as JSON (0 with `bytes: false`). For quotas on what
   * followers keep of others.
   */
  usage(
    did: string,
    options: { bytes?: boolean } = {},
  ): { records: number; states: number; bytes: number } {
    this.#assertOpen()
    const records = this.#records.count(did)
    // counts kept until the organisation's records change: a pull asks before every batch,
    // and the sync status for every log at each request
    if (options.bytes === false) return { records, states: this.#records.versions(did), bytes: 0 }
    // the byte sum reads every stored state
    const row = this.#db
      .prepare(
        'SELECT count(*) AS states, coalesce(sum(length(json)), 0) AS bytes FROM versions WHERE author = ?',
      )
      .get(did) as { states: number; bytes: number }
    return { records, states: row.states, bytes: row.bytes }
  }

  /** Waits for queued writes, then closes the logs and the database. */
  async stop(): Promise<void> {
    if (this.#closed) return
    for (const writer of this.#writers.values()) await writer.flush()
    await this.#mutex.idle()
    this.#closed = true
    for (const log of this.#logs.values()) await log.close()
    await this.#identities.close()
    await this.#checks.close()
    this.#db.close()
    const clean = this.#cleanStop
    if (clean?.checkedAt !== undefined) await noteCleanStop(clean.home, clean.checkedAt)
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }

  /** Validates a new record of `did`, keeping its id and creation time if it has them. */
  #newRecord(did: string, input: PublishInput, now: Date | undefined): Staged {
    const result = validateDraft(input, { author: did, now })
    if (!result.ok) throw new RecordValidationError(result.problems)
    return { state: result.value, bytes: result.bytes }
  }

  /**
   * Refuses every further write to the own log: the organisation's key is in use on
   * another machine. Kept until the node stops; the first evidence is kept.
   */
  refuseWrites(evidence: string): void {
    if (this.#keyConflict !== undefined) return
    this.#keyConflict = { since: new Date().toISOString(), evidence }
    this.safeDispatchEvent('key:conflict', { detail: this.#keyConflict })
  }

  /** Why this node writes no more, if it saw its key in use elsewhere. */
  get keyConflict(): KeyConflict | undefined {
    return this.#keyConflict
  }

  /** Refuses relations whose targets break the rules of relation-rules.ts, naming each field. */
  #checkRelations(records: readonly PolderRecord[], bulk: boolean): void {
    const lookup = {
      get: (ref: string) => this.get(ref),
      relatedTo: (ref: string) => this.relatedTo(ref),
    }
    records.forEach((record, index) => {
      const problems = relationProblems(record, lookup, records)
      if (problems.length === 0) return
      throw new RecordValidationError(
        bulk ? problems.map((p) => ({ ...p, path: `/${index}${p.path}` })) : problems,
      )
    })
  }

  #writer(did: string): LogWriter {
    this.#assertOpen()
    if (did === this.did && this.#keyConflict !== undefined)
      throw new KeyInUseElsewhereError(this.#keyConflict.evidence)
    const writer = this.#writers.get(did)
    if (!writer) throw new LogNotWritableError(`This node holds no key to write the log of ${did}`)
    return writer
  }

  #locate(idOrRef: string): { author: string; id: string } {
    return idOrRef.startsWith('polder://') ? parseRef(idOrRef) : { author: this.did, id: idOrRef }
  }

  #emitChanges(changes: Change[]): void {
    for (const change of changes) {
      this.#ownContent.apply(change)
      this.safeDispatchEvent(change.type, { detail: change })
    }
  }

  /** Live records of an organisation, a page at a time. */
  *#liveRecords(author: string): Generator<RecordState> {
    let after: string | undefined
    for (;;) {
      const page = this.#records.list({ author, limit: 1000, ...(after ? { after } : {}) })
      yield* page
      if (page.length < 1000) return
      after = page[page.length - 1]?.id
    }
  }

  /**
   * Emits a peer's changes a slice at a time: each listener's work (search, trust, live
   * events) for 10,000 replicated records must not hold up the API in one go.
   */
  /**
   * Applies verified entries a slice per transaction, the API answering in between: a
   * crash keeps a prefix, which is closed under its past.
   */
  async #applyChecked(
    log: OrgLog,
    checked: readonly CheckedEntry[],
    from?: string,
  ): Promise<Change[]> {
    const changes: Change[] = []
    for (const [index, slice] of slicesOf(checked).entries()) {
      if (index > 0) await nextTurn()
      try {
        const applied = await asyncTransaction(this.#db, async () => {
          const sliceChanges = await applySegment(log, this.#records, slice)
          if (from !== undefined)
            noteReceived(this.#db, new Set(sliceChanges.map((change) => change.entry)), from)
          return sliceChanges
        })
        changes.push(...applied)
      } catch (err) {
        log.forgetUncommitted()
        throw err
      }
    }
    return changes
  }

  async #emitChangesYielding(changes: Change[]): Promise<void> {
    for (let start = 0; start < changes.length; start += EVENTS_PER_TURN) {
      if (start > 0) await nextTurn()
      this.#emitChanges(changes.slice(start, start + EVENTS_PER_TURN))
    }
  }

  #rejected(log: string, rejection: Rejection): void {
    this.safeDispatchEvent('entry:rejected', { detail: { ...rejection, log } })
  }

  #assertOpen(): void {
    if (this.#closed) throw new StoreClosedError()
  }
}

/** Live vouches the batch's earlier operations add (or, retracting, take away). */
function liveVouchesAdded(
  { lookup, earlier }: BatchView,
  committed: (id: string) => RecordState | undefined,
): number {
  const live = (state: RecordState | undefined) =>
    state !== undefined && !isTombstone(state) ? 1 : 0
  let added = 0
  const ids = new Set(earlier.flatMap((state) => (state.kind === 'vouch' ? [state.id] : [])))
  for (const id of ids) added += live(lookup(id)) - live(committed(id))
  return added
}

function current(lookup: Lookup, id: string): PolderRecord {
  const state = lookup(id)
  if (state === undefined) throw new RecordNotFoundError(`No record ${id} in this organisation`)
  if (isTombstone(state)) throw new RecordRetractedError(`Record ${id} was retracted`)
  return state
}
