/**
 * The index's own SQLite file: its tables, and the check at open that decides whether
 * the caller must rebuild it from the store (missing, corrupt or of another layout).
 */
import { existsSync, rmSync } from 'node:fs'
import { DatabaseSync } from 'node:sqlite'
import { COLUMNS, INDEX_SCHEMA_VERSION } from './constants.js'

const TABLES = `
CREATE TABLE docs (
  rowid INTEGER PRIMARY KEY,
  author TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  current INTEGER NOT NULL,
  kind TEXT NOT NULL,
  updated TEXT NOT NULL,
  budget TEXT,
  amount TEXT,
  currency TEXT,
  title TEXT NOT NULL,
  summary TEXT,
  facets TEXT NOT NULL,
  UNIQUE (author, id, version)
);
CREATE TABLE authors (did TEXT PRIMARY KEY, names TEXT NOT NULL, org_type TEXT NOT NULL);
CREATE TABLE retracted (author TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL,
  PRIMARY KEY (author, id)) WITHOUT ROWID;
`

/** The FTS5 table; porter for English, and our Dutch stems in the `*_nl` columns. */
export const FTS_TABLE = `CREATE VIRTUAL TABLE fts USING fts5(${COLUMNS.join(', ')},
  tokenize = 'porter unicode61 remove_diacritics 2')`

export interface OpenedDatabase {
  readonly db: DatabaseSync
  /** The file was missing, corrupt or of another layout, and is now empty. */
  readonly needsRebuild: boolean
}

/** Opens the index file, recreating it empty when it cannot be trusted. */
export function openDatabase(path: string): OpenedDatabase {
  if (path !== ':memory:' && existsSync(path)) {
    const db = tryOpen(path)
    if (db !== undefined) return { db, needsRebuild: false }
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  }
  const db = new DatabaseSync(path)
  configure(db)
  db.exec(`BEGIN; ${TABLES}; ${FTS_TABLE}; PRAGMA user_version = ${INDEX_SCHEMA_VERSION}; COMMIT`)
  return { db, needsRebuild: true }
}

/** The open database when the file is sound and of our layout, else undefined. */
function tryOpen(path: string): DatabaseSync | undefined {
  let db: DatabaseSync | undefined
  try {
    db = new DatabaseSync(path)
    configure(db)
    const version = db.prepare('PRAGMA user_version').get()?.user_version
    const check = db.prepare('PRAGMA quick_check').get()?.quick_check
    if (version !== INDEX_SCHEMA_VERSION || check !== 'ok') throw new Error('unusable index')
    // Not FTS5's 'integrity-check': it reads the whole index (seconds at 100k records), and
    // quick_check already verifies every page and b-tree, which is what a torn write breaks.
    return db
  } catch {
    db?.close() // the caller deletes the file and rebuilds: nothing in it is lost
    return undefined
  }
}

function configure(db: DatabaseSync): void {
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY')
}
