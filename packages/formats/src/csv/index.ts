/** CSV in and out: columns per kind, export, template and import with row/column problems. */
export { type Column, CSV_LANGUAGES, columnsOf, unionColumns } from './columns.js'
export {
  BOM,
  CSV_MEDIA_TYPE,
  csvHeader,
  csvLines,
  csvRow,
  csvTemplate,
  exportColumns,
} from './export.js'
export { type CsvImport, MAX_CSV_ROWS, readCsv } from './import.js'
export { type CsvProblem, describeProblem } from './problems.js'
