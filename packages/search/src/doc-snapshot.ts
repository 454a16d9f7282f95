/**
 * The in-memory doc columns ({@link DocColumns}) kept in the index file at a clean close,
 * so the next open reads a few blobs instead of every row of `docs` (at 100k records:
 * ~10 ms instead of ~0.5 s, the largest part of a node's restart). The snapshot is taken
 * in the transaction that marks the file clean, and read only from a file marked clean: an
 * open marks the file open before it reads the snapshot, so after a crash the file is rebuilt
 * and its snapshot never read; each clean close replaces it, or drops it when it cannot
 * write a new one. So one is never read after the index changed (an older build, which
 * would leave it behind, does not open this layout); its sizes are checked against `docs`.
 * It is not dropped at open: freeing its ~2,100 overflow pages read them all again.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { DocArrays, DocColumns } from './doc-cache.js'

/**
 * Bumped when the layout of the snapshot changes: an older one is ignored (the columns are
 * read from the rows, once). 2: each version's facet set and the sets themselves.
 */
const SNAPSHOT_VERSION = 2
const TABLE = 'CREATE TABLE IF NOT EXISTS doc_snapshot (part TEXT PRIMARY KEY, bytes BLOB NOT NULL)'

type ArrayPart =
  | Exclude<keyof DocArrays, 'end' | 'currentCount' | 'poolUsed' | 'currencies' | 'sets'>
  | 'setStart'
  | 'setCount'
  | 'setPool'
type Typed =
  | Uint8Array<ArrayBuffer>
  | Uint16Array<ArrayBuffer>
  | Uint32Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>
type TypedClass =
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | Float64ArrayConstructor
const PARTS: Record<ArrayPart, TypedClass> = {
  state: Uint8Array,
  updated: Float64Array,
  budget: Float64Array,
  currency: Uint16Array,
  author: Uint32Array,
  facetStart: Uint32Array,
  facetCount: Uint16Array,
  pool: Uint32Array,
  facetSet: Uint32Array,
  setStart: Uint32Array,
  setCount: Uint16Array,
  setPool: Uint32Array,
}

type PartType = (typeof PARTS)[ArrayPart]

interface SnapshotHeader {
  readonly version: number
  /** The machine's byte order when written: the arrays are its native ones. */
  readonly littleEndian: boolean
  readonly end: number
  readonly currentCount: number
  readonly poolUsed: number
  readonly currencies: readonly string[]
  /** Distinct facet sets, and the elements of their pool. */
  readonly sets: number
  readonly setPoolUsed: number
  /** The highest rowid of `docs` when written. */
  readonly maxRowid: number
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** The highest rowid of `docs` (a look at the b-tree's last leaf, not a scan). */
function maxRowid(db: DatabaseSync): number {
  return Number(db.prepare('SELECT coalesce(max(rowid), 0) AS maxRowid FROM docs').get()?.maxRowid)
}

/** Writes the snapshot of `cache` (the caller holds a transaction, with the clean mark). */
export function saveDocSnapshot(db: DatabaseSync, cache: DocColumns): void {
  const arrays = cache.snapshot()
  const header: SnapshotHeader = {
    version: SNAPSHOT_VERSION,
    littleEndian: LITTLE_ENDIAN,
    end: arrays.end,
    currentCount: arrays.currentCount,
    poolUsed: arrays.poolUsed,
    currencies: arrays.currencies,
    sets: arrays.sets.size,
    setPoolUsed: arrays.sets.used,
    maxRowid: maxRowid(db),
  }
  db.exec(TABLE)
  db.exec('DELETE FROM doc_snapshot')
  const insert = db.prepare('INSERT INTO doc_snapshot (part, bytes) VALUES (?, ?)')
  insert.run('header', Buffer.from(JSON.stringify(header)))
  const { sets, ...columns } = arrays
  const parts: Record<ArrayPart, Typed> = {
    ...columns,
    setStart: sets.start,
    setCount: sets.count,
    setPool: sets.pool,
  }
  for (const part of Object.keys(PARTS) as ArrayPart[]) {
    const array = parts[part]
    insert.run(part, new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
  }
}

/** Deletes a snapshot (a clean close that could not write a new one). */
export function dropDocSnapshot(db: DatabaseSync): void {
  db.exec('DROP TABLE IF EXISTS doc_snapshot')
}

/**
 * A typed array of `length` elements over `bytes` (a view when SQLite's buffer is aligned
 * and its own, else a copy), with room for at least `minimum` (a copy then); undefined
 * when `bytes` is not exactly that many elements.
 */
function arrayOf(
  Type: PartType,
  bytes: Uint8Array | undefined,
  length: number,
  minimum: number,
): Typed | undefined {
  if (bytes === undefined || bytes.byteLength !== length * Type.BYTES_PER_ELEMENT) return undefined
  const { buffer } = bytes
  if (length >= minimum && buffer instanceof ArrayBuffer && bytes.byteOffset === 0) {
    if (buffer.byteLength === bytes.byteLength) return new Type(buffer)
  }
  const array = new Type(Math.max(length, minimum))
  new Uint8Array(array.buffer).set(bytes)
  return array
}

/**
 * Fills `cache` from the snapshot, if the file has one that fits its `docs`: true when it
 * did (the caller then skips `cache.load`). Reads the facet values as `load` does.
 */
export function loadDocSnapshot(db: DatabaseSync, cache: DocColumns): boolean {
  const exists = db
    .prepare("SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = 'doc_snapshot'")
    .get()
  if (exists === undefined) return false
  const parts = new Map<string, Uint8Array>()
  for (const row of db.prepare('SELECT part, bytes FROM doc_snapshot').iterate()) {
    parts.set(row.part as string, row.bytes as Uint8Array)
  }
  const headerBytes = parts.get('header')
  if (headerBytes === undefined) return false
  const header = JSON.parse(Buffer.from(headerBytes).toString('utf8')) as SnapshotHeader
  const highest = maxRowid(db)
  if (
    header.version !== SNAPSHOT_VERSION ||
    header.littleEndian !== LITTLE_ENDIAN ||
    header.maxRowid !== highest ||
    header.end < highest + 1
  )
    return false
  const arrays: Partial<Record<ArrayPart, Typed>> = {}
  for (const [part, Type] of Object.entries(PARTS) as [ArrayPart, PartType][]) {
    const length =
      part === 'pool'
        ? header.poolUsed
        : part === 'setPool'
          ? header.setPoolUsed
          : part === 'setStart' || part === 'setCount'
            ? header.sets
            : header.end
    // at least one element: growing an array doubles its length, never from 0
    const array = arrayOf(Type, parts.get(part), length, 1)
    if (array === undefined) return false
    arrays[part] = array
  }
  const columns = arrays as Record<ArrayPart, Typed>
  cache.loadValues(db)
  cache.restore({
    end: header.end,
    currentCount: header.currentCount,
    poolUsed: header.poolUsed,
    currencies: header.currencies,
    state: columns.state as Uint8Array<ArrayBuffer>,
    updated: columns.updated as Float64Array<ArrayBuffer>,
    budget: columns.budget as Float64Array<ArrayBuffer>,
    currency: columns.currency as Uint16Array<ArrayBuffer>,
    author: columns.author as Uint32Array<ArrayBuffer>,
    facetStart: columns.facetStart as Uint32Array<ArrayBuffer>,
    facetCount: columns.facetCount as Uint16Array<ArrayBuffer>,
    pool: columns.pool as Uint32Array<ArrayBuffer>,
    facetSet: columns.facetSet as Uint32Array<ArrayBuffer>,
    sets: {
      size: header.sets,
      used: header.setPoolUsed,
      start: columns.setStart as Uint32Array<ArrayBuffer>,
      count: columns.setCount as Uint16Array<ArrayBuffer>,
      pool: columns.setPool as Uint32Array<ArrayBuffer>,
    },
  })
  return true
}
