/**
 * The node's SQLite database (node:sqlite): the log's blocks, index and heads, and the
 * materialised records, so that one transaction covers a log entry and its effects.
 */
import { DatabaseSync } from 'node:sqlite'
import { DiskFullError, StateFileCorruptError, StoreVersionError } from './errors.js'

/** SQLite result codes that have a name of their own at the API and the CLI. */
const SQLITE_CORRUPT = 11
const SQLITE_FULL = 13
const SQLITE_NOTADB = 26

/**
 * The named error for a failure of SQLite or the file system: a full disk, or (with the
 * file's path) a damaged database; any other error as it is.
 */
export function storageError(err: unknown, path?: string): unknown {
  const { errcode, code } = (err ?? {}) as { errcode?: number; code?: string }
  // extended result codes carry the primary one in their low byte
  const primary = typeof errcode === 'number' ? errcode & 0xff : undefined
  if (primary === SQLITE_FULL || code === 'ENOSPC') return new DiskFullError()
  if (path !== undefined && (primary === SQLITE_CORRUPT || primary === SQLITE_NOTADB)) {
    return new StateFileCorruptError(path)
  }
  return err
}

/**
 * Schema migrations, applied in order; `PRAGMA user_version` counts those applied. Tables
 * holding record JSON or blocks are rowid tables: WITHOUT ROWID suits small rows only.
 */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE blocks (hash TEXT PRIMARY KEY, bytes BLOB NOT NULL);
   CREATE TABLE log_index (log TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (log, hash)) WITHOUT ROWID;
   CREATE TABLE log_heads (log TEXT PRIMARY KEY, heads BLOB NOT NULL) WITHOUT ROWID;
   CREATE TABLE records (
     author TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL,
     created TEXT NOT NULL, updated TEXT NOT NULL, retracted INTEGER NOT NULL,
     json TEXT NOT NULL, entry TEXT NOT NULL,
     PRIMARY KEY (author, id));
   CREATE INDEX records_by_kind ON records (kind, id);
   CREATE TABLE versions (
     author TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
     json TEXT NOT NULL, entry TEXT NOT NULL,
     PRIMARY KEY (author, id, version));`,
  `CREATE TABLE follows (did TEXT PRIMARY KEY, since TEXT NOT NULL) WITHOUT ROWID;`,
  `CREATE TABLE blocked (did TEXT PRIMARY KEY, since TEXT NOT NULL, reason TEXT NOT NULL);
   CREATE TABLE known_orgs (
     did TEXT PRIMARY KEY, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
     peer TEXT NOT NULL, profile TEXT);`,
  // Relations of current records, to find what points at a record (lessons about a
  // practice, its adoptions, findings citing it); and which peer sent each entry.
  `CREATE TABLE relations (
     source_author TEXT NOT NULL, source_id TEXT NOT NULL, type TEXT NOT NULL, target TEXT NOT NULL,
     PRIMARY KEY (source_author, source_id, type, target)) WITHOUT ROWID;
   CREATE INDEX relations_by_target ON relations (target);
   INSERT OR IGNORE INTO relations
     SELECT r.author, r.id, json_extract(j.value, '$.type'), json_extract(j.value, '$.target')
     FROM records r, json_each(r.json, '$.relations') j WHERE r.retracted = 0;
   CREATE TABLE received (entry TEXT PRIMARY KEY, peer TEXT NOT NULL, at TEXT NOT NULL) WITHOUT ROWID;`,
  // The attachments of current records, by CID: a download's media type and name, and the
  // pin policy's candidates, without reading every record at start.
  `CREATE TABLE attachments (
     cid TEXT NOT NULL, author TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
     media_type TEXT NOT NULL, size INTEGER NOT NULL, updated TEXT NOT NULL,
     PRIMARY KEY (cid, author, id)) WITHOUT ROWID;
   CREATE INDEX attachments_by_record ON attachments (author, id);
   INSERT OR IGNORE INTO attachments
     SELECT json_extract(a.value, '$.cid'), r.author, r.id, json_extract(a.value, '$.name'),
       json_extract(a.value, '$.mediaType'), json_extract(a.value, '$.size'), r.updated
     FROM records r, json_each(r.json, '$.attachments') a WHERE r.retracted = 0;`,
  // Current records in the order of their last change, for harvesters (OAI-PMH pages):
  // `updated` as milliseconds, since ISO strings with and without fractions or offsets do
  // not sort as text.
  `ALTER TABLE records ADD COLUMN updated_ms INTEGER
     GENERATED ALWAYS AS (CAST(round(unixepoch(updated, 'subsec') * 1000) AS INTEGER)) VIRTUAL;
   CREATE INDEX records_by_updated ON records (updated_ms, author, id);`,
  // The same order within one kind or one organisation (OAI-PMH sets): without them a
  // narrowed page sorted every record of the kind (110 ms at 100k records, not 20).
  `CREATE INDEX records_by_kind_updated ON records (kind, updated_ms, author, id);
   CREATE INDEX records_by_author_updated ON records (author, updated_ms, id);`,
  // Which peer sent an entry, noted on the entry's block from now on rather than in
  // `received`: one B-tree fewer written per joined entry (the block's page is written
  // anyway). The notes already in `received` stay there and are still read: moving them
  // would rewrite every block (12 s and a WAL the size of the blocks at 100k entries).
  `ALTER TABLE blocks ADD COLUMN received_from TEXT;
   ALTER TABLE blocks ADD COLUMN received_at TEXT;`,
  // An organisation's tombstones, so that its live records were counted on indexes alone
  // (until schema 10 kept the count); live rows are not in it, so a publish wrote nothing more.
  `CREATE INDEX records_retracted ON records (author) WHERE retracted = 1;`,
  // An organisation's live records kept, not counted: `RecordTable` changes its row in the
  // transaction of every write to `records`, so the count is a lookup (schema 9's two index
  // counts cost 25-80 ms at 100,000 records in a fresh process: a restart's first status
  // paid them). Counted once here on those indexes; then the partial index has no reader.
  `CREATE TABLE live_counts (author TEXT PRIMARY KEY, live INTEGER NOT NULL) WITHOUT ROWID;
   INSERT INTO live_counts (author, live)
     SELECT author, count(*) - (SELECT count(*) FROM records t WHERE t.author = r.author AND t.retracted = 1)
     FROM records r GROUP BY author;
   DROP INDEX records_retracted;`,
]

/**
 * Opens (creating or migrating) the database at `path`; checks it first unless `checked`
 * (the caller ran `checkStateFile` on it, on a worker thread).
 */
export function openDatabase(path: string, { checked = false } = {}): DatabaseSync {
  let db: DatabaseSync | undefined
  try {
    db = new DatabaseSync(path)
    return prepareDatabase(db, path, checked)
  } catch (err) {
    db?.close()
    throw storageError(err, path)
  }
}

function prepareDatabase(db: DatabaseSync, path: string, checked: boolean): DatabaseSync {
  // Before anything is written: a damaged file is refused whole rather than found page by
  // page later (and written over). Reads every page: about 1 ms per MiB from the page cache.
  if (!checked) {
    const check = db.prepare('PRAGMA quick_check(1)').get() as { quick_check: string }
    if (check.quick_check !== 'ok') throw new StateFileCorruptError(path)
  }
  // WAL with synchronous=NORMAL: a committed transaction survives a crash of the process
  // (kill -9); only a power loss can take the last commits, never corrupt the file.
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  db.exec('PRAGMA busy_timeout = 5000')
  const { user_version: current } = db.prepare('PRAGMA user_version').get() as {
    user_version: number
  }
  if (current > MIGRATIONS.length) {
    throw new StoreVersionError(
      `${path} was written by a newer Polder (schema ${current}); upgrade Polder`,
    )
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[version] as string)
      db.exec(`PRAGMA user_version = ${version + 1}`)
    })
  }
  return db
}

/** Runs `fn` in a transaction: all or nothing. */
export function transaction<T>(db: DatabaseSync, fn: () => T): T {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = fn()
    db.exec('COMMIT')
    return result
  } catch (err) {
    rollback(db)
    throw storageError(err)
  }
}

/** Like {@link transaction}, for work that awaits (the caller serialises all writers). */
export async function asyncTransaction<T>(db: DatabaseSync, fn: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE')
  try {
    const result = await fn()
    db.exec('COMMIT')
    return result
  } catch (err) {
    rollback(db)
    throw storageError(err)
  }
}

/** Ends a failed transaction, unless SQLite ended it already (as it may on a full disk). */
function rollback(db: DatabaseSync): void {
  if (db.isTransaction) db.exec('ROLLBACK')
}
