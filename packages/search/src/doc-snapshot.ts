/**
 * The in-memory doc columns ({@link DocColumns}) kept at a clean close, so the next open
 * reads a file instead of every row of `docs` (at 100k records: ~10 ms instead of ~0.5 s,
 * the largest part of a node's restart). The arrays are a file of their own beside the
 * index (`<index>-columns`: one read per array into its own buffer, ~2.5x less CPU than
 * SQLite assembling the same 9 MB from ~2,200 overflow pages of blobs); the index file
 * holds its header, with a token the file must begin with. The header is written in the
 * transaction that marks the file clean, after the file is on disk, and read only from a
 * file marked clean: an open marks the file open before it reads the snapshot, so after a
 * crash the file is rebuilt and its snapshot never read (the open only finds it; its arrays
 * are read at the index's first use, before any change); each clean close replaces it, or
 * drops it when it cannot write a new one. So one is never read after the index changed
 * (an older build, which would leave it behind, does not open this layout); its sizes are
 * checked against `docs` and the file. An index in memory keeps none.
 */
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import type { DatabaseSync } from 'node:sqlite'
import type { DocArrays, DocColumns } from './doc-cache.js'

/**
 * Bumped when the layout of the snapshot changes: an older one is ignored (the columns are
 * read from the rows, once). 2: each version's facet set and the sets themselves; 3: the
 * arrays in a file of their own.
 */
const SNAPSHOT_VERSION = 3
/** The token's bytes at the start of the file; each array begins at a multiple of 8. */
const TOKEN_BYTES = 16
const ALIGN = 8
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

export interface SnapshotHeader {
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
  /** The token the arrays' file begins with (hex), and that file's size. */
  readonly token: string
  readonly fileBytes: number
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** The highest rowid of `docs` (a look at the b-tree's last leaf, not a scan). */
function maxRowid(db: DatabaseSync): number {
  return Number(db.prepare('SELECT coalesce(max(rowid), 0) AS maxRowid FROM docs').get()?.maxRowid)
}

/** The arrays' file is the index file's path with this after it. */
export const COLUMNS_SUFFIX = '-columns'

/** The file of the arrays beside the index file `db`; undefined for an index in memory. */
function columnsFile(db: DatabaseSync): string | undefined {
  const location = db.location()
  return location === null || location === '' ? undefined : `${location}${COLUMNS_SUFFIX}`
}

const aligned = (bytes: number): number => Math.ceil(bytes / ALIGN) * ALIGN

/** Where each part begins in the file, in {@link PARTS}' order, and the file's size. */
function layout(lengths: Record<ArrayPart, number>): {
  offsets: Record<ArrayPart, number>
  bytes: number
} {
  let at = aligned(TOKEN_BYTES)
  const offsets = {} as Record<ArrayPart, number>
  for (const [part, Type] of Object.entries(PARTS) as [ArrayPart, PartType][]) {
    offsets[part] = at
    at += aligned(lengths[part] * Type.BYTES_PER_ELEMENT)
  }
  return { offsets, bytes: at }
}

/** The number of elements each part holds, from a header. */
function lengthsOf(header: Omit<SnapshotHeader, 'token' | 'fileBytes'>): Record<ArrayPart, number> {
  const lengths = {} as Record<ArrayPart, number>
  for (const part of Object.keys(PARTS) as ArrayPart[])
    lengths[part] =
      part === 'pool'
        ? header.poolUsed
        : part === 'setPool'
          ? header.setPoolUsed
          : part === 'setStart' || part === 'setCount'
            ? header.sets
            : header.end
  return lengths
}

/** Writes `bytes` at `position` of `fd`, whole. */
function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  for (let done = 0; done < bytes.byteLength; )
    done += writeSync(fd, bytes, done, bytes.byteLength - done, position + done)
}

/**
 * Writes the snapshot of `cache`: the arrays' file, on disk before the header (the caller
 * holds a transaction, with the clean mark).
 */
export function saveDocSnapshot(db: DatabaseSync, cache: DocColumns): void {
  const file = columnsFile(db)
  if (file === undefined) {
    dropDocSnapshot(db)
    return
  }
  const arrays = cache.snapshot()
  const base = {
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
  const { sets, ...columns } = arrays
  const parts: Record<ArrayPart, Typed> = {
    ...columns,
    setStart: sets.start,
    setCount: sets.count,
    setPool: sets.pool,
  }
  const lengths = lengthsOf(base)
  const { offsets, bytes } = layout(lengths)
  const token = randomBytes(TOKEN_BYTES)
  const temporary = `${file}.tmp`
  const fd = openSync(temporary, 'w', 0o600)
  try {
    writeAll(fd, token, 0)
    for (const part of Object.keys(PARTS) as ArrayPart[]) {
      const array = parts[part]
      if (array.length !== lengths[part]) throw new Error(`the ${part} column is not its length`)
      const length = array.byteLength
      writeAll(fd, new Uint8Array(array.buffer, array.byteOffset, length), offsets[part])
    }
    // the padding after the last part, so the file is exactly `bytes` long
    if (bytes > 0) writeAll(fd, new Uint8Array(1), bytes - 1)
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    rmSync(temporary, { force: true }) // a full disk gets its space back
    throw error
  }
  closeSync(fd)
  renameSync(temporary, file)
  const header: SnapshotHeader = { ...base, token: token.toString('hex'), fileBytes: bytes }
  db.exec(TABLE)
  db.exec('DELETE FROM doc_snapshot')
  db.prepare('INSERT INTO doc_snapshot (part, bytes) VALUES (?, ?)').run(
    'header',
    Buffer.from(JSON.stringify(header)),
  )
}

/** Deletes a snapshot (a clean close that could not write a new one). */
export function dropDocSnapshot(db: DatabaseSync): void {
  db.exec('DROP TABLE IF EXISTS doc_snapshot')
  const file = columnsFile(db)
  if (file !== undefined) rmSync(file, { force: true })
}

/** Whether `file` is the arrays' file `header` names: its size and its token (16 bytes read). */
function fitsHeader(fd: number, header: SnapshotHeader, bytes: number): boolean {
  if (bytes !== header.fileBytes || fstatSync(fd).size !== bytes) return false
  const token = Buffer.alloc(TOKEN_BYTES)
  return (
    readSync(fd, token, 0, TOKEN_BYTES, 0) === TOKEN_BYTES && token.toString('hex') === header.token
  )
}

/**
 * Reads the arrays of `header` from `file` (each into a buffer of its own, with room for at
 * least one element: growing an array doubles its length, never from 0); undefined when the
 * file is missing, of another size or another token.
 */
function readColumns(
  file: string,
  header: SnapshotHeader,
  lengths: Record<ArrayPart, number>,
): Record<ArrayPart, Typed> | undefined {
  return withOpenFile(file, (fd) => {
    const { offsets, bytes } = layout(lengths)
    if (!fitsHeader(fd, header, bytes)) return undefined
    const arrays = {} as Record<ArrayPart, Typed>
    for (const [part, Type] of Object.entries(PARTS) as [ArrayPart, PartType][]) {
      const array = new Type(Math.max(lengths[part], 1))
      const view = new Uint8Array(array.buffer, 0, lengths[part] * Type.BYTES_PER_ELEMENT)
      for (let done = 0; done < view.byteLength; ) {
        const read = readSync(fd, view, done, view.byteLength - done, offsets[part] + done)
        if (read === 0) return undefined
        done += read
      }
      arrays[part] = array
    }
    return arrays
  })
}

/** `read` on `file` opened for reading, closed after; undefined when it cannot be opened. */
function withOpenFile<T>(file: string, read: (fd: number) => T | undefined): T | undefined {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    return read(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * A snapshot found at open that fits the index's `docs` and whose arrays' file is there, of
 * its size and token: its arrays are read later ({@link readDocSnapshot}), when first needed.
 */
export interface FoundSnapshot {
  readonly file: string
  readonly header: SnapshotHeader
  /** Current versions when it was written: the index's count until the arrays are read. */
  readonly currentCount: number
}

/**
 * The snapshot of the file, if it has one that fits its `docs` (its header, and a look at
 * the arrays' file: no array is read); undefined when the columns must be read from the rows.
 */
export function findDocSnapshot(db: DatabaseSync): FoundSnapshot | undefined {
  const exists = db
    .prepare("SELECT 1 AS found FROM sqlite_schema WHERE type = 'table' AND name = 'doc_snapshot'")
    .get()
  if (exists === undefined) return undefined
  const file = columnsFile(db)
  if (file === undefined) return undefined
  const row = db.prepare("SELECT bytes FROM doc_snapshot WHERE part = 'header'").get()
  if (row === undefined) return undefined
  const header = JSON.parse(Buffer.from(row.bytes as Uint8Array).toString('utf8')) as SnapshotHeader
  const highest = maxRowid(db)
  if (
    header.version !== SNAPSHOT_VERSION ||
    header.littleEndian !== LITTLE_ENDIAN ||
    header.maxRowid !== highest ||
    header.end < highest + 1
  )
    return undefined
  if (!withOpenFile(file, (fd) => fitsHeader(fd, header, layout(lengthsOf(header)).bytes)))
    return undefined
  return { file, header, currentCount: header.currentCount }
}

/**
 * Fills `cache` from a snapshot {@link findDocSnapshot} found, read before the index changed:
 * true when it did (else the caller reads the rows, `cache.load`). Reads the facet values as
 * `load` does.
 */
export function readDocSnapshot(
  db: DatabaseSync,
  found: FoundSnapshot,
  cache: DocColumns,
): boolean {
  const { file, header } = found
  const columns = readColumns(file, header, lengthsOf(header))
  if (columns === undefined) return false
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
