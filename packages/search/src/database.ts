/**
 * The index's own SQLite file: its tables, and the check at open that decides whether
 * the caller must rebuild it from the store.
 *
 * The FTS table is contentless: it keeps the inverted index only, never a copy of the
 * text (the store has it), which makes the file about a fifth of the size and indexing
 * twice as fast. A clean-shutdown mark replaces a full integrity check at every open:
 * after a crash the index may lag the store by the changes of its last moments, so an
 * index not closed cleanly is rebuilt rather than trusted.
 */
import { existsSync, rmSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { AUTHOR_TABLES } from './authors.js'
import { COLUMNS, INDEX_SCHEMA_VERSION } from './constants.js'
import { COLUMNS_SUFFIX } from './doc-snapshot.js'
import { prepare } from './statements.js'

const TABLES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE facet_values (id INTEGER PRIMARY KEY, facet TEXT NOT NULL, value TEXT NOT NULL);
CREATE TABLE docs (
  rowid INTEGER PRIMARY KEY,
  author INTEGER NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  current INTEGER NOT NULL,
  updated REAL NOT NULL,
  budget REAL,
  currency TEXT,
  facets BLOB NOT NULL,
  UNIQUE (author, id, version)
);
CREATE TABLE retracted (author INTEGER NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
  PRIMARY KEY (author, id)) WITHOUT ROWID;
${AUTHOR_TABLES}
`

/** The FTS5 table: porter for English and other languages, our Dutch stems in `*_nl`. */
export const FTS_TABLE = `CREATE VIRTUAL TABLE fts USING fts5(${COLUMNS.join(', ')},
  content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2')`

/**
 * The titles (and author token) again, alone: a broad query puts the versions with every
 * word in their title first, and a column filter on \`fts\` reads every column's postings
 * of its words, where this table holds the titles' only (a tenth of them).
 */
export const TITLES_TABLE = `CREATE VIRTUAL TABLE titles USING fts5(title, title_nl, org,
  content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2')`

export interface OpenedDatabase {
  readonly db: DatabaseSync
  /** The file was missing, corrupt, of another layout or not closed cleanly, and is now empty. */
  readonly needsRebuild: boolean
}

/**
 * Opens the index file, recreating it empty when it cannot be trusted, and hands it to
 * `use`; a file that fails there too (a damaged page the first reads hit) is recreated.
 */
export function openDatabase<T>(path: string, use: (db: DatabaseSync) => T): T & OpenedDatabase {
  if (path !== ':memory:' && existsSync(path)) {
    const db = tryOpen(path)
    if (db !== undefined) {
      try {
        return { ...use(db), db, needsRebuild: false }
      } catch {
        db.close() // recreated below: nothing in the index is lost that the store lacks
      }
    }
    removeDatabase(path)
  }
  const db = createDatabase(path)
  return { ...use(db), db, needsRebuild: true }
}

function removeDatabase(path: string): void {
  // the doc columns' snapshot too: it would never be read again, only replaced
  for (const suffix of ['', '-wal', '-shm', COLUMNS_SUFFIX])
    rmSync(`${path}${suffix}`, { force: true })
}

function createDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path)
  configure(db)
  db.exec(
    `BEGIN; ${TABLES}; ${FTS_TABLE}; ${TITLES_TABLE}; PRAGMA user_version = ${INDEX_SCHEMA_VERSION}; COMMIT`,
  )
  markOpen(db)
  return db
}

/** Marks the file closed cleanly: everything applied to it is in it. */
export function markClean(db: DatabaseSync): void {
  prepare(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('clean', '1')").run()
}

function markOpen(db: DatabaseSync): void {
  prepare(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('clean', '0')").run()
}

/** The open database when the file is ours, of this layout and closed cleanly, else undefined. */
function tryOpen(path: string): DatabaseSync | undefined {
  let db: DatabaseSync | undefined
  try {
    db = new DatabaseSync(path)
    configure(db)
    const version = db.prepare('PRAGMA user_version').get()?.user_version
    if (version !== INDEX_SCHEMA_VERSION) throw new Error('index of another layout')
    const clean = db.prepare("SELECT value FROM meta WHERE key = 'clean'").get()?.value
    if (clean !== '1') throw new Error('index not closed cleanly')
    markOpen(db)
    return db
  } catch {
    db?.close() // the caller deletes the file and rebuilds: nothing in it is lost
    return undefined
  }
}

function configure(db: DatabaseSync): void {
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY')
}
