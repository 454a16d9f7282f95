/** The index: writes (apply, remove, rebuild) and reads (search) over one SQLite file. */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import { formatRef, isTombstone, type PolderRecord, type RecordState } from '@polder/schema'
import { ACCEPTS, AcceptedRows } from './accepted-rows.js'
import { AdoptionTally } from './adoption-tally.js'
import { type AuthorProfile, Authors, authorToken } from './authors.js'
import { type BoundedCache, boundedCache } from './bounded-cache.js'
import { browse } from './browse.js'
import {
  COMMIT_DELAY_MS,
  COMMIT_STATES,
  DEFAULT_RECENT_QUERIES,
  MATCH_COUNTS,
  RANK_ALL,
  SCORE_ACCEPTED_BELOW,
  WEIGHTS,
} from './constants.js'
import { FTS_TABLE, markClean, openDatabase, TITLES_TABLE } from './database.js'
import { DeferredCommit } from './deferred-commit.js'
import { ABSENT, DocColumns, facetBlob } from './doc-cache.js'
import {
  dropDocSnapshot,
  type FoundSnapshot,
  findDocSnapshot,
  readDocSnapshot,
  saveDocSnapshot,
} from './doc-snapshot.js'
import { indexedDoc } from './document.js'
import { SearchIndexBrokenError, SearchIndexClosedError } from './errors.js'
import type { Found } from './match-cache.js'
import { type Overview, overviewOf } from './overview.js'
import { checkQuery, type ParsedQuery, parseQuery, type Term, termExpression } from './query.js'
import {
  type AuthorFacts,
  type Candidate,
  filterOf,
  type Matches,
  type Predicate,
  predicate,
  type Selection,
  select,
} from './select.js'
import { aboutWords } from './similar.js'
import { snippetOf } from './snippet.js'
import { prepare } from './statements.js'
import type { SearchHit, SearchQuery, SearchResult } from './types.js'

/**
 * Reads a version of a record from where the records live (the store). The index keeps no
 * text of its own: hits and their snippets are made from the record itself.
 */
export type RecordLoader = (author: string, id: string, version: number) => RecordState | undefined

export interface SearchIndexInit {
  /** The index file, e.g. `<home>/search.sqlite`; `:memory:` for tests. */
  readonly path: string
  readonly records: RecordLoader
  /**
   * Queries whose matches are kept for the next search with the same words (a facet
   * click, the next page); 0 keeps none. @default 8
   */
  readonly recentQueries?: number
}

export interface OpenedIndex {
  readonly index: SearchIndex
  /**
   * The file was missing, damaged, of an older layout or not closed cleanly: index every
   * state of the store again (`rebuild`, or `clear` then `applyMany` in steps).
   */
  readonly needsRebuild: boolean
}

/** A change as the store emits it; only the state matters here. */
export interface IndexChange {
  readonly state: RecordState
}

/** Organisations a query word may name; beyond this many, the word names none in particular. */
const MAX_AUTHORS_PER_TERM = 200
const BM25 = `bm25(fts, ${WEIGHTS.join(', ')})`
const DOC_COLUMNS = 'title summary body'
const DUTCH_COLUMNS = 'title_nl summary_nl body_nl'

/**
 * Rowids from `group_concat`, parsed by hand over its characters (ASCII digits and commas):
 * a split and a Number per match cost several times more, and a copy into a Buffer first
 * about twice as much (45,000 rowids: 1.0 against 0.4 ms).
 */
function parseRowids(text: unknown, count: number): Int32Array {
  const out = new Int32Array(count)
  return typeof text === 'string' && text.length > 0
    ? out.subarray(0, eachRowid(text, out, undefined))
    : out.subarray(0, 0)
}

/** Sets `mask[rowid]` for each rowid of a `group_concat`, parsed as {@link parseRowids} does. */
function markRowids(text: unknown, mask: Uint8Array): void {
  if (typeof text === 'string' && text.length > 0) eachRowid(text, undefined, mask)
}

/**
 * The rowids of a non-empty `group_concat`, into `out` (returns how many) and/or marked in
 * `mask`. Nothing but `return` after the loop, and the last number ends at a comma past the
 * text: V8 compiles a long loop on the stack (OSR) before the code after it has ever run, and
 * a line there without type feedback deoptimised this parse on most calls (round 14).
 */
function eachRowid(
  text: string,
  out: Int32Array | undefined,
  mask: Uint8Array | undefined,
): number {
  const length = text.length
  let n = 0
  let value = 0
  for (let i = 0; i <= length; i++) {
    const code = i < length ? text.charCodeAt(i) : 44
    if (code === 44) {
      if (out !== undefined) out[n] = value
      if (mask !== undefined) mask[value] = 1
      n++
      value = 0
    } else value = value * 10 + code - 48
  }
  return n
}

/** Scores of `rowids` from `[rowid, bm25]` rows in any order; 0 for a rowid without one. */
function scoresByRowid(rowids: Int32Array, rows: readonly [number, number][]): Float64Array {
  const byRowid = new Map(rows.map(([rowid, rank]) => [rowid, -rank]))
  return Float64Array.from(rowids, (rowid) => byRowid.get(rowid) ?? 0)
}

/** `rowids` scored by `[rowid, bm25]` rows of some of them, the others 0. */
function scoresOf(rowids: Int32Array, rows: readonly [number, number][]): Matches {
  const scores = new Float64Array(rowids.length)
  // both lists come in FTS5's order, ascending rowids: one merge, or a map if they did not
  const merged = mergeScores(rowids, rows, scores)
  return { rowids, scores: merged ? scores : scoresByRowid(rowids, rows) }
}

/** Scores rows into `scores` by a merge; false when the rows were not in `rowids`' order. */
function mergeScores(
  rowids: Int32Array,
  rows: readonly [number, number][],
  scores: Float64Array,
): boolean {
  // an indexed loop with nothing after it but `return` (see `eachRowid`)
  let i = 0
  let merged = true
  for (let r = 0; r < rows.length && merged; r++) {
    const row = rows[r] as [number, number]
    const rowid = row[0]
    while (i < rowids.length && (rowids[i] as number) < rowid) i++
    if (rowids[i] === rowid) scores[i] = -row[1]
    else merged = false
  }
  return merged
}

/** Matches from `[rowid, bm25]` rows (FTS5's rank: lower is better). */
function matchesOf(rows: readonly [number, number][]): Matches {
  const rowids = new Int32Array(rows.length)
  const scores = new Float64Array(rows.length)
  rows.forEach(([rowid, rank], i) => {
    rowids[i] = rowid
    scores[i] = -rank
  })
  return { rowids, scores }
}

const resultOf = (
  selection: Selection,
  hits: SearchHit[],
  how: { relaxed: boolean; broad: boolean },
): SearchResult => ({
  total: selection.total,
  hits,
  facets: selection.counts,
  cursor: selection.cursor,
  ...how,
})

export class SearchIndex {
  readonly #db: DatabaseSync
  readonly #records: RecordLoader
  readonly #cache = new DocColumns()
  readonly #authors: Authors
  readonly #statements = new Map<string, StatementSync>()
  readonly #facts: AuthorFacts
  readonly #recent: BoundedCache<Found>
  /**
   * How many versions an expression matched when it was last counted: a hint, not a fact.
   * A ranked query counts its matches first (one FTS5 pass) only to learn whether it is
   * broad, then scores them (a second pass that finds them again). When its words were
   * counted before and were well under `RANK_ALL`, it is scored at once; the score pass
   * returns every match, so a hint gone stale after writes costs the count pass it would
   * have saved, never another result. Writes do not clear it: counts move slowly, and the
   * caller checks the score pass's own count.
   */
  readonly #counts = boundedCache<number>(MATCH_COUNTS)
  readonly #accepted: AcceptedRows
  #closed = false
  /** Live adoptions per adopted record, kept as versions are indexed, for the overview. */
  readonly #adoptions = new AdoptionTally(this.#cache)
  /** A write failed: the index may lag the store, so it must not be marked clean. */
  #damaged = false
  readonly #commits: DeferredCommit
  /**
   * The snapshot the open found, while its arrays are not read: the first read or write reads
   * them ({@link loadColumns}), so a node's API answers before they are (at 100k versions
   * they are ~9 MB, a fifth of a restart's CPU) and a status needs only their count.
   */
  #deferred: FoundSnapshot | undefined

  private constructor(db: DatabaseSync, records: RecordLoader, recentQueries: number) {
    this.#db = db
    this.#records = records
    this.#commits = new DeferredCommit(db, {
      delayMs: COMMIT_DELAY_MS,
      maxStates: COMMIT_STATES,
      onLost: () => this.#lost(),
    })
    this.#recent = boundedCache<Found>(recentQueries)
    this.#authors = new Authors(db)
    this.#accepted = new AcceptedRows(db)
    const addValue = prepare(db, 'INSERT INTO facet_values (id, facet, value) VALUES (?, ?, ?)')
    this.#cache.values.onNew = (id, facet, value) => addValue.run(id, facet, value)
    this.#cache.onCurrent = this.#adoptions
    // a clean close left a snapshot of the columns: reading it is ~50x faster than the rows,
    // and it is read at first use. It stays in the file (dropping it walked its pages again at
    // every start): a file is read only when marked clean, and the next clean close replaces
    // it or drops it
    this.#deferred = findDocSnapshot(db)
    if (this.#deferred === undefined) this.#cache.load(db)
    const authors = this.#authors
    this.#facts = {
      get size() {
        return authors.size
      },
      orgTypeOf: (id) => authors.profile(id)?.orgType,
      namesOf: (did) => {
        const id = authors.find(did)
        return id === undefined ? undefined : authors.profile(id)?.names
      },
      orgTypeOfDid: (did) => {
        const id = authors.find(did)
        return id === undefined ? undefined : authors.profile(id)?.orgType
      },
    }
  }

  /** Opens (or creates) the index file and says whether it must be rebuilt. */
  static open(init: SearchIndexInit): OpenedIndex {
    const { index, needsRebuild } = openDatabase(init.path, (db) => ({
      index: new SearchIndex(db, init.records, init.recentQueries ?? DEFAULT_RECENT_QUERIES),
    }))
    return { index, needsRebuild }
  }

  /** Indexes one new state: a version replaces the previous one, a tombstone removes it. */
  apply(change: IndexChange): void {
    this.applyMany([change.state])
  }

  /** Indexes many states in one transaction, in any order; states already indexed are skipped. */
  applyMany(states: Iterable<RecordState>): void {
    this.#transaction(() => {
      let count = 0
      for (const state of states) {
        this.#applyOne(state)
        count++
      }
      return count
    })
  }

  /** Drops every version of a record. */
  remove(author: string, id: string): void {
    this.#transaction(() => {
      const authorId = this.#authors.find(author)
      if (authorId !== undefined) this.#removeRecord(authorId, id)
    })
  }

  /** Drops every record of an organisation (blocked on this node); returns how many. */
  removeAuthor(did: string): number {
    let removed = 0
    this.#transaction(() => {
      const author = this.#authors.find(did)
      if (author === undefined) return
      const rows = this.#prepare('SELECT rowid, current FROM docs WHERE author = ?').all(author)
      for (const row of rows) {
        this.#removeVersion(row.rowid as number)
        if (row.current === 1) removed++
      }
      this.#prepare('DELETE FROM retracted WHERE author = ?').run(author)
      this.#authors.setProfile(author, undefined)
    })
    return removed
  }

  /** Empties the index, to fill it again with `applyMany`. */
  clear(): void {
    this.#deferred = undefined // emptied: nothing of the snapshot is needed
    this.#transaction(() => {
      this.#db.exec(`DELETE FROM docs; DELETE FROM retracted; DELETE FROM facet_values;
        DELETE FROM authors; DELETE FROM org_names; DROP TABLE fts; DROP TABLE titles;
        ${FTS_TABLE}; ${TITLES_TABLE}`)
      this.#statements.clear()
      this.#authors.load()
      this.#cache.clear()
      this.#counts.clear()
    })
    this.#damaged = false
  }

  /** Replaces the whole index with these states (each record's versions, any order). */
  rebuild(states: Iterable<RecordState>): void {
    this.clear()
    this.applyMany(states)
  }

  /**
   * Runs a query. Bad input gives a {@link SearchQueryError}; a damaged file a
   * {@link SearchIndexBrokenError}; never an SQL error.
   */
  search(query: SearchQuery = {}): SearchResult {
    this.#open()
    checkQuery(query)
    try {
      this.loadColumns()
      return this.#search(query)
    } catch (error) {
      // Our queries are fixed SQL with bound values: an SQLite error here is the file's.
      if ((error as { code?: unknown }).code === 'ERR_SQLITE_ERROR')
        throw new SearchIndexBrokenError(undefined, { cause: error })
      throw error
    }
  }

  /**
   * The overview of the records a query selects (its text and filters; paging and sort are
   * ignored): counts and budgets by kind, theme, SDG, region, funding, year, status,
   * standard and organisation type. Errors as {@link search}.
   */
  overview(query: SearchQuery = {}): Overview {
    this.#open()
    checkQuery(query)
    try {
      this.loadColumns()
      const parsed = parseQuery(query.text ?? '')
      const rowids =
        parsed === undefined ? this.#everything().rowids : this.#find(parsed, false).matches.rowids
      return overviewOf(rowids, query, {
        cache: this.#cache,
        authors: this.#facts,
        adopted: () => this.#adoptions.perRow((ref) => this.#currentRowid(ref)),
      })
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_SQLITE_ERROR')
        throw new SearchIndexBrokenError(undefined, { cause: error })
      throw error
    }
  }

  /**
   * Records like this one (more like this): current records sharing the words of its
   * title, summary, themes, tags and places, best first; never the record itself.
   * `filters` narrow them as in a search.
   */
  similar(record: PolderRecord, options: Pick<SearchQuery, 'filters' | 'limit'> = {}): SearchHit[] {
    this.#open()
    checkQuery(options)
    this.loadColumns()
    const parsed = parseQuery(aboutWords(record).join(' '))
    if (parsed === undefined) return []
    const expression = parsed.terms
      .map((term) => this.#termMatch(term, this.#named(term), DOC_COLUMNS, DUTCH_COLUMNS))
      .join(' OR ')
    const { rowids, scores } = this.#ranked(expression)
    const accept = predicate({ filters: options.filters }, this.#cache, this.#facts)
    const self = this.#currentRowid(formatRef(record))
    const candidates: Candidate[] = []
    rowids.forEach((rowid, i) => {
      if (rowid !== self && accept(rowid)) candidates.push({ rowid, score: scores?.[i] ?? 0 })
    })
    candidates.sort((a, b) => b.score - a.score || a.rowid - b.rowid)
    // the first words of a long record would fill the snippet: the hit shows its summary instead
    return this.#hits(candidates.slice(0, options.limit ?? 10), undefined)
  }

  /** Number of indexed current records (the snapshot's count while its arrays are not read). */
  get size(): number {
    return this.#deferred?.currentCount ?? this.#cache.currentCount
  }

  /** Whether the in-memory columns are read: not yet after an open that found a snapshot. */
  get columnsLoaded(): boolean {
    return this.#deferred === undefined
  }

  /**
   * Reads the in-memory columns now if the open deferred them (every read and write does it
   * first); true when it read them. A node calls it once its API has answered what came first.
   */
  loadColumns(): boolean {
    this.#open()
    const found = this.#deferred
    if (found === undefined) return false
    this.#deferred = undefined
    // a file that no longer fits (replaced meanwhile) leaves the rows to read, as at open
    if (!readDocSnapshot(this.#db, found, this.#cache)) this.#cache.load(this.#db)
    return true
  }

  /** Closes the file, marked clean unless a write failed. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    try {
      this.#commits.commit()
      // columns never read: the index did not change, so the snapshot it opened with still fits
      if (!this.#damaged && this.#deferred === undefined) this.#markClean()
      else if (!this.#damaged) markClean(this.#db)
    } finally {
      this.#db.close()
    }
  }

  /** The clean mark, with a snapshot of the columns for the next open when it can be written. */
  #markClean(): void {
    try {
      this.#db.exec('BEGIN')
      saveDocSnapshot(this.#db, this.#cache)
      markClean(this.#db)
      this.#db.exec('COMMIT')
    } catch {
      // without a snapshot the next open reads the rows: slower, as correct (the last one,
      // from before this open's changes, must not be read instead)
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK')
      dropDocSnapshot(this.#db)
      markClean(this.#db)
    }
  }

  /** Closes the file without the clean mark (a rebuild was cut short): the next open rebuilds. */
  abandon(): void {
    this.#damaged = true
    this.close()
  }

  #search(query: SearchQuery): SearchResult {
    const parsed = parseQuery(query.text ?? '')
    const filter = filterOf(query, this.#cache, this.#facts)
    const accept = filter.accept
    if (parsed === undefined) {
      const selection = browse(query, this.#cache, this.#facts, filter, () => this.#everything())
      return resultOf(selection, this.#hits(selection.page, undefined), {
        relaxed: false,
        broad: false,
      })
    }
    const ranked = (query.sort ?? 'relevance') === 'relevance'
    const key = `${ranked}\u0000${parsed.terms.map((t) => `${t.words.join(' ')}${t.prefix ? '*' : ''}`).join('\u0000')}`
    // matches scored for this query's filters only serve the same filters
    const scopedKey = `${key}\u0001${JSON.stringify([query.filters, query.budget, query.history])}`
    let found = this.#recent.get(key) ?? this.#recent.get(scopedKey)
    if (found === undefined) {
      // without filters the predicate keeps every current version: nothing to skip
      const filtered = Object.keys(query.filters ?? {}).length > 0 || query.budget !== undefined
      found = this.#find(parsed, ranked, filtered ? accept : undefined)
      this.#recent.set(found.scoped ? scopedKey : key, found)
    }
    const { matches, relaxed, broad } = found
    const selection = select(matches, query, this.#cache, this.#facts, filter)
    return resultOf(selection, this.#hits(selection.page, parsed), { relaxed, broad })
  }

  /**
   * The versions matching a query's words, ranked when the sort is by relevance; with
   * `accept`, only the versions it accepts may be scored.
   */
  #find(parsed: ParsedQuery, ranked: boolean, accept?: Predicate): Found {
    // the organisations each term names, asked once per query
    const named = parsed.terms.map((term) => this.#named(term))
    const expressionOf = (columns: string, dutchColumns: string, merge: boolean) =>
      parsed.terms.map((term, i) =>
        this.#termMatch(term, named[i] ?? [], columns, dutchColumns, merge),
      )
    const terms = expressionOf(DOC_COLUMNS, DUTCH_COLUMNS, true)
    const all = terms.join(' AND ')
    // BM25 over the phrases as always written, so scores do not depend on the merge
    const scored = (join: string) => expressionOf(DOC_COLUMNS, DUTCH_COLUMNS, false).join(join)
    if (ranked) {
      const hinted = this.#rankedAtOnce(all, scored(' AND '), accept)
      if (hinted !== undefined) {
        return { matches: hinted, relaxed: false, broad: false, scoped: accept !== undefined }
      }
    }
    let relaxed = false
    let join = ' AND '
    let rowids = this.#rowids(all)
    this.#counts.set(all, rowids.length)
    if (rowids.length === 0 && terms.length > 1) {
      relaxed = true
      join = ' OR '
      rowids = this.#rowids(terms.join(join))
    }
    // Counting first costs a second pass for ranked queries, but knowing the count lets a
    // broad query skip BM25, which costs several times a pass.
    const broad = ranked && rowids.length > RANK_ALL
    if (broad) {
      const inTitle = expressionOf('title', 'title_nl', true).join(join)
      return { matches: this.#titleFirst(rowids, inTitle), relaxed, broad, scoped: false }
    }
    if (!ranked) return { matches: { rowids, scores: undefined }, relaxed, broad, scoped: false }
    const expression = scored(join)
    if (accept !== undefined) {
      const mask = new Uint8Array(this.#cache.end)
      let kept = 0
      for (const rowid of rowids) {
        if (accept(rowid)) {
          mask[rowid] = 1
          kept++
        }
      }
      if (kept < rowids.length * SCORE_ACCEPTED_BELOW) {
        const matches = this.#rankedAmong(expression, rowids, mask, kept)
        return { matches, relaxed, broad, scoped: true }
      }
    }
    return { matches: this.#ranked(expression), relaxed, broad, scoped: false }
  }

  /** A term as an FTS5 expression: its words in the text, or an organisation it names. */
  #termMatch(
    term: Term,
    authors: readonly number[],
    columns: string,
    dutchColumns: string,
    merge = false,
  ): string {
    const text = termExpression(term, columns, dutchColumns, { merge })
    if (authors.length === 0) return `(${text})`
    const named = authors.map((id) => `{org} : "${authorToken(id)}"`)
    return `(${text} OR ${named.join(' OR ')})`
  }

  /** The organisations whose name a term matches; none when it matches too many to name one. */
  #named(term: Term): number[] {
    const authors = this.#authors.matching(termExpression(term, 'names', 'names_nl'))
    return authors.length > MAX_AUTHORS_PER_TERM ? [] : authors
  }

  /** Every indexed version: a query without words. */
  #everything(): Matches {
    const { state, end } = this.#cache
    const rowids = new Int32Array(end)
    let n = 0
    for (let rowid = 1; rowid < end; rowid++) if (state[rowid] !== ABSENT) rowids[n++] = rowid
    return { rowids: rowids.subarray(0, n), scores: undefined }
  }

  /**
   * A ranked query scored without counting its matches first, when `counted` (the same
   * matches) last matched between 1 and `RANK_ALL` versions; undefined when it was not
   * counted, or the score pass finds none or too many (a stale count: then counted again).
   */
  #rankedAtOnce(counted: string, expression: string, accept?: Predicate): Matches | undefined {
    const hint = this.#counts.get(counted)
    if (hint === undefined || hint === 0 || hint > RANK_ALL) return undefined
    const matches =
      accept === undefined ? this.#ranked(expression) : this.#rankedIf(expression, accept)
    const n = matches.rowids.length
    return n > 0 && n <= RANK_ALL ? matches : undefined
  }

  /** Rowids matching an expression, read as one string: far cheaper than a row per match. */
  #rowids(expression: string): Int32Array {
    const row = this.#prepare(
      'SELECT count(*) AS n, group_concat(rowid) AS rowids FROM fts WHERE fts MATCH ?',
    ).get(expression)
    return parseRowids(row?.rowids, Number(row?.n ?? 0))
  }

  /** BM25 of every match; at about a microsecond a match, only asked for up to `RANK_ALL`. */
  #ranked(expression: string): Matches {
    const statement = this.#prepare(`SELECT rowid, ${BM25} FROM fts WHERE fts MATCH ?`)
    statement.setReturnArrays(true)
    return matchesOf(statement.all(expression) as unknown as [number, number][])
  }

  /**
   * Every match, with BM25 for those `accept` keeps and 0 for the others, in one pass:
   * `polder_accepts` is asked about every match, in FTS5's order, and notes each rowid.
   */
  #rankedIf(expression: string, accept: Predicate): Matches {
    const statement = this.#rankedWhere()
    const { result, asked } = this.#accepted.noting(accept, () => statement.all(expression))
    return scoresOf(asked, result as unknown as [number, number][])
  }

  /**
   * BM25 of the matches marked in `mask` (`kept` of them), the others scored 0: the same
   * scores as {@link #ranked} for the rows kept, without computing the rest.
   */
  #rankedAmong(expression: string, rowids: Int32Array, mask: Uint8Array, kept: number): Matches {
    if (kept === 0) return { rowids, scores: new Float64Array(rowids.length) }
    const statement = this.#rankedWhere()
    const rows = this.#accepted.with(
      (rowid) => mask[rowid] === 1,
      () => statement.all(expression),
    ) as unknown as [number, number][]
    return scoresOf(rowids, rows)
  }

  /** BM25 of the matches `polder_accepts` keeps, computed only for those. */
  #rankedWhere(): StatementSync {
    const statement = this.#prepare(
      `SELECT rowid, ${BM25} FROM fts WHERE fts MATCH ? AND ${ACCEPTS}(rowid)`,
    )
    statement.setReturnArrays(true)
    return statement
  }

  /**
   * Ranking for a broad query (more than `RANK_ALL` matches, where BM25 would cost tens of
   * milliseconds): versions with every term in the title or the organisation's name first,
   * then the rest; the newest first within each (the tie-break of `select`).
   */
  #titleFirst(rowids: Int32Array, inTitle: string): Matches {
    const titled = new Uint8Array(this.#cache.end)
    const row = this.#prepare(
      'SELECT group_concat(rowid) AS rowids FROM titles WHERE titles MATCH ?',
    ).get(inTitle)
    markRowids(row?.rowids, titled)
    const scores = new Float64Array(rowids.length)
    for (let i = 0; i < rowids.length; i++) scores[i] = titled[rowids[i] ?? 0] ?? 0
    return { rowids, scores }
  }

  /** The rowid of a record's current version, by its `polder://<did>/<id>` reference. */
  #currentRowid(ref: string): number | undefined {
    const slash = ref.lastIndexOf('/')
    const author = this.#authors.find(ref.slice('polder://'.length, slash))
    if (!ref.startsWith('polder://') || author === undefined) return undefined
    const row = this.#prepare(
      'SELECT rowid FROM docs WHERE author = ? AND id = ? AND current = 1',
    ).get(author, ref.slice(slash + 1))
    return row === undefined ? undefined : (row.rowid as number)
  }

  #open(): void {
    if (this.#closed) throw new SearchIndexClosedError()
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql)
    if (statement === undefined) {
      statement = prepare(this.#db, sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }

  /**
   * Runs `work` in the open write transaction, committed later (see DeferredCommit); `work`
   * returns how many states it wrote, if not one.
   */
  #transaction(work: () => number | undefined): void {
    this.#open()
    this.loadColumns() // before any change: the snapshot is of the index as it was opened
    this.#recent.clear() // whatever this writes changes what matches
    try {
      this.#commits.write(() => work() ?? 1)
    } catch (error) {
      this.#lost()
      throw error
    }
  }

  /** A write failed or was lost: the memory copy may disagree with the file. */
  #lost(): void {
    this.#damaged = true
    this.#authors.load()
    this.#deferred = undefined
    this.#cache.load(this.#db)
  }

  #hits(page: readonly Candidate[], parsed: ParsedQuery | undefined): SearchHit[] {
    // one statement for the page: a statement per hit cost twice as much (0.23-0.42 against
    // 0.13-0.16 ms for 20)
    const locate = this.#prepare(
      'SELECT rowid, author, id, version FROM docs WHERE rowid IN (SELECT value FROM json_each(?))',
    )
    const rows = new Map(
      locate.all(JSON.stringify(page.map((c) => c.rowid))).map((row) => [row.rowid, row]),
    )
    return page.flatMap((candidate) => {
      const row = rows.get(candidate.rowid)
      const author = this.#authors.dids[row?.author as number]
      if (row === undefined || author === undefined) return []
      const record = this.#records(author, row.id as string, row.version as number)
      // Gone from the store since it was indexed (blocked, or a race with a retraction).
      if (record === undefined || isTombstone(record)) return []
      const hit: SearchHit = {
        author: record.author,
        id: record.id,
        version: record.version,
        kind: record.kind,
        title: record.title,
        summary: record.summary,
        snippet: parsed === undefined ? '' : snippetOf(record, parsed.terms),
        score: candidate.score,
        updated: record.updated,
        budget: 'budget' in record ? record.budget : undefined,
      }
      return [hit]
    })
  }

  #applyOne(state: RecordState): void {
    const { id, version } = state
    const author = this.#authors.idOf(state.author)
    const retracted = this.#prepare(
      'SELECT version FROM retracted WHERE author = ? AND id = ?',
    ).get(author, id)
    if (retracted !== undefined) return // a retraction is final: no version comes back
    if (isTombstone(state)) {
      this.#removeRecord(author, id)
      this.#prepare('INSERT OR REPLACE INTO retracted (author, id, version) VALUES (?, ?, ?)').run(
        author,
        id,
        version,
      )
      if (state.kind === 'organization') this.#authors.setProfile(author, undefined)
      return
    }
    const versions = this.#prepare(
      'SELECT rowid, version FROM docs WHERE author = ? AND id = ?',
    ).all(author, id)
    if (versions.some((row) => row.version === version)) return // already indexed
    const current = versions.every((row) => (row.version as number) < version)
    if (current) {
      for (const row of versions) {
        this.#prepare('UPDATE docs SET current = 0 WHERE rowid = ?').run(row.rowid as number)
        this.#cache.setOld(row.rowid as number)
      }
    }
    this.#insert(state, author, current)
    if (current && state.kind === 'organization') {
      const profile: AuthorProfile = { names: state.title, orgType: state.orgType }
      this.#authors.setProfile(author, profile)
    }
  }

  #insert(record: PolderRecord, author: number, current: boolean): void {
    const doc = indexedDoc(record)
    const facets = Uint32Array.from(doc.facets, ([facet, value]) =>
      this.#cache.values.id(facet, value),
    )
    const updated = Date.parse(record.updated)
    const budget = doc.budget === undefined ? undefined : Number(doc.budget)
    const { lastInsertRowid } = this.#prepare(
      `INSERT INTO docs (author, id, version, current, updated, budget, currency, facets)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      author,
      record.id,
      record.version,
      current ? 1 : 0,
      Number.isNaN(updated) ? 0 : updated,
      budget ?? null,
      doc.currency ?? null,
      facetBlob(facets),
    )
    const t = doc.text
    this.#prepare(
      `INSERT INTO fts (rowid, title, summary, body, title_nl, summary_nl, body_nl, org)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      lastInsertRowid,
      t.title,
      t.summary,
      t.body,
      t.titleNl,
      t.summaryNl,
      t.bodyNl,
      authorToken(author),
    )
    this.#prepare('INSERT INTO titles (rowid, title, title_nl, org) VALUES (?, ?, ?, ?)').run(
      lastInsertRowid,
      t.title,
      t.titleNl,
      authorToken(author),
    )
    this.#cache.add(Number(lastInsertRowid), {
      author,
      current,
      updated: Number.isNaN(updated) ? 0 : updated,
      budget,
      currency: doc.currency,
      facets,
    })
  }

  #removeRecord(author: number, id: string): void {
    const rows = this.#prepare('SELECT rowid FROM docs WHERE author = ? AND id = ?').all(author, id)
    for (const row of rows) this.#removeVersion(row.rowid as number)
  }

  /**
   * Deletes one version. Statements here touch one row by rowid: a statement that may touch
   * several opens a savepoint, and FTS5 writes out its pending terms at every savepoint,
   * which made indexing three times slower.
   */
  #removeVersion(rowid: number): void {
    this.#prepare('DELETE FROM fts WHERE rowid = ?').run(rowid)
    this.#prepare('DELETE FROM titles WHERE rowid = ?').run(rowid)
    this.#prepare('DELETE FROM docs WHERE rowid = ?').run(rowid)
    this.#cache.remove(rowid)
  }
}
