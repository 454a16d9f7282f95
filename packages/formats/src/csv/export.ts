/**
 * Records as CSV a spreadsheet opens as it is: UTF-8 with a byte-order mark, a header of
 * the kind's columns (see columns.ts), one row per record, formula-like cells escaped.
 */
import { isTombstone, type RecordKind, type RecordState } from '@polder/schema'
import { stringify } from 'csv-stringify/sync'
import { escapeCell, toCell } from './cells.js'
import { type Column, columnsOf, unionColumns } from './columns.js'

export const CSV_MEDIA_TYPE = 'text/csv'
export const BOM = '\uFEFF'

function valueAt(record: unknown, path: readonly string[]): unknown {
  let value: unknown = record
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** One CSV line (with its line break) of cells. */
export function csvLine(cells: readonly string[]): string {
  return stringify([cells], { record_delimiter: '\r\n' })
}

/** The row of a record under the given columns. */
export function csvRow(record: RecordState, columns: readonly Column[]): string {
  return csvLine(columns.map((column) => escapeCell(toCell(valueAt(record, column.path), column))))
}

/** The header line, with the byte-order mark. */
export function csvHeader(columns: readonly Column[]): string {
  return `${BOM}${csvLine(columns.map((column) => column.name))}`
}

/** Columns for an export: of one kind, or of all kinds given (tombstones have no row). */
export function exportColumns(kinds: Iterable<RecordKind>): Column[] {
  const list = [...new Set(kinds)]
  return list.length === 1 ? [...columnsOf(list[0] as RecordKind)] : unionColumns(list)
}

/** The CSV of records, as lines: header first, then a row per live record. */
export function* csvLines(
  records: Iterable<RecordState>,
  columns: readonly Column[],
): Generator<string> {
  yield csvHeader(columns)
  for (const record of records) if (!isTombstone(record)) yield csvRow(record, columns)
}

/** An empty CSV of a kind with its columns and one example row (a record of that kind). */
export function csvTemplate(kind: RecordKind, example?: RecordState): string {
  const columns = columnsOf(kind).filter((column) => !column.identity)
  return csvHeader(columns) + (example === undefined ? '' : csvRow(example, columns))
}
