/** Opaque page cursors: the sort key and row of the last hit, so pages stay stable. */
import { SearchQueryError } from './errors.js'

export interface CursorPosition {
  readonly key: number | string | null
  readonly rowid: number
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.key, position.rowid])).toString('base64url')
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(value) && value.length === 2) {
      const [key, rowid] = value as [unknown, unknown]
      const keyOk = key === null || typeof key === 'number' || typeof key === 'string'
      if (keyOk && typeof rowid === 'number' && Number.isInteger(rowid)) return { key, rowid }
    }
  } catch {
    // falls through to the error below: a cursor we did not make
  }
  throw new SearchQueryError('Invalid cursor', [
    {
      path: '/cursor',
      code: 'invalid-cursor',
      message: {
        en: 'not a cursor of this search: start again from the first page',
        nl: 'geen cursor van deze zoekopdracht: begin opnieuw bij de eerste pagina',
      },
    },
  ])
}
