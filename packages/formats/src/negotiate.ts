/**
 * HTTP content negotiation (RFC 9110 §12.5.1): the offered media type the Accept header
 * prefers most, by quality, then by specificity, then in the order the route offers them.
 */
import { NotAcceptableError } from './errors.js'

interface Range {
  readonly type: string
  readonly subtype: string
  readonly q: number
  readonly order: number
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = []
  header.split(',').forEach((part, order) => {
    const [mediaRange = '', ...params] = part.split(';').map((s) => s.trim())
    const [type, subtype] = mediaRange.toLowerCase().split('/')
    if (type === undefined || subtype === undefined || type === '' || subtype === '') return
    let q = 1
    for (const param of params) {
      const [name, value] = param.split('=').map((s) => s.trim())
      if (name?.toLowerCase() === 'q') {
        const parsed = Number(value)
        q = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0
      }
    }
    ranges.push({ type, subtype, q, order })
  })
  return ranges
}

function specificity(range: Range): number {
  return (range.type === '*' ? 0 : 1) + (range.subtype === '*' ? 0 : 1)
}

function matches(range: Range, mediaType: string): boolean {
  const [type, subtype] = mediaType.split('/')
  return (
    (range.type === '*' || range.type === type) &&
    (range.subtype === '*' || range.subtype === subtype)
  )
}

/**
 * The media type to answer with: the first offer when there is no Accept header;
 * throws {@link NotAcceptableError} (HTTP 406) when nothing offered is acceptable.
 */
export function negotiate(accept: string | undefined, offered: readonly string[]): string {
  if (offered.length === 0) throw new NotAcceptableError(offered)
  if (accept === undefined || accept.trim() === '') return offered[0] as string
  const ranges = parseAccept(accept)
  let best: { mediaType: string; q: number; index: number } | undefined
  offered.forEach((mediaType, index) => {
    const fitting = ranges
      .filter((range) => matches(range, mediaType))
      .sort((a, b) => specificity(b) - specificity(a) || a.order - b.order)[0]
    if (fitting === undefined || fitting.q <= 0) return
    if (best === undefined || fitting.q > best.q) best = { mediaType, q: fitting.q, index }
  })
  if (best === undefined) throw new NotAcceptableError(offered)
  return best.mediaType
}
