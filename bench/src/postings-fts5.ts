/**
 * FTS5's own postings read from its pages, for the postings prototype
 * (`search-postings.ts`): no write of ours, the terms FTS5 stores (a query word through a
 * scratch table with the same tokenizer, so porter applies as in a MATCH), and each
 * version's frequency per column counted from its position list.
 *
 * The layout read (SQLite's `fts5_index.c`): `fts_idx` maps each segment's first term per
 * leaf page to the page; a leaf page is a 4-byte header (the offset of its first rowid,
 * the size of its data), the data, and a footer of the offsets of the terms on it. A term
 * is written whole as the page's first, else as the bytes kept from the one before and
 * its new ones; its doclist follows: a rowid (the first on a page absolute, the others
 * deltas), a header (twice the size of the position list), the positions (1 and a column
 * number switch columns). Doclists and position lists go on at the next page's start.
 */
import { DatabaseSync } from 'node:sqlite'

export interface List {
  readonly docs: Int32Array
  readonly freqs: Uint32Array
}

export interface Source {
  lists(key: string, prefix: boolean): List[]
  readonly length: Uint32Array
  readonly avgLength: number
  readonly docCount: number
}

/** Where the last varint read ended: a tuple per varint cost more than the decoding. */
let varintEnd = 0

/** SQLite's varint (big-endian groups of 7 bits; a ninth byte of 8), as FTS5 writes them. */
function varint(bytes: Uint8Array, at: number): number {
  const byte = bytes[at] as number
  if (byte < 128) {
    varintEnd = at + 1
    return byte
  }
  let value = 0
  for (let i = 0; i < 8; i++) {
    const b = bytes[at + i] as number
    value = value * 128 + (b & 127)
    if (b < 128) {
      varintEnd = at + i + 1
      return value
    }
  }
  varintEnd = at + 9
  return value * 256 + (bytes[at + 8] as number)
}

function getVarint(bytes: Uint8Array, at: number): [number, number] {
  const value = varint(bytes, at)
  return [value, varintEnd]
}

/**
 * FTS5's own postings, read from its leaf pages in `fts_data` (no write of ours): per term
 * a doclist of rowids and position lists, whose entries per column are the frequencies.
 * Not handled (the bench's index has none): tombstones of deleted rows, a rowid in two
 * segments.
 */
export class Fts5Postings implements Source {
  readonly length: Uint32Array
  readonly avgLength: number
  readonly docCount: number
  readonly #page
  readonly #start
  readonly #segments: number[]
  readonly #docs: Int32Array
  readonly #freqs: Uint32Array
  readonly #scratch: DatabaseSync
  readonly #tokenize
  readonly #vocab
  readonly #clear

  constructor(db: DatabaseSync, count: number) {
    this.#docs = new Int32Array(count + 1)
    this.#freqs = new Uint32Array(count + 1)
    this.length = new Uint32Array(count + 1)
    let sum = 0
    for (const row of db.prepare('SELECT id, sz FROM fts_docsize').all()) {
      const sz = row.sz as Uint8Array
      let at = 0
      let tokens = 0
      while (at < sz.length) {
        const [v, next] = getVarint(sz, at)
        tokens += v
        at = next
      }
      this.length[row.id as number] = tokens
      sum += tokens
    }
    this.docCount = count
    this.avgLength = sum / count
    this.#page = db.prepare('SELECT block FROM fts_data WHERE id = ?')
    this.#start = db.prepare(
      'SELECT pgno FROM fts_idx WHERE segid = ? AND term <= ? ORDER BY term DESC LIMIT 1',
    )
    this.#segments = db
      .prepare('SELECT DISTINCT segid FROM fts_idx ORDER BY segid')
      .all()
      .map((row) => row.segid as number)
    this.#scratch = new DatabaseSync(':memory:')
    this.#scratch.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')`)
    this.#tokenize = this.#scratch.prepare('INSERT INTO t (x) VALUES (?)')
    this.#vocab = this.#scratch.prepare('SELECT term FROM v')
    this.#clear = this.#scratch.prepare('DELETE FROM t')
  }

  /** The term FTS5 stores for a word: its porter stem, through a scratch table's tokenizer. */
  #term(word: string): string {
    this.#tokenize.run(word)
    const term = (this.#vocab.get()?.term as string | undefined) ?? word
    this.#clear.run()
    return term
  }

  lists(key: string, prefix: boolean): List[] {
    const group = key[0]
    const word = key.slice(1)
    const term = group === 'g' ? word : this.#term(word)
    const first = group === 'o' ? 0 : group === 'n' ? 3 : 6
    const low = Buffer.from(`0${term}`, 'latin1')
    const out: List[] = []
    let at = 0
    for (const segid of this.#segments) {
      const row = this.#start.get(segid, low)
      let pgno = row === undefined ? 1 : (row.pgno as number) >> 1
      const done = { value: false }
      this.#inRange = false
      this.#cut = false
      while (!done.value) {
        const pageStart = at
        at = this.#scanPage(segid, pgno, low, prefix, first, at, done)
        if (at > pageStart)
          out.push({
            docs: this.#docs.subarray(pageStart, at),
            freqs: this.#freqs.subarray(pageStart, at),
          })
        pgno++
      }
    }
    return out
  }

  /** Doclist state carried from page to page: inside the range, the rowid so far. */
  #inRange = false
  #rowid = 0
  #term_: Uint8Array = new Uint8Array(0)

  #scanPage(
    segid: number,
    pgno: number,
    low: Buffer,
    prefix: boolean,
    first: number,
    at: number,
    done: { value: boolean },
  ): number {
    const row = this.#page.get(segid * 2 ** 37 + pgno)
    if (row === undefined) {
      done.value = true
      this.#inRange = false
      return at
    }
    const page = row.block as Uint8Array
    const rowidOffset = (page[0] as number) * 256 + (page[1] as number)
    const szLeaf = (page[2] as number) * 256 + (page[3] as number)
    // the offsets of the terms on this page, from its footer
    const terms: number[] = []
    let p = szLeaf
    let offset = 0
    while (p < page.length) {
      const [v, next] = getVarint(page, p)
      offset += v
      terms.push(offset)
      p = next
    }
    // a doclist continued from the previous page, up to this page's first term
    const continuedEnd = terms[0] ?? szLeaf
    if (this.#inRange) {
      const restEnd = rowidOffset !== 0 && rowidOffset < continuedEnd ? rowidOffset : continuedEnd
      if (this.#cut) at = this.#positions(page, 4, restEnd, first, at)
      if (rowidOffset !== 0 && rowidOffset < continuedEnd) {
        at = this.#doclist(page, rowidOffset, continuedEnd, first, at)
      }
    }
    if (this.#inRange && terms.length > 0) this.#inRange = false
    for (let t = 0; t < terms.length; t++) {
      let q = terms[t] as number
      let term: Uint8Array
      if (t === 0) {
        const [n, next] = getVarint(page, q)
        term = page.subarray(next, next + n)
        q = next + n
      } else {
        const [keep, n1] = getVarint(page, q)
        const [add, n2] = getVarint(page, n1)
        const joined = new Uint8Array(keep + add)
        joined.set(this.#term_.subarray(0, keep))
        joined.set(page.subarray(n2, n2 + add), keep)
        term = joined
        q = n2 + add
      }
      this.#term_ = term
      const cmp = Buffer.compare(term, low)
      const matches =
        cmp === 0 || (prefix && cmp > 0 && Buffer.from(term.subarray(0, low.length)).equals(low))
      if (!matches) {
        if (cmp > 0) {
          done.value = true
          return at
        }
        continue
      }
      const end = terms[t + 1] ?? szLeaf
      this.#rowid = 0
      this.#inRange = true
      this.#cut = false
      at = this.#doclist(page, q, end, first, at)
      if (t + 1 < terms.length) this.#inRange = false
    }
    return at
  }

  /** Decodes doclist entries in [from, end): rowids and counts in columns first..first+2. */
  #doclist(page: Uint8Array, from: number, end: number, first: number, at: number): number {
    let p = from
    let absolute = true
    while (p < end) {
      const [v, n1] = getVarint(page, p)
      this.#rowid = absolute ? v : this.#rowid + v
      absolute = false
      const [header, n2] = getVarint(page, n1)
      const full = n2 + (header >> 1)
      this.#column = 0
      this.#emitted = false
      at = this.#positions(page, n2, Math.min(full, end), first, at)
      // a position list cut by the page's end goes on at the next page's start
      this.#cut = full > end
      p = full
    }
    return at
  }

  #column = 0
  #cut = false
  /** The current rowid has its entry at `at - 1` already. */
  #emitted = false

  /** Counts positions in [from, stop) into the current rowid's entry, by column. */
  #positions(page: Uint8Array, from: number, stop: number, first: number, at: number): number {
    let p = from
    let packed = 0
    let unit =
      this.#column >= first && this.#column < first + 3 ? 1 << (8 * (this.#column - first)) : 0
    while (p < stop) {
      const w = varint(page, p)
      p = varintEnd
      if (w === 1) {
        this.#column = varint(page, p)
        p = varintEnd
        unit =
          this.#column >= first && this.#column < first + 3 ? 1 << (8 * (this.#column - first)) : 0
      } else packed += unit
    }
    if (packed === 0) return at
    if (this.#emitted) {
      this.#freqs[at - 1] = (this.#freqs[at - 1] as number) + packed
      return at
    }
    this.#docs[at] = this.#rowid
    this.#freqs[at] = packed
    this.#emitted = true
    return at + 1
  }
}
