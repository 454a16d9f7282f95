/**
 * The node's search: the index file in the data directory, kept current from the store's
 * events, and rebuilt from the store in the background when it cannot be trusted (first
 * start, an older layout, a crash, a damaged file) — the node serves meanwhile, and
 * answers searches from what is indexed so far.
 */
import { join } from 'node:path'
import type { PolderRecord, RecordState } from '@polder/schema'
import {
  type Following,
  follow,
  type Overview,
  rebuildInSteps,
  type SearchHit,
  SearchIndex,
  SearchIndexBrokenError,
  type SearchQuery,
  type SearchResult,
} from '@polder/search'
import type { Store } from '@polder/store'
import type { Logger } from 'pino'

export const SEARCH_FILE = 'search.sqlite'

/**
 * How long the store's changes may wait to be indexed: a node under publish load commits
 * groups of 20-50 records several times in this span, and indexing them in one transaction
 * is cheaper (FTS5 writes a segment a commit). Every read here indexes what waits first.
 */
export const INDEX_WINDOW_MS = 100

export type SearchState = 'ready' | 'rebuilding'

export interface SearchStatus {
  readonly state: SearchState
  /** Current records in the index. */
  readonly records: number
  /** While rebuilding: states indexed so far of about how many. */
  readonly progress?: { readonly done: number; readonly of: number }
}

/** The index file open, before the store is (see {@link SearchService.opening}). */
export interface OpeningSearch {
  /** Follows the open store from now on: the service. */
  follow(store: Store, logger: Logger): SearchService
  /** Closes the file when the store never opened (after `follow`, the service closes it). */
  close(): void
}

export class SearchService {
  readonly #store: Store
  readonly #logger: Logger
  readonly #index: SearchIndex
  readonly #following: Following
  #rebuild: Promise<void> | undefined
  #again = false
  #progress = { done: 0, of: 0 }
  readonly #stopping = new AbortController()

  private constructor(store: Store, logger: Logger, index: SearchIndex) {
    this.#store = store
    this.#logger = logger
    this.#index = index
    this.#following = follow(store, index, {
      windowMs: INDEX_WINDOW_MS,
      onError: (error) => {
        logger.error({ err: error }, 'could not index a change: rebuilding the search index')
        this.rebuild()
      },
    })
  }

  /** Opens the index; starts a rebuild in the background when it needs one. */
  static open(store: Store, home: string, logger: Logger): SearchService {
    return SearchService.opening(home).follow(store, logger)
  }

  /**
   * Opens the index file, which reads nothing of the store, so that a node opens it while
   * its state file is still being checked; `follow` then keeps it current from the store
   * (and starts a rebuild in the background when it needs one).
   */
  static opening(home: string): OpeningSearch {
    let opened: Store | undefined
    const { index, needsRebuild } = SearchIndex.open({
      path: join(home, SEARCH_FILE),
      records: (author, id, version) => {
        // read only for queries and rebuilds, which come once the store is followed
        if (opened === undefined)
          throw new Error('the search index reads records before the store is open')
        return opened.version(author, id, version)
      },
    })
    return {
      follow: (store, logger) => {
        opened = store
        const service = new SearchService(store, logger, index)
        if (needsRebuild) service.rebuild()
        return service
      },
      close: () => {
        if (opened === undefined) index.close()
      },
    }
  }

  /** Runs a query; throws the search package's errors (mapped to problems by the API). */
  search(query: SearchQuery): SearchResult {
    return this.#guard(() => this.#index.search(query))
  }

  /** Counts and budgets of what a query selects (see `SearchIndex.overview`). */
  overview(query: SearchQuery): Overview {
    return this.#guard(() => this.#index.overview(query))
  }

  /** Records like this one (see `SearchIndex.similar`). */
  similar(record: PolderRecord, options: Pick<SearchQuery, 'filters' | 'limit'> = {}): SearchHit[] {
    return this.#guard(() => this.#index.similar(record, options))
  }

  /**
   * Runs a read of the index, with the changes still pending indexed first (a search asked
   * on a record's event finds it); a damaged file starts a rebuild, and the error goes on.
   */
  #guard<T>(read: () => T): T {
    try {
      this.#following.flush()
      return read()
    } catch (error) {
      if (error instanceof SearchIndexBrokenError) {
        this.#logger.error({ err: error.cause }, 'the search index is damaged: rebuilding it')
        this.rebuild()
      }
      throw error
    }
  }

  /**
   * Reads the index's in-memory columns if its open left them unread (a search or a write
   * reads them first anyway); true when it did. The node calls it once its API has answered
   * what came as it opened.
   */
  loadColumns(): boolean {
    try {
      return this.#index.loadColumns()
    } catch (error) {
      // a damaged file, as a search would have found it: rebuilt, the node goes on
      this.#logger.error({ err: error }, 'could not read the search index: rebuilding it')
      this.rebuild()
      return false
    }
  }

  /** Whether the index's in-memory columns are read (see {@link loadColumns}). */
  get columnsLoaded(): boolean {
    return this.#index.columnsLoaded
  }

  get status(): SearchStatus {
    this.#following.flush() // the count includes what waits to be indexed
    const records = this.#index.size
    if (this.#rebuild === undefined) return { state: 'ready', records }
    return { state: 'rebuilding', records, progress: { ...this.#progress } }
  }

  /** Resolves when no rebuild is running. */
  async idle(): Promise<void> {
    while (this.#rebuild !== undefined) await this.#rebuild
  }

  /** Rebuilds from the store in the background; one at a time, a request during one reruns it. */
  rebuild(): void {
    if (this.#rebuild !== undefined) {
      this.#again = true
      return
    }
    const started = performance.now()
    this.#progress = { done: 0, of: this.#store.stateCount() }
    this.#logger.info({ states: this.#progress.of }, 'rebuilding the search index')
    this.#rebuild = this.#run()
      .then((states) => {
        const ms = Math.round(performance.now() - started)
        this.#logger.info({ states, ms }, 'search index rebuilt')
      })
      .catch((error: unknown) => {
        if (this.#stopping.signal.aborted) return
        this.#logger.error({ err: error }, 'could not rebuild the search index')
      })
      .finally(() => {
        this.#rebuild = undefined
        if (this.#again && !this.#stopping.signal.aborted) {
          this.#again = false
          this.rebuild()
        }
      })
  }

  async #run(): Promise<number> {
    const progress = this.#progress
    const counted = (function* (states: Iterable<RecordState>) {
      for (const state of states) {
        progress.done++
        yield state
      }
    })(this.#store.states())
    return rebuildInSteps(this.#index, counted, this.#stopping.signal)
  }

  /** Stops following the store and closes the index (marked clean unless a rebuild was cut). */
  async close(): Promise<void> {
    this.#stopping.abort()
    this.#following()
    const rebuilding = this.#rebuild !== undefined
    await this.#rebuild
    if (rebuilding) {
      // A cut rebuild leaves a partial index: closing it unmarked makes the next start redo it.
      this.#index.abandon()
      return
    }
    this.#index.close()
  }
}
