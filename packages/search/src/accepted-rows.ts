/**
 * A query's filters as an SQL function, so that BM25 scores only the matches they keep.
 * FTS5 computes `bm25()` for every row its MATCH returns, about a microsecond and a half a
 * row (the row's phrase instances and its length read back), while a row's score does not
 * depend on which rows are asked (IDF and the average length are the whole index's): a
 * filter tested in the WHERE clause, before `bm25()` is computed, gives the same scores for
 * the rows kept and skips the others.
 */
import type { DatabaseSync } from 'node:sqlite'

/** `polder_accepts(rowid)`: 1 for a row the current test accepts, 0 otherwise or without one. */
export const ACCEPTS = 'polder_accepts'

export class AcceptedRows {
  #accepts: ((rowid: number) => boolean) | undefined

  constructor(db: DatabaseSync) {
    db.function(ACCEPTS, { deterministic: false, directOnly: true }, (rowid) =>
      typeof rowid === 'number' && this.#accepts?.(rowid) === true ? 1 : 0,
    )
  }

  /** Runs `work` with the rows `accepts` says yes to accepted. */
  with<T>(accepts: (rowid: number) => boolean, work: () => T): T {
    this.#accepts = accepts
    try {
      return work()
    } finally {
      this.#accepts = undefined
    }
  }
}
