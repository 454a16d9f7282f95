/**
 * Prototype (round 5, issue 18): postings of our own, with BM25 and the match set computed
 * in JavaScript, against the index's own search on the same records, in one process, turn
 * by turn (index, postings in memory, postings in SQLite, FTS5's own postings read from
 * its pages by `postings-fts5.ts`). It answers two questions before
 * the postings are built for real: do the ranked and broad queries come near 2 ms CPU
 * when FTS5 no longer finds and scores them, and what do the postings cost to write?
 *
 *   node bench/src/search-postings.ts [records] [dir] [rounds]
 *
 * What it keeps per version, as a write path would: for each of our terms (a folded word
 * of the non-Dutch columns, a Dutch stem of the `*_nl` columns, the author's token) the
 * versions holding it with their frequency in each of its three columns, and each
 * version's length in tokens; in memory as typed arrays, or in SQLite as one row per term
 * and write transaction of 2,000 versions (varints), keyed by (term, segment) and, in the
 * column "by segment" (round 6), by (segment, term) as a write path appends them. Write costs are CPU time of the
 * postings alone (the texts come from `indexedDoc`, which today's path runs anyway),
 * printed beside today's whole write path and FTS5's inserts alone in the same run.
 *
 * Matching and scoring follow `#find`: every query word is its exact form in the
 * non-Dutch columns OR its Dutch stem as a prefix in the Dutch ones OR an organisation it
 * names; all words (AND), else any (OR); BM25 as FTS5 computes it (per phrase IDF, k1 1.2,
 * b 0.75, column weights, the whole row's length); a broad query (more than 5,000
 * matches) ranked title first. Facets, filters and the page by the index's own `select`
 * over the same doc columns. Not modelled: FTS5's porter stems of the non-Dutch columns
 * in our postings (the exact word is looked up, so "charging" misses "charge": the totals
 * differ a little; FTS5's pages have them),
 * phrases by position (a quoted phrase is its words, AND), deletions, hits and snippets
 * (0.2-0.5 ms in round 4's breakdown).
 */
import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { PolderRecord } from '@polder/schema'
import { dutchStem, SearchIndex, type SearchQuery } from '@polder/search'
import { authorToken } from '../../packages/search/dist/authors.js'
import { RANK_ALL, WEIGHTS } from '../../packages/search/dist/constants.js'
import { FTS_TABLE, TITLES_TABLE } from '../../packages/search/dist/database.js'
import { DocColumns } from '../../packages/search/dist/doc-cache.js'
import { type IndexedText, indexedDoc } from '../../packages/search/dist/document.js'
import { parseQuery, type Term, termExpression } from '../../packages/search/dist/query.js'
import { type AuthorFacts, filterOf, select } from '../../packages/search/dist/select.js'
import { words } from '../../packages/search/dist/tokenize.js'
import { Fts5Postings, type List, type Source } from './postings-fts5.ts'
import { percentile } from './report.ts'
import { AUTHORS, QUERIES } from './search.ts'
import { cpuMs, median, searchFixture } from './search-fixture.ts'

const { count, dir, rounds, states, records, path } = searchFixture(20)

/** Postings as built at write time: per term, versions ascending with three frequencies. */
class Postings implements Source {
  readonly terms: string[] = []
  readonly offsets: Uint32Array
  readonly docs: Int32Array
  /** Frequencies in the term's three columns, one byte each (capped at 255). */
  readonly freqs: Uint32Array
  readonly length: Uint32Array
  readonly avgLength: number
  readonly docCount: number

  constructor(build: Map<string, number[]>, length: Uint32Array, docCount: number) {
    this.terms = [...build.keys()].sort()
    let total = 0
    for (const list of build.values()) total += list.length / 2
    this.offsets = new Uint32Array(this.terms.length + 1)
    this.docs = new Int32Array(total)
    this.freqs = new Uint32Array(total)
    let at = 0
    this.terms.forEach((term, t) => {
      this.offsets[t] = at
      const list = build.get(term) as number[]
      for (let i = 0; i < list.length; i += 2) {
        this.docs[at] = list[i] as number
        this.freqs[at] = list[i + 1] as number
        at++
      }
    })
    this.offsets[this.terms.length] = at
    this.length = length
    this.docCount = docCount
    let sum = 0
    for (const l of length) sum += l
    this.avgLength = sum / docCount
  }

  /** The lists of `key`, or of every term starting with it. */
  lists(key: string, prefix: boolean): List[] {
    const [from, to] = this.range(key, prefix)
    const out: List[] = []
    for (let t = from; t < to; t++) {
      const a = this.offsets[t] as number
      const b = this.offsets[t + 1] as number
      out.push({ docs: this.docs.subarray(a, b), freqs: this.freqs.subarray(a, b) })
    }
    return out
  }

  /** Term ids of `key` exactly, or of every term starting with it. */
  range(key: string, prefix: boolean): [number, number] {
    let low = 0
    let high = this.terms.length
    while (low < high) {
      const mid = (low + high) >> 1
      if ((this.terms[mid] as string) < key) low = mid + 1
      else high = mid
    }
    if (!prefix) return this.terms[low] === key ? [low, low + 1] : [low, low]
    let end = low
    while (end < this.terms.length && (this.terms[end] as string).startsWith(key)) end++
    return [low, end]
  }
}

/** Every term seen, by id: one map lookup a token, no map per version. */
/** One map per group of columns, so a token is looked up as split, without a prefix joined to it. */
const dictionaries = new Map<string, Map<string, number>>([
  ['o', new Map()],
  ['n', new Map()],
  ['g', new Map()],
])
const termNames: string[] = []
let termFreq = new Uint32Array(1 << 16)
let termSeen = new Uint32Array(1 << 16)
let docStamp = 0
/** The last version's terms and their frequencies, `docTermCount` of them. */
const docTerms: number[] = []
const docFreqs: number[] = []

/** Our terms of one version, frequencies per column packed (col 0 low byte); its tokens. */
function termsOf(t: IndexedText, author: number): number {
  docStamp++
  docTerms.length = 0
  let tokens = 0
  const add = (prefix: string, text: string, column: number) => {
    const unit = 1 << (8 * column)
    const dictionary = dictionaries.get(prefix) as Map<string, number>
    for (const word of words(text)) {
      let id = dictionary.get(word)
      if (id === undefined) {
        id = termNames.length
        dictionary.set(word, id)
        termNames.push(prefix + word)
        if (id >= termFreq.length) {
          const grown = new Uint32Array(termFreq.length * 2)
          grown.set(termFreq)
          termFreq = grown
          const seen = new Uint32Array(termSeen.length * 2)
          seen.set(termSeen)
          termSeen = seen
        }
      }
      if (termSeen[id] !== docStamp) {
        termSeen[id] = docStamp
        termFreq[id] = unit
        docTerms.push(id)
      } else termFreq[id] = (termFreq[id] as number) + unit
      tokens++
    }
  }
  add('o', t.title, 0)
  add('o', t.summary, 1)
  add('o', t.body, 2)
  add('n', t.titleNl, 0)
  add('n', t.summaryNl, 1)
  add('n', t.bodyNl, 2)
  add('g', authorToken(author), 0)
  docFreqs.length = docTerms.length
  for (let i = 0; i < docTerms.length; i++) docFreqs[i] = termFreq[docTerms[i] as number] as number
  return tokens
}

const authorIds = new Map<string, number>(AUTHORS.map((did, i) => [did, i + 1]))
// the texts as the write path has them already (indexedDoc runs today): not timed
const texts = states.map((state) => indexedDoc(state as PolderRecord).text)

/** Builds the postings in memory from the records' texts, and times it. */
function buildPostings(): { postings: Postings; cpu: number } {
  const start = process.cpuUsage()
  const lists: number[][] = []
  const length = new Uint32Array(count + 1)
  texts.forEach((t, n) => {
    const rowid = n + 1
    length[rowid] = termsOf(t, authorIds.get(states[n]?.author ?? '') ?? 0)
    for (let i = 0; i < docTerms.length; i++) {
      const id = docTerms[i] as number
      let list = lists[id]
      if (list === undefined) {
        list = []
        lists[id] = list
      }
      list.push(rowid, docFreqs[i] as number)
    }
  })
  const build = new Map(lists.map((list, id) => [termNames[id] as string, list]))
  return { postings: new Postings(build, length, count), cpu: cpuMs(start) }
}

/** Body in the low byte on disk: most postings are body-only, one byte then. */
const rotate = (f: number): number => (f >>> 16) | (((f >> 8) & 255) << 8) | ((f & 255) << 16)

/** Writes a varint at `at`; returns where the next one goes. */
function putVarint(out: Uint8Array, at: number, value: number): number {
  while (value >= 128) {
    out[at++] = (value & 127) | 128
    value >>>= 7
  }
  out[at++] = value
  return at
}

/**
 * Postings in SQLite, one row per term and write transaction (a segment), as varints of the
 * rowid's delta and the frequencies; a prefix is a range scan over the terms. With
 * `bySegment` the same rows keyed by (segment, term), as a write path appends them
 * (`search-postings-write.ts`): a term is then looked up once per segment.
 */
class SqlPostings implements Source {
  readonly length: Uint32Array
  readonly avgLength: number
  readonly docCount: number
  readonly #select
  readonly #bySegment
  readonly #docs = new Int32Array(count + 1)
  readonly #freqs = new Uint32Array(count + 1)

  constructor(db: DatabaseSync, length: Uint32Array, bySegment = false) {
    this.length = length
    this.docCount = count
    let sum = 0
    for (const l of length) sum += l
    this.avgLength = sum / count
    this.#select = db.prepare('SELECT postings FROM postings WHERE term >= ? AND term < ?')
    this.#select.setReturnArrays(true)
    this.#bySegment = bySegment
      ? db.prepare('SELECT postings FROM by_segment WHERE segment = ? AND term >= ? AND term < ?')
      : undefined
    this.#bySegment?.setReturnArrays(true)
  }

  #rows(key: string, prefix: boolean): [Uint8Array][] {
    const end = prefix ? `${key}\uffff` : `${key}\u0000`
    if (this.#bySegment === undefined)
      return this.#select.all(key, end) as unknown as [Uint8Array][]
    const rows: [Uint8Array][] = []
    for (let segment = 0; segment < count; segment += SEGMENT) {
      for (const row of this.#bySegment.all(segment, key, end) as unknown as [Uint8Array][])
        rows.push(row)
    }
    return rows
  }

  lists(key: string, prefix: boolean): List[] {
    const rows = this.#rows(key, prefix)
    const out: List[] = []
    let at = 0
    for (const [bytes] of rows) {
      const start = at
      let doc = 0
      let i = 0
      while (i < bytes.length) {
        let delta = 0
        let shift = 0
        let byte: number
        do {
          byte = bytes[i++] as number
          delta |= (byte & 127) << shift
          shift += 7
        } while (byte >= 128)
        let f = 0
        shift = 0
        do {
          byte = bytes[i++] as number
          f |= (byte & 127) << shift
          shift += 7
        } while (byte >= 128)
        doc += delta
        this.#docs[at] = doc
        this.#freqs[at] = rotate(f) // a swap of bytes 0 and 2: its own inverse
        at++
      }
      out.push({ docs: this.#docs.subarray(start, at), freqs: this.#freqs.subarray(start, at) })
    }
    return out
  }
}

/** Versions per segment of the postings in SQLite: the rebuild's steps. */
const SEGMENT = 2_000

/** Writes the postings of every version to SQLite in chunks of 2,000 (the rebuild's steps). */
function buildSqlPostings(file: string): {
  source: SqlPostings
  bySegment: SqlPostings
  cpu: number
  bytes: number
} {
  rmSync(file, { force: true })
  const db = new DatabaseSync(file)
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE postings (term TEXT NOT NULL, segment INTEGER NOT NULL, postings BLOB NOT NULL,
      PRIMARY KEY (term, segment)) WITHOUT ROWID;
    CREATE TABLE lengths (rowid INTEGER PRIMARY KEY, tokens INTEGER NOT NULL)`)
  const insert = db.prepare('INSERT INTO postings (term, segment, postings) VALUES (?, ?, ?)')
  const insertLength = db.prepare('INSERT INTO lengths (rowid, tokens) VALUES (?, ?)')
  const start = process.cpuUsage()
  const length = new Uint32Array(count + 1)
  const CHUNK = SEGMENT
  let triples = new Int32Array(3 * 256_000)
  let perTerm = new Uint32Array(1)
  const bytes = new Uint8Array(10 * (count + 1))
  for (let first = 0; first < count; first += CHUNK) {
    db.exec('BEGIN')
    // the chunk's postings as flat triples, ordered by term with a counting sort
    let n = 0
    const chunkEnd = Math.min(count, first + CHUNK)
    for (let v = first; v < chunkEnd; v++) {
      const rowid = v + 1
      const tokens = termsOf(texts[v] as IndexedText, authorIds.get(states[v]?.author ?? '') ?? 0)
      length[rowid] = tokens
      insertLength.run(rowid, tokens)
      if (n + docTerms.length > triples.length / 3) {
        const grown = new Int32Array(triples.length * 2)
        grown.set(triples)
        triples = grown
      }
      for (let i = 0; i < docTerms.length; i++) {
        triples[3 * n] = docTerms[i] as number
        triples[3 * n + 1] = rowid
        triples[3 * n + 2] = rotate(docFreqs[i] as number)
        n++
      }
    }
    if (perTerm.length < termNames.length + 1) perTerm = new Uint32Array(termNames.length * 2 + 1)
    perTerm.fill(0)
    for (let i = 0; i < n; i++) {
      const t = (triples[3 * i] as number) + 1
      perTerm[t] = (perTerm[t] as number) + 1
    }
    for (let t = 1; t < perTerm.length; t++)
      perTerm[t] = (perTerm[t] as number) + (perTerm[t - 1] as number)
    const order = new Int32Array(n)
    const next = perTerm.slice()
    for (let i = 0; i < n; i++) {
      const t = triples[3 * i] as number
      const slot = next[t] as number
      next[t] = slot + 1
      order[slot] = i
    }
    let at = 0
    while (at < n) {
      const term = triples[3 * (order[at] as number)] as number
      let out = 0
      let last = 0
      for (; at < n && triples[3 * (order[at] as number)] === term; at++) {
        const i = order[at] as number
        out = putVarint(bytes, out, (triples[3 * i + 1] as number) - last)
        out = putVarint(bytes, out, triples[3 * i + 2] as number)
        last = triples[3 * i + 1] as number
      }
      insert.run(termNames[term] as string, first, bytes.subarray(0, out))
    }
    db.exec('COMMIT')
  }
  const cpu = cpuMs(start)
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  const bytesWritten = statSync(file).size
  // the same rows keyed by segment first, as appended by a write path (not timed)
  db.exec(`CREATE TABLE by_segment (segment INTEGER NOT NULL, term TEXT NOT NULL,
      postings BLOB NOT NULL, PRIMARY KEY (segment, term)) WITHOUT ROWID;
    INSERT INTO by_segment SELECT segment, term, postings FROM postings ORDER BY segment, term`)
  return {
    source: new SqlPostings(db, length),
    bySegment: new SqlPostings(db, length, true),
    cpu,
    bytes: bytesWritten,
  }
}

const K1 = 1.2
const B = 0.75

/** Per-query scratch arrays, allocated once. */
const size = count + 1
const freq = new Float64Array(size)
const phraseStamp = new Uint32Array(size)
const queryStamp = new Uint32Array(size)
const score = new Float64Array(size)
const termMask = new Uint32Array(size)
const titleStamp = new Uint32Array(size)
const titleMask = new Uint32Array(size)
const touched = new Int32Array(size)
const inQuery = new Int32Array(size)
let stamp = 0
let qstamp = 0

function evaluate(
  postings: Source,
  text: string,
  named: (term: Term) => number[],
): { rowids: Int32Array; scores: Float64Array; broad: boolean } {
  const parsed = parseQuery(text)
  if (parsed === undefined) throw new Error('no words')
  qstamp++
  let nq = 0
  const { length, avgLength, docCount } = postings
  parsed.terms.forEach((term, i) => {
    const bit = 1 << i
    const phrases: { key: string; prefix: boolean; weights: readonly number[] }[][] = []
    // a quoted phrase: its words, each as a term (positions not modelled)
    for (const word of term.words) {
      phrases.push([{ key: `o${word}`, prefix: term.prefix, weights: WEIGHTS.slice(0, 3) }])
      phrases.push([{ key: `n${dutchStem(word)}`, prefix: true, weights: WEIGHTS.slice(3, 6) }])
    }
    for (const id of named(term))
      phrases.push([{ key: `g${authorToken(id)}`, prefix: false, weights: [3, 0, 0] }])
    for (const phrase of phrases) {
      stamp++
      let nt = 0
      for (const { key, prefix, weights } of phrase) {
        const w0 = weights[0] as number
        const w1 = weights[1] as number
        const w2 = weights[2] as number
        for (const { docs, freqs } of postings.lists(key, prefix))
          for (let p = 0; p < docs.length; p++) {
            const d = docs[p] as number
            const f = freqs[p] as number
            const weighted = w0 * (f & 255) + w1 * ((f >> 8) & 255) + w2 * (f >>> 16)
            if (phraseStamp[d] !== stamp) {
              phraseStamp[d] = stamp
              touched[nt++] = d
              freq[d] = weighted
            } else freq[d] = (freq[d] as number) + weighted
            if ((f & 255) !== 0) titleStamp[d] = stamp
          }
      }
      const idf = Math.max(1e-6, Math.log((docCount - nt + 0.5) / (nt + 0.5)))
      for (let k = 0; k < nt; k++) {
        const d = touched[k] as number
        if (queryStamp[d] !== qstamp) {
          queryStamp[d] = qstamp
          inQuery[nq++] = d
          score[d] = 0
          termMask[d] = 0
          titleMask[d] = 0
        }
        const f = freq[d] as number
        score[d] =
          (score[d] as number) +
          (idf * (f * (K1 + 1))) / (f + K1 * (1 - B + (B * (length[d] as number)) / avgLength))
        termMask[d] = (termMask[d] as number) | bit
        if (titleStamp[d] === stamp) titleMask[d] = (titleMask[d] as number) | bit
      }
    }
  })
  const all = (1 << parsed.terms.length) - 1
  // ascending without a sort: one pass over the scratch arrays
  const collect = (any: boolean): Int32Array => {
    const out = new Int32Array(nq)
    let n = 0
    for (let d = 1; d < size; d++) {
      if (queryStamp[d] === qstamp && (any || termMask[d] === all)) out[n++] = d
    }
    return out.subarray(0, n)
  }
  let rowids = collect(false)
  if (rowids.length === 0 && parsed.terms.length > 1) rowids = collect(true)
  const broad = rowids.length > RANK_ALL
  const scores = new Float64Array(rowids.length)
  for (let i = 0; i < rowids.length; i++) {
    const d = rowids[i] as number
    scores[i] = broad ? (titleMask[d] === all ? 1 : 0) : (score[d] as number)
  }
  return { rowids, scores, broad }
}

/** Records per CPU second of today's write path (FTS5, titles, docs), on 20k records in memory. */
function todaysIndexing(): number {
  const n = Math.min(count, 20_000)
  const { index } = SearchIndex.open({ path: ':memory:', records })
  const start = process.cpuUsage()
  index.rebuild(states.slice(0, n))
  const cpu = cpuMs(start)
  index.close()
  return Math.round((n / cpu) * 1000)
}
/** Records per CPU second of the FTS5 inserts alone (fts, titles), on 20k texts in memory. */
function fts5Inserts(): { fts: number; titles: number } {
  const n = Math.min(count, 20_000)
  const db = new DatabaseSync(':memory:')
  db.exec(`${FTS_TABLE}; ${TITLES_TABLE}`)
  const fts =
    db.prepare(`INSERT INTO fts (rowid, title, summary, body, title_nl, summary_nl, body_nl, org)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const titles = db.prepare('INSERT INTO titles (rowid, title, title_nl, org) VALUES (?, ?, ?, ?)')
  const rate = (insert: (t: IndexedText, rowid: number) => void) => {
    const start = process.cpuUsage()
    db.exec('BEGIN')
    for (let i = 0; i < n; i++) insert(texts[i] as IndexedText, i + 1)
    db.exec('COMMIT')
    return Math.round((n / cpuMs(start)) * 1000)
  }
  const result = {
    fts: rate((t, r) =>
      fts.run(r, t.title, t.summary, t.body, t.titleNl, t.summaryNl, t.bodyNl, 'porg1'),
    ),
    titles: rate((t, r) => titles.run(r, t.title, t.titleNl, 'porg1')),
  }
  db.close()
  return result
}
process.stderr.write(`FTS5 inserts alone, records/CPU s: ${JSON.stringify(fts5Inserts())}\n`)
/** CPU of finding the terms alone (split, dictionary, counts per version), no postings kept. */
function termsOnly(): number {
  const start = process.cpuUsage()
  texts.forEach((t, n) => {
    termsOf(t, authorIds.get(states[n]?.author ?? '') ?? 0)
  })
  return cpuMs(start)
}
const before = todaysIndexing()
const { postings, cpu: buildCpu } = buildPostings()
process.stderr.write(
  `today's write path: ${before} and ${todaysIndexing()} records/CPU s (before and after the postings builds)\n`,
)
const heap = process.memoryUsage()
process.stderr.write(
  `in memory: ${postings.terms.length} terms, ${postings.docs.length} postings, ` +
    `${((postings.docs.byteLength + postings.freqs.byteLength) / 2 ** 20).toFixed(1)} MB of arrays; ` +
    `built in ${buildCpu.toFixed(0)} ms CPU (${Math.round((count / buildCpu) * 1000)} records/CPU s, ` +
    `postings only); heap ${(heap.heapUsed / 2 ** 20).toFixed(0)} MB\n`,
)
const termsCpu = termsOnly()
process.stderr.write(
  `terms alone (split, dictionary, counts): ${termsCpu.toFixed(0)} ms CPU (${Math.round((count / termsCpu) * 1000)} records/CPU s)\n`,
)
const sql = buildSqlPostings(join(dir, `postings-${count}.sqlite`))
process.stderr.write(
  `in SQLite: written in ${sql.cpu.toFixed(0)} ms CPU (${Math.round((count / sql.cpu) * 1000)} ` +
    `records/CPU s, postings only), ${(sql.bytes / 2 ** 20).toFixed(1)} MB\n`,
)

const { index } = SearchIndex.open({ path, records, recentQueries: 0 })
const db = new DatabaseSync(path, { readOnly: true })
const fts5 = new Fts5Postings(db, count)
const cache = new DocColumns()
cache.load(db)
const names = db.prepare('SELECT rowid FROM org_names WHERE org_names MATCH ?')
const named = (term: Term) =>
  names.all(termExpression(term, 'names', 'names_nl')).map((row) => row.rowid as number)
const facts: AuthorFacts = {
  size: AUTHORS.length + 1,
  orgTypeOf: () => undefined,
  namesOf: () => undefined,
  orgTypeOfDid: () => undefined,
}

let evalMs = 0
const prototypeSearch = (source: Source, query: SearchQuery) => {
  const evalStart = process.cpuUsage()
  const found = evaluate(source, query.text ?? '', named)
  evalMs = cpuMs(evalStart)
  const filter = filterOf(query, cache, facts)
  return { selection: select(found, query, cache, facts, filter), broad: found.broad }
}
const textQueries = QUERIES.filter((q) => q.text !== undefined)
const rows = textQueries.map((query) => {
  const times = {
    fts5: [] as number[],
    index: [] as number[],
    memory: [] as number[],
    sqlite: [] as number[],
    sqlMatch: [] as number[],
    bySegment: [] as number[],
  }
  let totals = ''
  for (let i = 0; i < rounds; i++) {
    let start = process.cpuUsage()
    const result = index.search(query)
    times.index.push(cpuMs(start))
    start = process.cpuUsage()
    prototypeSearch(postings, query)
    times.memory.push(cpuMs(start))
    start = process.cpuUsage()
    const proto = prototypeSearch(sql.source, query)
    times.sqlite.push(cpuMs(start))
    times.sqlMatch.push(evalMs)
    start = process.cpuUsage()
    prototypeSearch(sql.bySegment, query)
    times.bySegment.push(cpuMs(start))
    start = process.cpuUsage()
    const viaFts5 = prototypeSearch(fts5, query)
    times.fts5.push(cpuMs(start))
    // the index's, our postings', FTS5's pages'
    totals = `${result.total}/${proto.selection.total}/${viaFts5.selection.total}${result.broad ? ' broad' : ''}`
  }
  return {
    query: JSON.stringify(query).slice(0, 44),
    totals,
    index: median(times.index),
    memory: median(times.memory),
    sqlite: median(times.sqlite),
    'sqlite match': median(times.sqlMatch),
    'by segment': median(times.bySegment),
    'fts5 pages': median(times.fts5),
  }
})
console.table(rows)
const over = (key: 'index' | 'memory' | 'sqlite' | 'by segment' | 'fts5 pages', p: number) =>
  +percentile(
    rows.map((r) => r[key]).sort((a, b) => a - b),
    p,
  ).toFixed(2)
console.log(
  Object.fromEntries(
    (['index', 'memory', 'sqlite', 'by segment', 'fts5 pages'] as const).map((key) => [
      key,
      { 'median of the medians': over(key, 0.5), slowest: over(key, 1) },
    ]),
  ),
)
index.close()
db.close()
