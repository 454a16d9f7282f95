/**
 * The materialised state in SQLite: `records` holds the current version of every record,
 * `versions` every earlier one (and states that could not follow the current one).
 * Reads never walk the log.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import {
  cidKey,
  isTombstone,
  type RecordKind,
  type RecordState,
  successionProblems,
} from '@polder/schema'

export type ChangeType = 'record:added' | 'record:updated' | 'record:retracted'

export interface Change {
  readonly type: ChangeType
  readonly state: RecordState
  /** Hash of the log entry that carried it. */
  readonly entry: string
}

export interface ListOptions {
  readonly author?: string
  readonly kind?: RecordKind
  /** Include tombstones. @default false */
  readonly retracted?: boolean
  /** @default 100 */
  readonly limit?: number
  /** Records with an id after this one (ids sort by creation time). */
  readonly after?: string
}

/** A place in the order of last change: after this record (`updated` in ms). */
export interface UpdatedPosition {
  readonly updated: number
  readonly author: string
  readonly id: string
}

export interface ByUpdatedOptions {
  /** Only records last changed at or after this time (ms since the epoch). */
  readonly from?: number
  /** Only records last changed at or before this time (ms since the epoch). */
  readonly until?: number
  /** Only records after this place in the order. */
  readonly after?: UpdatedPosition
  readonly kind?: RecordKind
  readonly author?: string
  /**
   * Rows read at a time. A caller that wants n records asks for n: every row of a page is
   * read and its JSON copied out of SQLite, taken or not. @default 200
   */
  readonly pageSize?: number
}

/** One attachment of a current record. */
export interface AttachmentRow {
  readonly cid: string
  readonly author: string
  readonly id: string
  readonly name: string
  readonly mediaType: string
  readonly size: number
  readonly updated: string
}

interface Row {
  json: string
  entry: string
}

/**
 * The SQL of one page of {@link RecordTable.byUpdated}: narrowed by kind or organisation,
 * it is served in order by records_by_kind_updated or records_by_author_updated.
 */
export function byUpdatedPage(
  options: Pick<ByUpdatedOptions, 'kind' | 'author'>,
  pageSize: number,
): string {
  const filters = [
    ...(options.kind === undefined ? [] : ['kind = :kind']),
    ...(options.author === undefined ? [] : ['author = :author']),
  ]
  return `SELECT json, updated_ms AS updated, author, id FROM records
     WHERE (updated_ms, author, id) > (:updated, :after_author, :after_id)
       AND updated_ms >= :from AND updated_ms <= :until
       ${filters.map((filter) => `AND ${filter}`).join(' ')}
     ORDER BY updated_ms, author, id LIMIT ${pageSize}`
}

/**
 * An organisation's live records, as kept in `live_counts` (schema 10): {@link RecordTable}
 * adds what each write gains or loses in the write's transaction, so a count is one lookup
 * (counting the rows cost a restart's first `/v1/status` 25-80 ms at 100,000 records).
 */
export const LIVE_COUNT = 'SELECT live FROM live_counts WHERE author = ?'
const ADD_LIVE = `INSERT INTO live_counts (author, live) VALUES (?1, ?2)
  ON CONFLICT (author) DO UPDATE SET live = live + ?2`

export interface ApplyOptions {
  /**
   * Whether the caller read this record's row a moment ago in the same transaction's
   * preparation, found none, and nothing wrote it since (the writer's check that a new
   * record's id is free): its row is then not read again. Consumed: true once at most.
   */
  readonly knownNew?: (state: RecordState) => boolean
}

export class RecordTable {
  readonly #db: DatabaseSync
  readonly #current: StatementSync
  readonly #upsert: StatementSync
  readonly #addVersion: StatementSync
  readonly #byUpdatedStatements = new Map<string, StatementSync>()
  readonly #history: StatementSync
  readonly #count: StatementSync
  readonly #addLive: StatementSync
  readonly #version: StatementSync
  readonly #dropRelations: StatementSync
  readonly #addRelation: StatementSync
  readonly #dropAttachments: StatementSync
  readonly #addAttachment: StatementSync
  /**
   * Earlier versions by author as last counted: a follower's quota asks before every batch
   * (each count reads the author's versions), and only this table's writes change one,
   * which forget it.
   */
  readonly #versionCounts = new Map<string, number>()
  readonly #versionCount: StatementSync

  constructor(db: DatabaseSync) {
    this.#db = db
    this.#current = db.prepare('SELECT json, entry FROM records WHERE author = ? AND id = ?')
    this.#upsert = db.prepare(
      `INSERT INTO records (author, id, kind, version, created, updated, retracted, json, entry)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (author, id) DO UPDATE SET version = excluded.version, updated = excluded.updated,
         retracted = excluded.retracted, json = excluded.json, entry = excluded.entry`,
    )
    this.#addVersion = db.prepare(
      'INSERT OR IGNORE INTO versions (author, id, version, json, entry) VALUES (?, ?, ?, ?, ?)',
    )
    this.#history = db.prepare(
      `SELECT json, version FROM versions WHERE author = ?1 AND id = ?2
       UNION ALL SELECT json, version FROM records WHERE author = ?1 AND id = ?2
       ORDER BY version`,
    )
    this.#count = db.prepare(LIVE_COUNT)
    this.#addLive = db.prepare(ADD_LIVE)
    this.#versionCount = db.prepare('SELECT count(*) AS n FROM versions WHERE author = ?')
    this.#dropRelations = db.prepare(
      'DELETE FROM relations WHERE source_author = ? AND source_id = ?',
    )
    this.#addRelation = db.prepare(
      'INSERT OR IGNORE INTO relations (source_author, source_id, type, target) VALUES (?, ?, ?, ?)',
    )
    this.#dropAttachments = db.prepare('DELETE FROM attachments WHERE author = ? AND id = ?')
    this.#addAttachment = db.prepare(
      `INSERT OR IGNORE INTO attachments (cid, author, id, name, media_type, size, updated)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    this.#version = db.prepare(
      `SELECT json FROM records WHERE author = ?1 AND id = ?2 AND version = ?3
       UNION ALL SELECT json FROM versions WHERE author = ?1 AND id = ?2 AND version = ?3
       LIMIT 1`,
    )
  }

  /** The current state of a record, or undefined. */
  get(author: string, id: string): RecordState | undefined {
    const row = this.#current.get(author, id) as Row | undefined
    return row === undefined ? undefined : (JSON.parse(row.json) as RecordState)
  }

  /** One version of a record (the current one or an earlier one), or undefined. */
  version(author: string, id: string, version: number): RecordState | undefined {
    const row = this.#version.get(author, id, version) as { json: string } | undefined
    return row === undefined ? undefined : (JSON.parse(row.json) as RecordState)
  }

  /**
   * Every state held, current and earlier versions, tombstones included: what a search
   * index is rebuilt from. Read in pages by rowid, so no statement stays open while the
   * caller yields and writes go on.
   */
  *states(pageSize = 1_000): Generator<RecordState> {
    for (const table of ['records', 'versions']) {
      const page = this.#db.prepare(
        `SELECT rowid, json FROM ${table} WHERE rowid > ? ORDER BY rowid LIMIT ${pageSize}`,
      )
      let after = 0
      for (;;) {
        const rows = page.all(after) as { rowid: number; json: string }[]
        for (const row of rows) yield JSON.parse(row.json) as RecordState
        const last = rows.at(-1)
        if (last === undefined || rows.length < pageSize) break
        after = last.rowid
      }
    }
  }

  /**
   * Current states, tombstones included, in the order of their last change (`updated`,
   * then author and id), read in pages along the `records_by_updated` index: a harvester's
   * page costs its own rows, however many records there are. No statement stays open
   * between pages, so the caller may stop at any time.
   */
  *byUpdated(options: ByUpdatedOptions = {}): Generator<RecordState> {
    const pageSize = Math.max(1, Math.floor(options.pageSize ?? 200))
    const page = this.#byUpdatedStatement(options, pageSize)
    let position = options.after ?? { updated: Number.MIN_SAFE_INTEGER, author: '', id: '' }
    for (;;) {
      const rows = page.all({
        updated: position.updated,
        after_author: position.author,
        after_id: position.id,
        from: options.from ?? Number.MIN_SAFE_INTEGER,
        until: options.until ?? Number.MAX_SAFE_INTEGER,
        ...(options.kind === undefined ? {} : { kind: options.kind }),
        ...(options.author === undefined ? {} : { author: options.author }),
      }) as unknown as (UpdatedPosition & { json: string })[]
      for (const row of rows) yield JSON.parse(row.json) as RecordState
      const last = rows.at(-1)
      if (last === undefined || rows.length < pageSize) return
      position = { updated: last.updated, author: last.author, id: last.id }
    }
  }

  /** Prepared once for each narrowing and page size: a harvester asks the same every page. */
  #byUpdatedStatement(options: ByUpdatedOptions, pageSize: number): StatementSync {
    const sql = byUpdatedPage(options, pageSize)
    let statement = this.#byUpdatedStatements.get(sql)
    if (statement === undefined) {
      // a few narrowings and sizes in practice; bounded all the same
      if (this.#byUpdatedStatements.size >= 32) this.#byUpdatedStatements.clear()
      statement = this.#db.prepare(sql)
      this.#byUpdatedStatements.set(sql, statement)
    }
    return statement
  }

  /** When the record changed longest ago last changed (ms), or undefined when there is none. */
  earliestUpdate(): number | undefined {
    const row = this.#db.prepare('SELECT min(updated_ms) AS earliest FROM records').get() as {
      earliest: number | null
    }
    return row.earliest ?? undefined
  }

  /** Records whose current version relates to `target` (a global reference). */
  relatedTo(target: string): { author: string; id: string; type: string }[] {
    return this.#db
      .prepare(
        'SELECT source_author AS author, source_id AS id, type FROM relations WHERE target = ? ORDER BY source_author, source_id',
      )
      .all(target) as { author: string; id: string; type: string }[]
  }

  /**
   * The relations index follows the current version; a tombstone relates to nothing.
   * `replaced`: the record had a current version, whose relations go first (a new record
   * has none: relations are written only here, and dropped with the author's records).
   */
  #setRelations(state: RecordState, replaced: boolean): void {
    if (replaced) this.#dropRelations.run(state.author, state.id)
    if (isTombstone(state) || !('relations' in state)) return
    for (const relation of state.relations) {
      this.#addRelation.run(state.author, state.id, relation.type, relation.target)
    }
  }

  /**
   * The attachments index follows the current version; CIDs kept as CIDv1 strings.
   * `replaced` as for {@link #setRelations}.
   */
  #setAttachments(state: RecordState, replaced: boolean): void {
    if (replaced) this.#dropAttachments.run(state.author, state.id)
    if (isTombstone(state) || !('attachments' in state)) return
    for (const a of state.attachments) {
      const cid = cidKey(a.cid) ?? a.cid
      this.#addAttachment.run(
        cid,
        state.author,
        state.id,
        a.name,
        a.mediaType,
        a.size,
        state.updated,
      )
    }
  }

  /** Current records' attachments with one of these CIDs (or all), oldest CID first. */
  attachments(cids?: readonly string[]): AttachmentRow[] {
    const rows =
      cids === undefined
        ? this.#db.prepare('SELECT * FROM attachments ORDER BY cid').all()
        : this.#db
            .prepare('SELECT * FROM attachments WHERE cid IN (SELECT value FROM json_each(?))')
            .all(JSON.stringify(cids))
    return rows.map((row) => ({
      cid: row.cid as string,
      author: row.author as string,
      id: row.id as string,
      name: row.name as string,
      mediaType: row.media_type as string,
      size: row.size as number,
      updated: row.updated as string,
    }))
  }

  /** How many states `states()` yields. */
  stateCount(): number {
    const row = this.#db
      .prepare('SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM versions) AS n')
      .get() as { n: number }
    return row.n
  }

  /** Every version of a record, oldest first. */
  history(author: string, id: string): RecordState[] {
    return (this.#history.all(author, id) as { json: string }[]).map(
      (row) => JSON.parse(row.json) as RecordState,
    )
  }

  /** Live records of an author (kept: see {@link LIVE_COUNT}). */
  count(author: string): number {
    const row = this.#count.get(author) as { live: number } | undefined
    return row?.live ?? 0
  }

  /** Earlier versions of an author's records held (superseded states, late arrivals). */
  versions(author: string): number {
    const known = this.#versionCounts.get(author)
    if (known !== undefined) return known
    const counted = (this.#versionCount.get(author) as { n: number }).n
    // a count inside a transaction may hold rows that are rolled back
    if (!this.#db.isTransaction) this.#versionCounts.set(author, counted)
    return counted
  }

  list(options: ListOptions = {}): RecordState[] {
    const where: string[] = []
    const params: string[] = []
    const filter = (clause: string, value: string | undefined) => {
      if (value === undefined) return
      where.push(clause)
      params.push(value)
    }
    filter('author = ?', options.author)
    filter('kind = ?', options.kind)
    filter('id > ?', options.after)
    if (options.retracted !== true) where.push('retracted = 0')
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 10_000)
    const sql = `SELECT json FROM records ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id LIMIT ${limit}`
    return (this.#db.prepare(sql).all(...params) as { json: string }[]).map(
      (row) => JSON.parse(row.json) as RecordState,
    )
  }

  /** Deletes every record and version of an author (a blocked organisation). */
  dropAuthor(author: string): number {
    this.#versionCounts.delete(author)
    this.#db.prepare('DELETE FROM live_counts WHERE author = ?').run(author)
    const dropped = this.#db.prepare('DELETE FROM records WHERE author = ?').run(author).changes
    this.#db.prepare('DELETE FROM versions WHERE author = ?').run(author)
    this.#db.prepare('DELETE FROM relations WHERE source_author = ?').run(author)
    this.#db.prepare('DELETE FROM attachments WHERE author = ?').run(author)
    return Number(dropped)
  }

  /**
   * Applies record states carried by one log entry, in order; call inside a transaction
   * (the live counts change in it too). A state that may not follow the current one (an
   * older version, another record's identity) is kept in history only. Returns what changed.
   */
  apply(entry: string, states: readonly RecordState[], options: ApplyOptions = {}): Change[] {
    const changes: Change[] = []
    /** Live records each author gains (or loses) here. */
    const gained = new Map<string, number>()
    for (const state of states) {
      this.#versionCounts.delete(state.author)
      const json = JSON.stringify(state)
      const currentRow =
        options.knownNew?.(state) === true
          ? undefined
          : (this.#current.get(state.author, state.id) as Row | undefined)
      let wasLive = false
      if (currentRow !== undefined) {
        const current = JSON.parse(currentRow.json) as RecordState
        if (successionProblems(current, state).length > 0) {
          // history only: an older version arriving late, or a state that cannot follow
          this.#addVersion.run(state.author, state.id, state.version, json, entry)
          continue
        }
        wasLive = !isTombstone(current)
        this.#addVersion.run(
          current.author,
          current.id,
          current.version,
          currentRow.json,
          currentRow.entry,
        )
      }
      const retracted = isTombstone(state)
      const gain = (retracted ? 0 : 1) - (wasLive ? 1 : 0)
      if (gain !== 0) gained.set(state.author, (gained.get(state.author) ?? 0) + gain)
      this.#upsert.run(
        state.author,
        state.id,
        state.kind,
        state.version,
        state.created,
        state.updated,
        retracted ? 1 : 0,
        json,
        entry,
      )
      this.#setRelations(state, currentRow !== undefined)
      this.#setAttachments(state, currentRow !== undefined)
      const type: ChangeType = retracted
        ? 'record:retracted'
        : currentRow === undefined
          ? 'record:added'
          : 'record:updated'
      changes.push({ type, state, entry })
    }
    for (const [author, gain] of gained) if (gain !== 0) this.#addLive.run(author, gain)
    return changes
  }
}
