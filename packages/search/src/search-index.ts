/** The index: writes (apply, remove, rebuild) and reads (search) over one SQLite file. */
import type { DatabaseSync, StatementSync } from 'node:sqlite'
import {
  isTombstone,
  type LangMap,
  type PolderRecord,
  type RecordKind,
  type RecordState,
} from '@polder/schema'
import { WEIGHTS } from './constants.js'
import { FTS_TABLE, openDatabase } from './database.js'
import { ABSENT, DocColumns } from './doc-cache.js'
import { indexedDoc } from './document.js'
import { SearchIndexClosedError } from './errors.js'
import { type ParsedQuery, parseQuery } from './query.js'
import { type Authors, type Candidate, type Selection, select } from './select.js'
import { markByStem, OPEN, toHtml } from './snippet.js'
import type { SearchHit, SearchQuery, SearchResult } from './types.js'

export interface SearchIndexInit {
  /** The index file, e.g. `<home>/search.sqlite`; `:memory:` for tests. */
  readonly path: string
}

export interface OpenedIndex {
  readonly index: SearchIndex
  /** The file was missing, corrupt or outdated: call `index.rebuild(store states)`. */
  readonly needsRebuild: boolean
}

/** A change as the store emits it; only the state matters here. */
export interface IndexChange {
  readonly state: RecordState
}

interface Author {
  readonly names: LangMap
  readonly orgType: string
}

const resultOf = (selection: Selection, hits: SearchHit[], relaxed: boolean): SearchResult => ({
  total: selection.total,
  hits,
  facets: selection.counts,
  cursor: selection.cursor,
  relaxed,
})

const BM25 = `bm25(fts, ${WEIGHTS.join(', ')})`

export class SearchIndex {
  readonly #db: DatabaseSync
  readonly #cache = new DocColumns()
  readonly #authors = new Map<string, Author>()
  readonly #statements = new Map<string, StatementSync>()
  #closed = false

  private constructor(db: DatabaseSync) {
    this.#db = db
    this.#loadAuthors()
    this.#cache.load(db)
  }

  /** Opens (or creates) the index file and says whether it must be rebuilt. */
  static open(init: SearchIndexInit): OpenedIndex {
    const { db, needsRebuild } = openDatabase(init.path)
    return { index: new SearchIndex(db), needsRebuild }
  }

  /** Indexes one new state: a version replaces the previous one, a tombstone removes it. */
  apply(change: IndexChange): void {
    this.applyMany([change.state])
  }

  /** Indexes many states in one transaction, in any order. */
  applyMany(states: Iterable<RecordState>): void {
    this.#transaction(() => {
      for (const state of states) this.#applyOne(state)
    })
  }

  /** Drops every version of a record. */
  remove(author: string, id: string): void {
    this.#transaction(() => this.#removeRecord(author, id))
  }

  /** Replaces the whole index with these states (each record's versions, any order). */
  rebuild(states: Iterable<RecordState>): void {
    const all = [...states]
    this.#transaction(() => {
      this.#db.exec(`DELETE FROM docs; DELETE FROM authors; DELETE FROM retracted;
        DROP TABLE fts; ${FTS_TABLE}`)
      this.#statements.clear()
      this.#authors.clear()
      this.#cache.clear()
      // Organisations first, so every record is indexed with its author's name.
      for (const state of all) if (state.kind === 'organization') this.#applyOne(state)
      for (const state of all) if (state.kind !== 'organization') this.#applyOne(state)
    })
  }

  /** Runs a query; bad input gives a {@link SearchQueryError}, never an SQL error. */
  search(query: SearchQuery = {}): SearchResult {
    this.#open()
    const parsed = parseQuery(query.text ?? '')
    const authors: Authors = {
      orgTypeOf: (did) => this.#authors.get(did)?.orgType,
      namesOf: (did) => this.#authors.get(did)?.names,
    }
    if (parsed === undefined) {
      const candidates = this.#all()
      const selection = select(candidates, query, this.#cache, authors, false)
      return resultOf(selection, this.#hits(selection.page, undefined), false)
    }
    const ranked = (query.sort ?? 'relevance') === 'relevance'
    let expression = parsed.strict
    let selection = select(this.#matches(expression, ranked), query, this.#cache, authors, true)
    let relaxed = false
    if (selection.total === 0 && parsed.relaxed !== undefined) {
      expression = parsed.relaxed
      selection = select(this.#matches(expression, ranked), query, this.#cache, authors, true)
      relaxed = true
    }
    return resultOf(selection, this.#hits(selection.page, parsed), relaxed)
  }

  /** Number of indexed current records. */
  get size(): number {
    return this.#cache.currentCount
  }

  close(): void {
    if (this.#closed) return
    this.#closed = true
    this.#db.close()
  }

  #open(): void {
    if (this.#closed) throw new SearchIndexClosedError()
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql)
    if (statement === undefined) {
      statement = this.#db.prepare(sql)
      this.#statements.set(sql, statement)
    }
    return statement
  }

  #transaction(work: () => void): void {
    this.#open()
    this.#db.exec('BEGIN IMMEDIATE')
    try {
      work()
      this.#db.exec('COMMIT')
    } catch (error) {
      this.#db.exec('ROLLBACK')
      // The memory copy may hold part of the failed work: read it back from the file.
      this.#loadAuthors()
      this.#cache.load(this.#db)
      throw error
    }
  }

  *#all(): Generator<Candidate> {
    const { state, end } = this.#cache
    for (let rowid = 1; rowid < end; rowid++) if (state[rowid] !== ABSENT) yield { rowid, score: 0 }
  }

  /**
   * The versions matching `expression`. BM25 over every match costs about as much as the
   * match itself, so it is only computed when the sort needs it; otherwise the rowids come
   * back as one string, which is cheaper than a row object per match.
   */
  *#matches(expression: string, ranked: boolean): Generator<Candidate> {
    if (ranked) {
      const statement = this.#prepare(`SELECT rowid, ${BM25} FROM fts WHERE fts MATCH ?`)
      statement.setReturnArrays(true)
      const rows = statement.all(expression) as unknown as [number, number][]
      for (const [rowid, rank] of rows) yield { rowid, score: -rank }
      return
    }
    const row = this.#prepare(
      'SELECT group_concat(rowid) AS rowids FROM fts WHERE fts MATCH ?',
    ).get(expression)
    const rowids = typeof row?.rowids === 'string' ? row.rowids.split(',') : []
    for (const rowid of rowids) yield { rowid: Number(rowid), score: 0 }
  }

  #hits(page: readonly Candidate[], parsed: ParsedQuery | undefined): SearchHit[] {
    if (page.length === 0) return []
    const rowids = JSON.stringify(page.map((c) => c.rowid))
    const rows = this.#prepare(
      `SELECT rowid, author, id, version, kind, updated, amount, currency, title, summary
       FROM docs WHERE rowid IN (SELECT value FROM json_each(?))`,
    ).all(rowids)
    const byRowid = new Map(rows.map((row) => [row.rowid as number, row]))
    const snippets =
      parsed === undefined ? new Map<number, string>() : this.#snippets(rowids, parsed)
    return page.flatMap((candidate) => {
      const row = byRowid.get(candidate.rowid)
      if (row === undefined) return []
      const summary =
        row.summary === null ? undefined : (JSON.parse(row.summary as string) as LangMap)
      let snippet = snippets.get(candidate.rowid) ?? ''
      if (parsed !== undefined && !snippet.includes('<mark>')) {
        snippet = toHtml(
          markByStem(
            Object.values(summary ?? JSON.parse(row.title as string)).join(' '),
            parsed.terms,
          ),
        )
      }
      const hit: SearchHit = {
        author: row.author as string,
        id: row.id as string,
        version: row.version as number,
        kind: row.kind as RecordKind,
        title: JSON.parse(row.title as string) as LangMap,
        summary,
        snippet,
        score: candidate.score,
        updated: row.updated as string,
        budget:
          typeof row.amount === 'string' && typeof row.currency === 'string'
            ? { amount: row.amount, currency: row.currency }
            : undefined,
      }
      return [hit]
    })
  }

  /**
   * Snippets of summary, body, meta and title; the first with a marked word wins. Marked
   * here rather than by FTS5's snippet(): that re-runs the MATCH once per hit, which costs
   * more than the whole search, while reading 20 rows of text by rowid is nearly free.
   */
  #snippets(rowids: string, parsed: ParsedQuery): Map<number, string> {
    const statement = this.#prepare(
      'SELECT rowid, summary, body, meta, title FROM fts WHERE rowid IN (SELECT value FROM json_each(?))',
    )
    statement.setReturnArrays(true)
    const out = new Map<number, string>()
    for (const [rowid, ...texts] of statement.all(rowids) as unknown as [number, ...string[]][]) {
      for (const text of texts) {
        const marked = markByStem(text, parsed.terms)
        if (marked.includes(OPEN)) {
          out.set(rowid, toHtml(marked))
          break
        }
      }
    }
    return out
  }

  #applyOne(state: RecordState): void {
    const { author, id, version } = state
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
      if (state.kind === 'organization') this.#setAuthor(author, undefined)
      return
    }
    const versions = this.#prepare(
      'SELECT rowid, version FROM docs WHERE author = ? AND id = ?',
    ).all(author, id)
    if (versions.some((row) => row.version === version)) return // already indexed
    const current = versions.every((row) => (row.version as number) < version)
    if (current) {
      this.#prepare('UPDATE docs SET current = 0 WHERE author = ? AND id = ?').run(author, id)
      for (const row of versions) this.#cache.setOld(row.rowid as number)
    }
    this.#insert(state, current)
    if (current && state.kind === 'organization') {
      this.#setAuthor(author, { names: state.title, orgType: state.orgType })
    }
  }

  #insert(record: PolderRecord, current: boolean): void {
    const doc = indexedDoc(record)
    const amount = 'budget' in record ? record.budget?.amount : undefined
    const { lastInsertRowid } = this.#prepare(
      `INSERT INTO docs (author, id, version, current, kind, updated, budget, amount, currency, title, summary, facets)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      record.author,
      record.id,
      record.version,
      current ? 1 : 0,
      record.kind,
      record.updated,
      doc.budget === undefined ? null : doc.budget.toString(),
      amount ?? null,
      doc.currency ?? null,
      JSON.stringify(record.title),
      record.summary === undefined ? null : JSON.stringify(record.summary),
      JSON.stringify(doc.facets),
    )
    const t = doc.text
    this.#prepare(
      `INSERT INTO fts (rowid, title, summary, body, meta, org, title_nl, text_nl)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      lastInsertRowid,
      t.title,
      t.summary,
      t.body,
      t.meta,
      this.#orgText(record.author),
      t.titleNl,
      t.textNl,
    )
    this.#cache.add(Number(lastInsertRowid), {
      author: record.author,
      current,
      updated: record.updated,
      budget: doc.budget,
      currency: doc.currency,
      facets: doc.facets,
    })
  }

  #removeRecord(author: string, id: string): void {
    const rows = this.#prepare('SELECT rowid FROM docs WHERE author = ? AND id = ?').all(author, id)
    for (const row of rows) {
      this.#prepare('DELETE FROM fts WHERE rowid = ?').run(row.rowid as number)
      this.#cache.remove(row.rowid as number)
    }
    this.#prepare('DELETE FROM docs WHERE author = ? AND id = ?').run(author, id)
  }

  /** Records an organisation's name and type, and re-tags its records' `org` column. */
  #setAuthor(did: string, author: Author | undefined): void {
    const before = this.#authors.get(did)
    if (author === undefined) {
      this.#authors.delete(did)
      this.#prepare('DELETE FROM authors WHERE did = ?').run(did)
    } else {
      this.#authors.set(did, author)
      this.#prepare('INSERT OR REPLACE INTO authors (did, names, org_type) VALUES (?, ?, ?)').run(
        did,
        JSON.stringify(author.names),
        author.orgType,
      )
    }
    const same = JSON.stringify(before?.names) === JSON.stringify(author?.names)
    if (!same) {
      this.#prepare(
        'UPDATE fts SET org = ? WHERE rowid IN (SELECT rowid FROM docs WHERE author = ?)',
      ).run(this.#orgText(did), did)
    }
  }

  #orgText(did: string): string {
    return Object.values(this.#authors.get(did)?.names ?? {}).join('\n')
  }

  #loadAuthors(): void {
    this.#authors.clear()
    for (const row of this.#db.prepare('SELECT did, names, org_type FROM authors').all()) {
      this.#authors.set(row.did as string, {
        names: JSON.parse(row.names as string) as LangMap,
        orgType: row.org_type as string,
      })
    }
  }
}
