/**
 * Prepared statements on the index's connection. A statement that returns no rows reports
 * its `lastInsertRowid` as a BigInt: deleting from a contentless-delete FTS5 table writes
 * tombstone pages whose rowids lie above 2^53, SQLite leaves the connection's last insert
 * rowid there, and Node.js 26 refuses to round it (ERR_OUT_OF_RANGE) where Node.js 22
 * rounded it silently, so a plain `run()` of any later write would throw.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite'

export function prepare(db: DatabaseSync, sql: string): StatementSync {
  const statement = db.prepare(sql)
  if (statement.columns().length === 0) statement.setReadBigInts(true)
  return statement
}
