/**
 * The index's writes committed in groups: one write transaction stays open across
 * batches and commits after a delay, or at once past a number of states.
 *
 * Why: a live follower indexes one record a turn, and each commit wrote the pages every
 * record touches (the FTS tables' structure, size and segment-index pages, `docs`, the
 * header) to the WAL again: about 15 pages, 60 KB and 30 write calls a record. The delay
 * loses nothing a crash would have kept, since an index not closed cleanly is rebuilt from
 * the store at the next open (database.ts), and reads on the same connection see the open
 * transaction, so a record is found as soon as it is indexed.
 */
import type { DatabaseSync } from 'node:sqlite'

export interface DeferredCommitInit {
  /** Commit this long after the first write not committed. */
  readonly delayMs: number
  /** Commit at once when the open transaction holds this many states. */
  readonly maxStates: number
  /**
   * The open transaction was lost when committing it failed: the caller's copies of it are
   * stale. (A failed batch is thrown to the caller of `write` instead.)
   */
  readonly onLost: () => void
}

export class DeferredCommit {
  readonly #db: DatabaseSync
  readonly #init: DeferredCommitInit
  #timer: NodeJS.Timeout | undefined
  #states = 0
  /** A commit on the timer failed: thrown by the next write, whose caller rebuilds. */
  #failure: { error: unknown } | undefined

  constructor(db: DatabaseSync, init: DeferredCommitInit) {
    this.#db = db
    this.#init = init
  }

  /**
   * Runs `work` in the open transaction (beginning one if needed); `work` returns how many
   * states it wrote. When it throws, the whole open transaction is rolled back (this batch
   * and the earlier ones not yet committed) and the error goes on: the caller must treat the
   * index as lagging the store and rebuild it, as after a failed commit.
   *
   * No savepoint per batch: FTS5 writes its pending terms out as a new segment at every
   * savepoint (~10-25 µs a state in a node's 100 ms windows), and a failed batch makes the
   * node rebuild the index, which starts by clearing every row a savepoint would have kept.
   */
  write(work: () => number): void {
    const failure = this.#failure
    if (failure !== undefined) {
      this.#failure = undefined
      throw failure.error
    }
    if (!this.#db.isTransaction) this.#db.exec('BEGIN IMMEDIATE')
    try {
      this.#states += work()
    } catch (error) {
      this.#rollBack()
      throw error
    }
    if (this.#states >= this.#init.maxStates) this.commit()
    else this.#timer ??= setTimeout(() => this.#commitLater(), this.#init.delayMs).unref()
  }

  /** Commits the open transaction now, if any; throws when the commit fails (and it is lost). */
  commit(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#states = 0
    if (!this.#db.isTransaction) return
    try {
      this.#db.exec('COMMIT')
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK')
      this.#init.onLost()
      throw error
    }
  }

  #commitLater(): void {
    try {
      this.commit()
    } catch (error) {
      this.#failure = { error }
    }
  }

  /** Drops the open transaction after a failed batch; SQLite may have ended it already. */
  #rollBack(): void {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#states = 0
    if (this.#db.isTransaction) this.#db.exec('ROLLBACK')
  }
}
