/**
 * The whole-node archive: every log a node holds, as JSON Lines of the signed blocks
 * themselves (docs/formats.md, "Whole-node archive"). An import trusts nothing in it: each
 * line's bytes must match its hash, and every entry goes through the store's verified join,
 * all of it checked before any of it is kept.
 *
 * ```text
 * {"polder":"archive","version":1,"node":"did:key:…","created":"2026-…"}
 * {"log":"did:key:…","type":"identity","hash":"zdpu…","bytes":"<base64>"}
 * {"log":"did:key:…","type":"entry","hash":"zdpu…","bytes":"<base64>"}
 * {"end":true,"logs":2,"entries":1234}
 * ```
 */
import { isDid } from '@polder/schema'
import type { ArchivedLog, HashedBlock } from './archived-log.js'
import { blockHash } from './blocks.js'
import { InvalidArchiveError, type InvalidEntryError } from './errors.js'
import type { ImportedLog, Store } from './store.js'

export const ARCHIVE_MEDIA_TYPE = 'application/x-ndjson'
const VERSION = 1
/** A line holds one block, base64: entries are at most ~200 KiB, so this is generous. */
export const MAX_ARCHIVE_LINE = 1024 * 1024

/** The archive of everything `store` holds, line by line (each ending in a newline). */
export async function* archiveLines(store: Store, now = new Date()): AsyncGenerator<string> {
  const header = {
    polder: 'archive',
    version: VERSION,
    node: store.did,
    created: now.toISOString(),
  }
  yield `${JSON.stringify(header)}\n`
  let logs = 0
  let entries = 0
  const line = (did: string, type: 'identity' | 'entry', block: HashedBlock) =>
    `${JSON.stringify({ log: did, type, hash: block.hash, bytes: Buffer.from(block.bytes).toString('base64') })}\n`
  for await (const log of store.archivedLogs()) {
    logs++
    for (const identity of log.identities) yield line(log.did, 'identity', identity)
    for (const entry of log.entries) {
      entries++
      yield line(log.did, 'entry', entry)
    }
  }
  yield `${JSON.stringify({ end: true, logs, entries })}\n`
}

/** An archive as read: its logs, and the line each entry came from. */
export interface ReadArchive {
  readonly node: string
  readonly logs: ArchivedLog[]
  /** Line numbers (1-based) of each log's entries, by DID, in the order of its `entries`. */
  readonly lines: Map<string, number[]>
}

const invalid = (line: number, en: string, nl: string) => new InvalidArchiveError(line, { en, nl })

/**
 * Splits a byte stream into lines, refusing a line longer than {@link MAX_ARCHIVE_LINE}
 * before it is held whole.
 */
export async function* linesOf(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
): AsyncGenerator<string> {
  let pending: Buffer[] = []
  let size = 0
  let number = 0
  for await (const chunk of chunks) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk)
    for (let newline = bytes.indexOf(10); newline !== -1; newline = bytes.indexOf(10)) {
      pending.push(bytes.subarray(0, newline))
      number++
      yield Buffer.concat(pending).toString('utf8')
      pending = []
      size = 0
      bytes = bytes.subarray(newline + 1)
    }
    pending.push(bytes)
    size += bytes.byteLength
    if (size > MAX_ARCHIVE_LINE) {
      throw invalid(
        number + 1,
        `the line is longer than ${MAX_ARCHIVE_LINE} bytes`,
        `de regel is langer dan ${MAX_ARCHIVE_LINE} bytes`,
      )
    }
  }
  if (size > 0) yield Buffer.concat(pending).toString('utf8')
}

function parseLine(text: string, line: number): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw invalid(line, 'the line is not JSON', 'de regel is geen JSON')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw invalid(line, 'the line is not a JSON object', 'de regel is geen JSON-object')
  return value as Record<string, unknown>
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * Reads an archive, checking its form line by line: the header first, one block per line
 * whose bytes match its hash, the closing line with the counts last. Entries are not
 * verified here: {@link importArchive} joins them through the store's checks.
 */
export async function readArchive(lines: AsyncIterable<string>): Promise<ReadArchive> {
  const logs = new Map<string, { identities: HashedBlock[]; entries: HashedBlock[] }>()
  const entryLines = new Map<string, number[]>()
  let node: string | undefined
  let end: Record<string, unknown> | undefined
  let number = 0
  let entries = 0
  for await (const text of lines) {
    number++
    if (text.trim() === '') continue
    if (end !== undefined)
      throw invalid(number, 'a line after the closing line', 'een regel na de slotregel')
    const value = parseLine(text, number)
    if (node === undefined) {
      if (value.polder !== 'archive' || typeof value.node !== 'string')
        throw invalid(number, 'not a Polder archive (no header)', 'geen Polder-archief (geen kop)')
      if (value.version !== VERSION)
        throw invalid(
          number,
          `archive version ${String(value.version)} is not known here (${VERSION} is)`,
          `archiefversie ${String(value.version)} is hier onbekend (${VERSION} wel)`,
        )
      node = value.node
      continue
    }
    if (value.end === true) {
      end = value
      continue
    }
    const { log, type, hash, bytes } = value
    if (typeof log !== 'string' || !isDid(log))
      throw invalid(number, 'field log: not a did:key', 'veld log: geen did:key')
    if (type !== 'entry' && type !== 'identity')
      throw invalid(
        number,
        'field type: neither entry nor identity',
        'veld type: noch entry noch identity',
      )
    if (typeof hash !== 'string' || typeof bytes !== 'string' || !BASE64.test(bytes))
      throw invalid(
        number,
        'fields hash and bytes: a hash and base64 bytes are needed',
        'velden hash en bytes: een hash en bytes in base64 zijn nodig',
      )
    const block = { hash, bytes: new Uint8Array(Buffer.from(bytes, 'base64')) }
    const actual = await blockHash(block.bytes)
    if (actual !== hash)
      throw invalid(
        number,
        `${type} ${hash}: its bytes do not match its hash (they hash to ${actual}); the archive was changed`,
        `${type} ${hash}: de bytes passen niet bij de hash (die is ${actual}); het archief is gewijzigd`,
      )
    const held = logs.get(log) ?? { identities: [], entries: [] }
    logs.set(log, held)
    if (type === 'identity') held.identities.push(block)
    else {
      held.entries.push(block)
      entryLines.set(log, [...(entryLines.get(log) ?? []), number])
      entries++
    }
  }
  if (node === undefined) throw invalid(1, 'the archive is empty', 'het archief is leeg')
  if (end === undefined)
    throw invalid(
      number,
      'the archive ends without its closing line: it is incomplete',
      'het archief eindigt zonder slotregel: het is onvolledig',
    )
  if (end.logs !== logs.size || end.entries !== entries)
    throw invalid(
      number,
      `the closing line counts ${String(end.logs)} logs and ${String(end.entries)} entries; the archive holds ${logs.size} and ${entries}`,
      `de slotregel telt ${String(end.logs)} logboeken en ${String(end.entries)} items; het archief bevat er ${logs.size} en ${entries}`,
    )
  return {
    node,
    logs: [...logs].map(([did, blocks]) => ({ did, ...blocks })),
    lines: entryLines,
  }
}

/**
 * Reads an archive and imports its logs into `store`, all or nothing. An entry the store
 * refuses is named with its line, its hash, its log and the reason.
 */
export async function importArchive(
  store: Store,
  lines: AsyncIterable<string>,
): Promise<ImportedLog[]> {
  const archive = await readArchive(lines)
  try {
    return await store.importLogs(archive.logs)
  } catch (err) {
    const failure = (err as Partial<InvalidEntryError>).failure
    if (failure?.log === undefined) throw err
    const line = failure.index === undefined ? 0 : archive.lines.get(failure.log)?.[failure.index]
    const entry = failure.entry === undefined ? '' : ` ${failure.entry}`
    const reason = failure.reason ?? (err as Error).message
    throw invalid(
      line ?? 0,
      `entry${entry} of the log of ${failure.log} was refused: ${reason}; nothing was imported`,
      `item${entry} van het logboek van ${failure.log} is geweigerd: ${reason}; er is niets geïmporteerd`,
    )
  }
}
