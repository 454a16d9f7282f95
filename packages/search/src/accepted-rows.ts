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
  /** Every rowid asked about while noting, in the order asked; undefined when not noting. */
  #asked: Int32Array | undefined
  #askedCount = 0

  constructor(db: DatabaseSync) {
    db.function(ACCEPTS, { deterministic: false, directOnly: true }, (rowid) => {
      if (typeof rowid !== 'number') return 0
      if (this.#asked !== undefined) this.#note(rowid)
      return this.#accepts?.(rowid) === true ? 1 : 0
    })
  }

  /**
   * {@link with}, and every rowid `polder_accepts` was asked about: in a statement that
   * tests it on each match, all the matches, found in the same pass as the scores.
   */
  noting<T>(accepts: (rowid: number) => boolean, work: () => T): { result: T; asked: Int32Array } {
    this.#asked = new Int32Array(1_024)
    this.#askedCount = 0
    try {
      const result = this.with(accepts, work)
      return { result, asked: this.#asked.subarray(0, this.#askedCount) }
    } finally {
      this.#asked = undefined
    }
  }

  #note(rowid: number): void {
    let asked = this.#asked as Int32Array
    if (this.#askedCount === asked.length) {
      const grown = new Int32Array(asked.length * 2)
      grown.set(asked)
      this.#asked = asked = grown
    }
    asked[this.#askedCount++] = rowid
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
