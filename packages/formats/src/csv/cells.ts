/**
 * One cell and one value: formula-injection escaping (a cell that starts with = + - @,
 * a tab or a carriage return gets a leading apostrophe, which import removes again) and
 * the conversion of values to cells and back by column type.
 */
import type { Column } from './columns.js'

const FORMULA_START = /^[=+\-@\t\r]/

/** A cell a spreadsheet will not run as a formula. */
export function escapeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The text an escaped cell stood for. */
export function unescapeCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text
}

/** The cell of a value (undefined: empty). */
export function toCell(value: unknown, column: Column): string {
  if (value === undefined || value === null) return ''
  if (column.type === 'list') return (value as unknown[]).map(String).join('; ')
  if (column.type === 'json') return (value as unknown[]).length === 0 ? '' : JSON.stringify(value)
  return String(value)
}

export type CellResult = { ok: true; value: unknown } | { ok: false; expected: string }

/** The value of a non-empty cell, or what was expected. */
export function fromCell(text: string, column: Column): CellResult {
  switch (column.type) {
    case 'integer':
    case 'number': {
      const value = Number(text)
      if (
        text.trim() === '' ||
        !Number.isFinite(value) ||
        (column.type === 'integer' && !Number.isInteger(value))
      ) {
        return { ok: false, expected: column.type === 'integer' ? 'a whole number' : 'a number' }
      }
      return { ok: true, value }
    }
    case 'boolean': {
      if (/^(true|ja|yes|1)$/i.test(text)) return { ok: true, value: true }
      if (/^(false|nee|no|0)$/i.test(text)) return { ok: true, value: false }
      return { ok: false, expected: 'true or false' }
    }
    case 'list':
      return {
        ok: true,
        value: text
          .split(';')
          .map((item) => item.trim())
          .filter((item) => item !== ''),
      }
    case 'json': {
      try {
        const value: unknown = JSON.parse(text)
        if (!Array.isArray(value)) return { ok: false, expected: 'a JSON list: [{…}, …]' }
        return { ok: true, value }
      } catch {
        return { ok: false, expected: 'a JSON list: [{…}, …]' }
      }
    }
    default:
      return { ok: true, value: text }
  }
}
