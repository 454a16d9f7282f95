/**
 * Round 6 (issue 18): what the write path would cost if postings of our own replaced the
 * FTS5 tables, with their terms taken from the pass that already splits and stems the
 * Dutch text (the step round 5 named), before building it in `packages/search`.
 *
 *   node bench/src/search-postings-write.ts [records] [turns] [dir]
 *
 * In each turn, on the same generated records, each as CPU time (`process.cpuUsage`):
 * - today: the index's own write path (`applyMany` into a fresh file: docs, fts, titles);
 * - without FTS5: the same with `fts` and `titles` swapped for tables whose inserts a
 *   trigger drops (`RAISE(IGNORE)`), so what is left is docs, facets, `indexedDoc` and
 *   the bindings of the FTS inserts (an over-estimate of what would remain);
 * - the text part: what `indexedDoc` does to the texts today (the Dutch words split,
 *   stemmed through the memo and joined back, the other languages joined), which the
 *   postings' term pass would replace;
 * - counts: the term pass (the Dutch words split and looked up in a memo of word -> the
 *   id of its stem, the other languages' words split and looked up, the author's token),
 *   each term's frequency per column, and the postings written to SQLite in segments of
 *   2,000 versions (per term: rowid deltas and frequencies as varints), keyed by
 *   (segment, term) so that a segment's rows are appended in key order (round 5 keyed
 *   them by (term, segment): at 100k records each segment's rows then land all over a
 *   50 MB b-tree and the writes cost twice as much);
 * - positions: the same with every token's position kept (what phrases need without FTS5):
 *   per term and version its count and position deltas.
 * The write path with postings is then `without FTS5 - text part + counts (or positions)`.
 * Not modelled: porter stems for the non-Dutch columns (a memo miss only, so the cost per
 * token is the same lookup), deletions (a tombstone per version, merged at query time).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { PolderRecord } from '@polder/schema'
import { dutchStem, SearchIndex } from '@polder/search'
import { FTS_TABLE, TITLES_TABLE } from '../../packages/search/dist/database.js'
import {
  type DocTexts,
  docTexts,
  type IndexedText,
  indexedDoc,
  stems,
} from '../../packages/search/dist/document.js'
import { words } from '../../packages/search/dist/tokenize.js'
import { generate } from './search.ts'
import { cpuMs, median } from './search-fixture.ts'

const count = Number(process.argv[2] ?? 20_000)
const turns = Number(process.argv[3] ?? 3)
const dir = mkdtempSync(join(process.argv[4] ?? tmpdir(), 'search-postings-write-'))
const states = generate(count)
const byRef = new Map(states.map((s) => [`${s.author}/${s.id}/${s.version}`, s]))
const records = (author: string, id: string, version: number) =>
  byRef.get(`${author}/${id}/${version}`)
const CHUNK = 2_000

/** CPU ms of the index's write path over every state, into a fresh file; `skipFts` drops FTS5's inserts. */
function indexing(skipFts: boolean): number {
  const path = join(dir, `index-${skipFts ? 'nofts' : 'today'}.sqlite`)
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  SearchIndex.open({ path, records }).index.close()
  if (skipFts) {
    const db = new DatabaseSync(path)
    db.exec(`DROP TABLE fts; DROP TABLE titles;
      CREATE TABLE fts (title, summary, body, title_nl, summary_nl, body_nl, org);
      CREATE TRIGGER fts_skip BEFORE INSERT ON fts BEGIN SELECT RAISE(IGNORE); END;
      CREATE TABLE titles (title, title_nl, org);
      CREATE TRIGGER titles_skip BEFORE INSERT ON titles BEGIN SELECT RAISE(IGNORE); END;`)
    db.close()
  }
  const { index } = SearchIndex.open({ path, records })
  const start = process.cpuUsage()
  for (let first = 0; first < count; first += CHUNK)
    index.applyMany(states.slice(first, first + CHUNK))
  const cpu = cpuMs(start)
  index.close()
  return cpu
}

// the texts split by column and language, as `indexedDoc` has them before it joins them
const texts: DocTexts[] = states.map((state) => docTexts(state as PolderRecord))
const authorOf = new Map<string, number>()
const authors = states.map((state) => {
  let id = authorOf.get(state.author)
  if (id === undefined) {
    id = authorOf.size + 1
    authorOf.set(state.author, id)
  }
  return id
})

const indexed: IndexedText[] = states.map((state) => indexedDoc(state as PolderRecord).text)

/** CPU ms of FTS5's inserts alone (fts, titles) into a file, in transactions of `CHUNK`. */
function fts5Alone(): number {
  const path = join(dir, 'fts5.sqlite')
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  const db = new DatabaseSync(path)
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; ${FTS_TABLE}; ${TITLES_TABLE}`)
  const fts = db.prepare(`INSERT INTO fts (rowid, title, summary, body, title_nl, summary_nl,
    body_nl, org) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const titles = db.prepare('INSERT INTO titles (rowid, title, title_nl, org) VALUES (?, ?, ?, ?)')
  const start = process.cpuUsage()
  for (let first = 0; first < count; first += CHUNK) {
    db.exec('BEGIN')
    for (let v = first; v < Math.min(count, first + CHUNK); v++) {
      const t = indexed[v] as IndexedText
      const org = `porg${authors[v]}`
      fts.run(v + 1, t.title, t.summary, t.body, t.titleNl, t.summaryNl, t.bodyNl, org)
      titles.run(v + 1, t.title, t.titleNl, org)
    }
    db.exec('COMMIT')
  }
  const cpu = cpuMs(start)
  db.close()
  return cpu
}

/** CPU ms of what `indexedDoc` does to the texts today, which the term pass replaces. */
function textPart(): number {
  const start = process.cpuUsage()
  let keep = 0
  for (const t of texts) {
    for (const column of [t.title, t.summary, t.body]) {
      keep += column.other.join('\n').length + stems(column.nl.join(' ')).length
    }
  }
  const cpu = cpuMs(start)
  if (keep < 0) throw new Error('unreachable')
  return cpu
}

/** Term ids: a Dutch word -> its stem's id, another language's word -> its own, an author. */
class Terms {
  readonly #dutchWords = new Map<string, number>()
  readonly #dutchStems = new Map<string, number>()
  readonly #other = new Map<string, number>()
  /** Each id's key in the postings table: the table is keyed by text, so no dictionary is loaded at open. */
  readonly keys: string[] = []
  size = 0

  dutch(word: string): number {
    let id = this.#dutchWords.get(word)
    if (id === undefined) {
      const stem = dutchStem(word)
      id = this.#dutchStems.get(stem)
      if (id === undefined) {
        id = this.size++
        this.#dutchStems.set(stem, id)
        this.keys.push(`n${stem}`)
      }
      this.#dutchWords.set(word, id)
    }
    return id
  }

  other(word: string): number {
    let id = this.#other.get(word)
    if (id === undefined) {
      id = this.size++
      this.#other.set(word, id)
      this.keys.push(`o${word}`)
    }
    return id
  }

  author(author: number): number {
    return this.other(`\u0000${author}`)
  }
}

/** Writes a varint at `at`; returns where the next one goes. */
function putVarint(out: Uint8Array, at: number, value: number): number {
  while (value >= 128) {
    out[at++] = (value & 127) | 128
    value >>>= 7
  }
  out[at++] = value
  return at
}

/** A growable Int32Array. */
class Ints {
  data = new Int32Array(1 << 16)
  length = 0
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = value
  }
}

/**
 * CPU ms of the term pass and the postings written to SQLite, per segment of `CHUNK`
 * versions; with `positions`, each token's position is kept (column in the top bits).
 */
function postings(
  positions: boolean,
  write = true,
): { cpu: number; bytes: number; postings: number; rows: number } {
  const path = join(dir, `postings-${positions ? 'positions' : 'counts'}.sqlite`)
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  const db = new DatabaseSync(path)
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
    CREATE TABLE postings (segment INTEGER NOT NULL, term TEXT NOT NULL,
      postings BLOB NOT NULL, PRIMARY KEY (segment, term)) WITHOUT ROWID`)
  const insert = db.prepare('INSERT INTO postings (segment, term, postings) VALUES (?, ?, ?)')
  const terms = new Terms()
  // per token (positions) or per term of a version (counts): term, rowid, value
  const tokenTerm = new Ints()
  const tokenRow = new Ints()
  const tokenValue = new Ints()
  let seen = new Int32Array(1 << 16)
  let freq = new Int32Array(1 << 16)
  const versionTerms = new Ints()
  let bytes = new Uint8Array(1 << 20)
  let written = 0
  let total = 0
  let rows = 0
  const start = process.cpuUsage()
  for (let first = 0; first < count; first += CHUNK) {
    db.exec('BEGIN')
    tokenTerm.length = 0
    tokenRow.length = 0
    tokenValue.length = 0
    const end = Math.min(count, first + CHUNK)
    for (let v = first; v < end; v++) {
      const rowid = v + 1
      const t = texts[v] as DocTexts
      versionTerms.length = 0
      let position = 0
      const add = (id: number, column: number) => {
        if (id >= seen.length) {
          const grownSeen = new Int32Array(seen.length * 2)
          grownSeen.set(seen)
          seen = grownSeen
          const grownFreq = new Int32Array(freq.length * 2)
          grownFreq.set(freq)
          freq = grownFreq
        }
        if (positions) {
          tokenTerm.push(id)
          tokenRow.push(rowid)
          tokenValue.push((column << 24) | position++)
          return
        }
        if (seen[id] !== rowid) {
          seen[id] = rowid
          freq[id] = 0
          versionTerms.push(id)
        }
        freq[id] = (freq[id] as number) + (1 << (8 * column))
      }
      const columns = [t.title, t.summary, t.body]
      for (let column = 0; column < 3; column++) {
        const split = columns[column] as DocTexts['title']
        for (const word of words(split.other.join('\n'))) add(terms.other(word), column)
        for (const word of words(split.nl.join(' '))) add(terms.dutch(word), column)
      }
      add(terms.author(authors[v] as number), 0)
      if (!positions) {
        for (let i = 0; i < versionTerms.length; i++) {
          const id = versionTerms.data[i] as number
          tokenTerm.push(id)
          tokenRow.push(rowid)
          tokenValue.push(freq[id] as number)
        }
      }
    }
    // ordered by term with a counting sort (stable: rowids and positions stay ascending)
    const n = tokenTerm.length
    if (bytes.length < 64 * n + 64) bytes = new Uint8Array(64 * n + 64)
    const next = new Int32Array(terms.size + 1)
    for (let i = 0; i < n; i++) {
      const id = (tokenTerm.data[i] as number) + 1
      next[id] = (next[id] as number) + 1
    }
    for (let id = 1; id <= terms.size; id++)
      next[id] = (next[id] as number) + (next[id - 1] as number)
    const starts = next.slice()
    const order = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const id = tokenTerm.data[i] as number
      const slot = next[id] as number
      next[id] = slot + 1
      order[slot] = i
    }
    // the segment's terms in key order: its rows are appended to the (segment, term) b-tree
    const chunkTerms: number[] = []
    for (let id = 0; id < terms.size; id++)
      if ((next[id] as number) > (starts[id] as number)) chunkTerms.push(id)
    chunkTerms.sort((a, b) => ((terms.keys[a] as string) < (terms.keys[b] as string) ? -1 : 1))
    for (const term of chunkTerms) {
      let at = starts[term] as number
      const end = next[term] as number
      let out = 0
      let lastRow = 0
      while (at < end) {
        const i = order[at] as number
        const row = tokenRow.data[i] as number
        out = putVarint(bytes, out, row - lastRow)
        lastRow = row
        total++
        if (!positions) {
          out = putVarint(bytes, out, tokenValue.data[i] as number)
          at++
          continue
        }
        // this version's positions of the term: a count, then deltas
        let k = at
        while (k < end && tokenRow.data[order[k] as number] === row) k++
        out = putVarint(bytes, out, k - at)
        let lastPosition = 0
        for (; at < k; at++) {
          const value = tokenValue.data[order[at] as number] as number
          out = putVarint(bytes, out, value - lastPosition)
          lastPosition = value
        }
      }
      written += out
      rows++
      if (write) insert.run(first, terms.keys[term] as string, bytes.subarray(0, out))
    }
    db.exec('COMMIT')
  }
  const cpu = cpuMs(start)
  db.close()
  return { cpu, bytes: written, postings: total, rows }
}

const runs = {
  today: [] as number[],
  withoutFts: [] as number[],
  fts5Alone: [] as number[],
  textPart: [] as number[],
  counts: [] as number[],
  positions: [] as number[],
  positionsUnwritten: [] as number[],
}
let sizes = { counts: 0, positions: 0, postings: 0, rows: 0 }
for (let turn = 0; turn < turns; turn++) {
  runs.today.push(indexing(false))
  runs.withoutFts.push(indexing(true))
  runs.fts5Alone.push(fts5Alone())
  runs.textPart.push(textPart())
  const counts = postings(false)
  runs.counts.push(counts.cpu)
  const withPositions = postings(true)
  runs.positions.push(withPositions.cpu)
  runs.positionsUnwritten.push(postings(true, false).cpu)
  sizes = {
    counts: counts.bytes,
    positions: withPositions.bytes,
    postings: counts.postings,
    rows: counts.rows,
  }
  process.stderr.write(
    `turn ${turn + 1}: ${JSON.stringify(Object.values(runs).map((r) => r.at(-1)?.toFixed(0)))}\n`,
  )
}
const perRecord = (ms: number) => +((ms * 1000) / count).toFixed(1)
const rate = (ms: number) => Math.round((count / ms) * 1000)
const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median([...v])])) as Record<
  keyof typeof runs,
  number
>
const range = (values: number[]) => `${rate(Math.max(...values))}-${rate(Math.min(...values))}`
console.table({
  'today (docs, fts, titles)': {
    'µs/record': perRecord(m.today),
    'records/CPU s': rate(m.today),
    range: range(runs.today),
  },
  'without FTS5 inserts': {
    'µs/record': perRecord(m.withoutFts),
    'records/CPU s': rate(m.withoutFts),
    range: range(runs.withoutFts),
  },
  'FTS5 inserts alone': {
    'µs/record': perRecord(m.fts5Alone),
    'records/CPU s': rate(m.fts5Alone),
    range: range(runs.fts5Alone),
  },
  'text part of indexedDoc': {
    'µs/record': perRecord(m.textPart),
    'records/CPU s': rate(m.textPart),
    range: range(runs.textPart),
  },
  'term pass + postings (counts)': {
    'µs/record': perRecord(m.counts),
    'records/CPU s': rate(m.counts),
    range: range(runs.counts),
  },
  'term pass + postings (positions)': {
    'µs/record': perRecord(m.positions),
    'records/CPU s': rate(m.positions),
    range: range(runs.positions),
  },
  'the same, not written': {
    'µs/record': perRecord(m.positionsUnwritten),
    'records/CPU s': rate(m.positionsUnwritten),
    range: range(runs.positionsUnwritten),
  },
  'with postings (counts)': {
    'µs/record': perRecord(m.withoutFts - m.textPart + m.counts),
    'records/CPU s': rate(m.withoutFts - m.textPart + m.counts),
    range: '',
  },
  'with postings (positions)': {
    'µs/record': perRecord(m.withoutFts - m.textPart + m.positions),
    'records/CPU s': rate(m.withoutFts - m.textPart + m.positions),
    range: '',
  },
})
console.log(
  `postings: ${sizes.postings} (term, version) pairs in ${sizes.rows} rows (segment, term); ${(sizes.counts / 2 ** 20).toFixed(1)} MB of blobs with counts, ` +
    `${(sizes.positions / 2 ** 20).toFixed(1)} MB with positions (${count} records)`,
)
rmSync(dir, { recursive: true, force: true })
