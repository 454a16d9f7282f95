/**
 * Records from CSV: checks the file (UTF-8, not empty, a known header with the required
 * columns, at most MAX_CSV_ROWS rows, as many cells as columns), turns each row into a
 * record and validates it with the record model, so every problem is reported by row and
 * column with the model's messages in Dutch and English. Nothing is written here: the
 * caller publishes `records` all at once, only when `problems` is empty (or with
 * skip-invalid, the valid ones).
 */
import { type RecordKind, validateRecord } from '@polder/schema'
import { parse } from 'csv-parse/sync'
import { fromCell, unescapeCell } from './cells.js'
import { ALL_COLUMNS, type Column, CSV_LANGUAGES, columnsOf } from './columns.js'
import { type CsvProblem, csvProblem } from './problems.js'
import { firstInvalidUtf8, lineOf } from './utf8.js'

/** Rows one import may hold: one bulk publish, written all or nothing. */
export const MAX_CSV_ROWS = 10_000

export interface CsvImport {
  /** Record inputs (no envelope) of the valid rows, in row order. */
  readonly records: { readonly row: number; readonly input: Record<string, unknown> }[]
  readonly problems: CsvProblem[]
  /** Data rows read (not counting the header). */
  readonly rows: number
}

const PLACEHOLDER = {
  id: '01J00000000000000000000000',
  schemaVersion: 1,
  author: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-01T00:00:00.000Z',
  version: 1,
} as const

const fail = (problems: CsvProblem[]): CsvImport => ({ records: [], problems, rows: 0 })

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target
  path.slice(0, -1).forEach((key) => {
    node[key] ??= {}
    node = node[key] as Record<string, unknown>
  })
  node[path.at(-1) as string] = value
}

function decode(bytes: Uint8Array): string | CsvProblem {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '')
  } catch {
    // find where, for the message
  }
  const bad = firstInvalidUtf8(bytes) ?? 0
  const line = lineOf(bytes, bad)
  return csvProblem(line, undefined, 'not-utf8', {
    nl: `het bestand is geen UTF-8 (byte ${bad + 1}); sla het op als "CSV UTF-8"`,
    en: `the file is not UTF-8 (byte ${bad + 1}); save it as "CSV UTF-8"`,
  })
}

function parseRows(text: string): string[][] | CsvProblem {
  try {
    // Dutch spreadsheets save CSV with semicolons: the header line tells which is used
    const end = text.search(/\r?\n/)
    const firstLine = end === -1 ? text : text.slice(0, end)
    const delimiter = firstLine.includes(',') || !firstLine.includes(';') ? ',' : ';'
    return parse(text, {
      relax_column_count: true,
      skip_empty_lines: true,
      delimiter,
    }) as string[][]
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    return csvProblem(line, undefined, 'malformed-csv', {
      nl: `geen geldige CSV: ${(error as Error).message}`,
      en: `not valid CSV: ${(error as Error).message}`,
    })
  }
}

function checkHeader(header: readonly string[], kind: RecordKind): CsvProblem[] {
  const own = new Map(columnsOf(kind).map((column) => [column.name, column]))
  const problems: CsvProblem[] = []
  const seen = new Set<string>()
  for (const name of header) {
    if (seen.has(name)) {
      problems.push(
        csvProblem(1, name, 'duplicate-column', {
          nl: 'deze kolom staat er twee keer in',
          en: 'this column appears twice',
        }),
      )
    }
    seen.add(name)
    if (!ALL_COLUMNS.has(name)) {
      problems.push(
        csvProblem(1, name, 'unknown-column', { nl: 'onbekende kolom', en: 'unknown column' }),
      )
    } else if (!own.has(name)) {
      problems.push(
        csvProblem(1, name, 'column-not-of-kind', {
          nl: `geen veld van een ${kind}`,
          en: `not a field of a ${kind}`,
        }),
      )
    }
  }
  const required = requiredColumns(kind)
  for (const group of required) {
    if (!group.some((name) => seen.has(name))) {
      problems.push(
        csvProblem(1, group.join(' / '), 'missing-column', {
          nl: `verplichte kolom ontbreekt: ${group.join(' of ')}`,
          en: `required column missing: ${group.join(' or ')}`,
        }),
      )
    }
  }
  return problems
}

/** Required fields of a kind as column groups (any one column of a language map will do). */
function requiredColumns(kind: RecordKind): string[][] {
  const columns = columnsOf(kind).filter((column) => !column.identity && column.name !== 'kind')
  const groups = new Map<string, string[]>()
  for (const field of REQUIRED[kind] ?? []) {
    groups.set(
      field,
      columns.filter((c) => c.path[0] === field).map((c) => c.name),
    )
  }
  return [...groups.values()].filter((group) => group.length > 0)
}

/** Fields a row must give (the rest have defaults, or `languages` follows from the titles). */
const REQUIRED: Partial<Record<RecordKind, string[]>> = {
  practice: ['title', 'status'],
  lesson: ['title', 'relations'],
  finding: ['title', 'researchers', 'abstract'],
  initiative: ['title'],
  lab: ['title', 'places'],
  adoption: ['title', 'status', 'relations'],
  organization: ['title', 'orgType'],
  vouch: ['title', 'subject'],
  question: ['title', 'status', 'urgency'],
  endorsement: ['title', 'relations'],
}

/** The column a problem's JSON Pointer points into, as named in the header. */
function columnOf(pointer: string, header: readonly string[]): string | undefined {
  const segments = pointer.split('/').slice(1)
  for (let length = segments.length; length > 0; length--) {
    const name = segments.slice(0, length).join('_')
    if (header.includes(name)) return name
    const prefixed = header.find(
      (column) =>
        column.startsWith(`${name}_`) && CSV_LANGUAGES.some((l) => column === `${name}_${l}`),
    )
    if (prefixed !== undefined) return prefixed
  }
  return undefined
}

function readRow(
  cells: readonly string[],
  row: number,
  header: readonly string[],
  columns: ReadonlyMap<string, Column>,
  kind: RecordKind,
) {
  const problems: CsvProblem[] = []
  const input: Record<string, unknown> = { kind }
  cells.forEach((raw, index) => {
    const name = header[index] as string
    const column = columns.get(name)
    const text = unescapeCell(raw.trim())
    if (column === undefined || column.identity || text === '') return
    if (name === 'kind') {
      if (text !== kind) {
        problems.push(
          csvProblem(row, name, 'wrong-kind', {
            nl: `een ${text}, geen ${kind}`,
            en: `a ${text}, not a ${kind}`,
          }),
        )
      }
      return
    }
    const value = fromCell(text, column)
    if (!value.ok) {
      problems.push(
        csvProblem(row, name, 'bad-cell', {
          nl: `verwacht ${DUTCH[value.expected] ?? value.expected}`,
          en: `expected ${value.expected}`,
        }),
      )
      return
    }
    setAt(input, column.path, value.value)
  })
  if (input.languages === undefined && typeof input.title === 'object' && input.title !== null) {
    input.languages = Object.keys(input.title)
  }
  return { input, problems }
}

const DUTCH: Record<string, string> = {
  'a whole number': 'een geheel getal',
  'a number': 'een getal',
  'true or false': 'true of false (ja of nee)',
  'a JSON list: [{…}, …]': 'een JSON-lijst: [{…}, …]',
}

/** Reads a CSV file of records of one kind; see {@link CsvImport}. */
export function readCsv(bytes: Uint8Array, kind: RecordKind): CsvImport {
  const text = decode(bytes)
  if (typeof text !== 'string') return fail([text])
  if (text.trim() === '') {
    return fail([
      csvProblem(1, undefined, 'empty-file', {
        nl: 'het bestand is leeg',
        en: 'the file is empty',
      }),
    ])
  }
  const parsed = parseRows(text)
  if (!Array.isArray(parsed)) return fail([parsed])
  const [header = [], ...rows] = parsed
  const trimmed = header.map((name) => name.trim())
  const headerProblems = checkHeader(trimmed, kind)
  if (headerProblems.length > 0) return fail(headerProblems)
  if (rows.length > MAX_CSV_ROWS) {
    return fail([
      csvProblem(MAX_CSV_ROWS + 2, undefined, 'too-many-rows', {
        nl: `meer dan ${MAX_CSV_ROWS.toLocaleString('nl')} rijen (${rows.length.toLocaleString('nl')}); splits het bestand`,
        en: `more than ${MAX_CSV_ROWS.toLocaleString('en')} rows (${rows.length.toLocaleString('en')}); split the file`,
      }),
    ])
  }
  const columns = new Map(columnsOf(kind).map((column) => [column.name, column]))
  const records: CsvImport['records'] = []
  const problems: CsvProblem[] = []
  rows.forEach((cells, index) => {
    const row = index + 2
    if (cells.length !== trimmed.length) {
      const more = cells.length > trimmed.length
      problems.push(
        csvProblem(row, undefined, more ? 'too-many-cells' : 'too-few-cells', {
          nl: `${cells.length} cellen, de kop heeft ${trimmed.length} kolommen`,
          en: `${cells.length} cells where the header has ${trimmed.length} columns`,
        }),
      )
      return
    }
    const read = readRow(cells, row, trimmed, columns, kind)
    if (read.problems.length > 0) {
      problems.push(...read.problems)
      return
    }
    const result = validateRecord({ ...read.input, ...PLACEHOLDER })
    if (!result.ok) {
      for (const p of result.problems)
        problems.push(csvProblem(row, columnOf(p.path, trimmed), p.code, p.message))
      return
    }
    records.push({ row, input: read.input })
  })
  return { records, problems, rows: rows.length }
}
