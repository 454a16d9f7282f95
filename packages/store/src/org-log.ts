/** One organisation's OrbitDB log, stored in the node's database. */
import type { DatabaseSync } from 'node:sqlite'
import { type Identity, Log, type LogEntry } from '@orbitdb/core'
import type { RecordState } from '@polder/schema'
import { accessFor, decodePayload, type Payload, type Rejection } from './access.js'
import { logIdOf, REFERENCES_COUNT } from './constants.js'
import type { LogIdentities } from './identity.js'
import { type BlockStorage, blockStorage, headsStorage, indexStorage } from './log-storage.js'

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
  readonly #access: ReturnType<typeof accessFor>
  readonly #writable: boolean

  private constructor(
    did: string,
    log: Log<Payload>,
    blocks: BlockStorage,
    access: ReturnType<typeof accessFor>,
    writable: boolean,
  ) {
    this.did = did
    this.id = log.id
    this.#log = log
    this.#blocks = blocks
    this.#access = access
    this.#writable = writable
  }

  static async open(init: OrgLogInit): Promise<OrgLog> {
    const logId = logIdOf(init.did)
    const access = accessFor(init.did, init.identities.identities, init.onReject)
    const blocks = blockStorage(init.db)
    const log = await Log<Payload>(init.identity, {
      logId,
      access,
      entryStorage: blocks,
      headsStorage: headsStorage(init.db, logId),
      indexStorage: indexStorage(init.db, logId),
    })
    return new OrgLog(init.did, log, blocks, access, init.writable)
  }

  get writable(): boolean {
    return this.#writable
  }

  /** Appends an entry carrying `payload`; the caller holds the database transaction. */
  async append(payload: Payload): Promise<PayloadEntry> {
    if (!this.#writable) throw new Error(`This node cannot write the log of ${this.did}`)
    this.#access.trust(payload)
    return this.#log.append(payload, { referencesCount: REFERENCES_COUNT })
  }

  /** Verifies and joins a peer's entry (and what it points to); false if already present. */
  joinEntry(entry: LogEntry<Payload>): Promise<boolean> {
    return this.#log.joinEntry(entry)
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
    this.#access.forgetStates()
  }

  /** The record states of a joined entry, as access control decoded and checked them. */
  statesOf(entry: PayloadEntry): RecordState[] {
    return this.#access.takeStates(entry.hash) ?? decodePayload(entry.payload, this.did)
  }

  heads(): Promise<PayloadEntry[]> {
    return this.#log.heads()
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
