/**
 * Reads a stopped (or killed) node's SQLite files the way the node itself would open them:
 * integrity, and which records are stored. For fault tests and benchmarks.
 */
import { DatabaseSync } from 'node:sqlite'

/** `PRAGMA integrity_check` of a database file: `['ok']` when it is sound. */
export function integrityOf(file: string): string[] {
  const db = new DatabaseSync(file)
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]
    return rows.map((row) => row.integrity_check)
  } finally {
    db.close()
  }
}

/** The English titles of the records an organisation's node holds in `state.sqlite`. */
export function storedTitles(file: string): Map<string, string> {
  const db = new DatabaseSync(file)
  try {
    const rows = db
      .prepare(
        "SELECT id, json_extract(json, '$.title.en') AS title FROM records WHERE retracted = 0",
      )
      .all() as { id: string; title: string | null }[]
    return new Map(rows.map((row) => [row.id, row.title ?? '']))
  } finally {
    db.close()
  }
}
