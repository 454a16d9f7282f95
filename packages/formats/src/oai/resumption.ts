/**
 * Resumption tokens: the query and the position after the last record sent, so a harvest
 * resumes where it stopped whatever was published meanwhile (new records sort after it).
 */
import type { OaiPosition } from './types.js'

export interface ResumptionState {
  readonly prefix: string
  readonly from?: string
  readonly until?: string
  readonly set?: string
  readonly after: OaiPosition
  /** Records sent before this page. */
  readonly cursor: number
}

export function encodeToken(state: ResumptionState): string {
  return Buffer.from(JSON.stringify({ v: 1, ...state })).toString('base64url')
}

/** The state in a token, or undefined when it is not one of ours. */
export function decodeToken(token: string): ResumptionState | undefined {
  if (token.length > 2_000 || !/^[A-Za-z0-9_-]+$/.test(token)) return undefined
  try {
    const state = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    ) as Partial<ResumptionState> & { v?: number }
    const { after } = state
    if (
      state.v !== 1 ||
      typeof state.prefix !== 'string' ||
      typeof state.cursor !== 'number' ||
      typeof after?.updated !== 'string' ||
      typeof after.ref !== 'string'
    ) {
      return undefined
    }
    for (const key of ['from', 'until', 'set'] as const) {
      if (state[key] !== undefined && typeof state[key] !== 'string') return undefined
    }
    return state as ResumptionState
  } catch {
    return undefined
  }
}
