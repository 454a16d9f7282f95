/** One organisation's OrbitDB log, stored in the node's database. */
import type { DatabaseSync } from 'node:sqlite'
import { type Identity, Log, type LogEntry, type Storage } from '@orbitdb/core'
import type { RecordState } from '@polder/schema'
import {
  accessFor,
  type CheckedElsewhere,
  type EntryToCheck,
  type Payload,
  type Rejection,
  type SignatureCheck,
} from './access.js'
import { logIdOf, REFERENCES_COUNT } from './constants.js'
import { LogNotWritableError } from './errors.js'
import type { LogIdentities } from './identity.js'
import {
  type BlockStorage,
  blockStorage,
  headsStorage,
  indexStorage,
  type LogIndexBulk,
  logIndexBulk,
} from './log-storage.js'
import { createOwnEntry } from './own-entry.js'

export interface OrgLogInit {
  readonly db: DatabaseSync
  readonly did: string
  readonly identities: LogIdentities
  /**
   * The identity OrbitDB's Log works with: the organisation's own when `writable` (this
   * node holds its key); for logs this node only replicates, any local identity: it never
   * signs there, and access refuses everything not signed by the organisation.
   */
  readonly identity: Identity
  readonly writable: boolean
  readonly onReject: (rejection: Rejection) => void
}

export type PayloadEntry = LogEntry<Payload> & { hash: string }

export class OrgLog {
  readonly did: string
  readonly id: string
  readonly #log: Log<Payload>
  readonly #blocks: BlockStorage
  readonly #bulk: LogIndexBulk
  readonly #heads: Storage<Uint8Array>
  readonly #index: Storage<boolean>
  readonly #identity: Identity
  readonly #access: ReturnType<typeof accessFor>
  readonly #writable: boolean
  /** The entry this node appended last, and its clock's time: the next append's head. */
  #tip: { readonly hash: string; readonly time: number } | undefined
  /** The hash of the identity block this log was opened with (for a replicated log, a throwaway reader's). */
  readonly identityHash: string

  private constructor(
    did: string,
    log: Log<Payload>,
    storages: {
      blocks: BlockStorage
      index: Storage<boolean>
      bulk: LogIndexBulk
      heads: Storage<Uint8Array>
    },
    access: ReturnType<typeof accessFor>,
    writable: boolean,
    identity: Identity,
  ) {
    this.did = did
    this.identityHash = identity.hash
    this.#identity = identity
    this.#index = storages.index
    this.id = log.id
    this.#log = log
    this.#blocks = storages.blocks
    this.#bulk = storages.bulk
    this.#heads = storages.heads
    this.#access = access
    this.#writable = writable
  }

  static async open(init: OrgLogInit): Promise<OrgLog> {
    const logId = logIdOf(init.did)
    const access = accessFor(init.did, init.identities.identities, init.onReject)
    const storages = {
      blocks: blockStorage(init.db),
      index: indexStorage(init.db, logId),
      bulk: logIndexBulk(init.db, logId),
      heads: headsStorage(init.db, logId),
    }
    const log = await Log<Payload>(init.identity, {
      logId,
      access,
      entryStorage: storages.blocks,
      headsStorage: storages.heads,
      indexStorage: storages.index,
    })
    return new OrgLog(init.did, log, storages, access, init.writable, init.identity)
  }

  get writable(): boolean {
    return this.#writable
  }

  /**
   * Appends an entry carrying `payload`; the caller holds the database transaction. With
   * one head or none (a log of one writer nearly always), the entry is made here, encoded
   * and hashed once, and the head is not decoded when it is the entry appended last;
   * stored as OrbitDB's oplog stores a new head (block, index, heads). Several heads go
   * through OrbitDB's own append, which orders them.
   */
  async append(payload: Payload): Promise<PayloadEntry> {
    if (!this.#writable)
      throw new LogNotWritableError(`This node cannot write the log of ${this.did}`)
    const heads = await this.#storedHeads()
    const [head] = heads
    if (heads.length > 1 || (head !== undefined && typeof head.hash !== 'string')) {
      this.#access.trust(payload)
      const entry = await this.#log.append(payload, { referencesCount: REFERENCES_COUNT })
      this.#tip = { hash: entry.hash, time: entry.clock.time }
      return entry
    }
    const time = head === undefined ? 1 : (await this.#timeOf(head.hash as string)) + 1
    const { entry, bytes } = await createOwnEntry(this.#identity, {
      logId: this.id,
      payload,
      next: head === undefined ? [] : [head.hash as string],
      time,
    })
    await this.#blocks.put(entry.hash, bytes)
    await this.#index.put(entry.hash, true)
    const stored = JSON.stringify([{ hash: entry.hash, next: entry.next }])
    await this.#heads.put('heads', new TextEncoder().encode(stored))
    this.#tip = { hash: entry.hash, time }
    return entry
  }

  /** The heads as stored (OrbitDB's form: JSON of { hash, next }). */
  async #storedHeads(): Promise<{ hash?: unknown }[]> {
    const bytes = await this.#heads.get('heads')
    return bytes === undefined ? [] : JSON.parse(new TextDecoder().decode(bytes))
  }

  /** The clock time of an entry of this log: remembered for the last appended, else read. */
  async #timeOf(hash: string): Promise<number> {
    if (this.#tip?.hash === hash) return this.#tip.time
    const entry = await this.#log.get(hash)
    if (entry === undefined) throw new Error(`the head ${hash} of ${this.did} is not stored`)
    return entry.clock.time
  }

  /**
   * Checks a peer's entry as access control does for every entry (log, key, identity,
   * signature, payload); the record states it carries, or undefined if refused.
   */
  check(entry: LogEntry<Payload>, signature?: SignatureCheck): Promise<RecordState[] | undefined> {
    return this.#access.check(entry, signature)
  }

  /** {@link check}, giving the reason (in English) of a refusal instead of undefined. */
  explain(
    entry: EntryToCheck,
    signature?: SignatureCheck | CheckedElsewhere,
  ): Promise<RecordState[] | string> {
    return this.#access.explain(entry, signature)
  }

  /** Forgets a block this node stored for a join that then failed (an identity it named). */
  async dropBlock(hash: string): Promise<void> {
    await this.#blocks.del(hash)
  }

  /** Reports an entry refused by a check made elsewhere (a signature checked on a worker). */
  refuse(entry: EntryToCheck, reason: string): void {
    this.#access.refuse(entry, reason)
  }

  /**
   * Adds checked entries whose past the log holds or that come with it: stores their
   * blocks, indexes them, and moves the heads forward. The caller holds the transaction.
   */
  async addChecked(
    entries: readonly {
      hash: string
      bytes: Uint8Array
      next: readonly string[]
      follows: readonly string[]
    }[],
  ): Promise<void> {
    // one statement for the index and no promise per entry: a bulk join adds thousands
    this.#blocks.putMany(entries)
    this.#bulk.addMany(entries.map((entry) => entry.hash))
    const followed = new Set<string>()
    for (const entry of entries) for (const hash of entry.follows) followed.add(hash)
    // heads in OrbitDB's form: JSON of { hash, next } for every entry nothing follows
    const current = await this.#heads.get('heads')
    const heads: { hash: string; next: readonly string[] }[] =
      current === undefined ? [] : JSON.parse(new TextDecoder().decode(current))
    const seen = new Set<string>()
    const next = [...heads, ...entries.map(({ hash, next }) => ({ hash, next }))].filter((head) => {
      if (followed.has(head.hash) || seen.has(head.hash)) return false
      seen.add(head.hash)
      return true
    })
    await this.#heads.put('heads', new TextEncoder().encode(JSON.stringify(next)))
  }

  /** Which of `hashes` the log holds (has verified and joined), in one look-up. */
  held(hashes: readonly string[]): Set<string> {
    return this.#bulk.held(hashes)
  }

  /** Whether the log holds (has verified and joined) this entry. */
  has(hash: string): Promise<boolean> {
    return this.#log.has(hash)
  }

  /** The stored bytes of a block (an entry or an identity), if this node has them. */
  bytes(hash: string): Promise<Uint8Array | undefined> {
    return this.#blocks.get(hash)
  }

  /** Stores a block under its hash; only joined entries become part of the log. */
  putBlock(hash: string, bytes: Uint8Array): Promise<void> {
    return this.#blocks.put(hash, bytes)
  }

  /** After a rolled-back transaction: forget cached blocks that never reached the disk. */
  forgetUncommitted(): void {
    this.#blocks.forgetCached()
  }

  heads(): Promise<PayloadEntry[]> {
    return this.#log.heads()
  }

  /**
   * The hashes of the heads, as `heads()` orders them, without reading and decoding the
   * entries when there is one head (a log of one writer nearly always has one; an entry
   * of a bulk publish is ~192 KiB to decode, and the sync status asks for every log's
   * heads at each poll).
   */
  async headHashes(): Promise<string[]> {
    const stored = await this.#storedHeads()
    const [only] = stored
    if (stored.length === 0) return []
    // one head needs no ordering (heads are written in the transaction of their blocks)
    if (stored.length === 1 && typeof only?.hash === 'string') return [only.hash]
    return (await this.#log.heads()).map((entry) => entry.hash)
  }

  /** How many entries the log holds (its index's rows: every one is behind a head). */
  entryCount(): number {
    return this.#bulk.count()
  }

  get(hash: string): Promise<PayloadEntry | undefined> {
    return this.#log.get(hash)
  }

  /** Entries from the heads back, newest first. */
  traverse(): AsyncGenerator<PayloadEntry> {
    return this.#log.traverse()
  }

  close(): Promise<void> {
    return this.#log.close()
  }
}
