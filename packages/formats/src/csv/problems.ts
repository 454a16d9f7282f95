/** Problems of a CSV file, each at a row (the header is row 1) and a column, in Dutch and English. */

export interface CsvProblem {
  /** Spreadsheet row: the header is row 1, the first record row 2. */
  readonly row: number
  readonly column?: string
  readonly code: string
  readonly message: { readonly nl: string; readonly en: string }
}

export function csvProblem(
  row: number,
  column: string | undefined,
  code: string,
  message: { nl: string; en: string },
): CsvProblem {
  return { row, ...(column === undefined ? {} : { column }), code, message }
}

/** `row 12, column budget_amount: …` (or `rij 12, kolom …` in Dutch). */
export function describeProblem(problem: CsvProblem, language: 'nl' | 'en'): string {
  const where =
    language === 'nl'
      ? `rij ${problem.row}${problem.column === undefined ? '' : `, kolom ${problem.column}`}`
      : `row ${problem.row}${problem.column === undefined ? '' : `, column ${problem.column}`}`
  return `${where}: ${problem.message[language]}`
}
