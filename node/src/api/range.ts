/** HTTP Range headers (RFC 9110 §14): one byte range; anything else is served whole. */

export interface ByteRange {
  readonly offset: number
  readonly length: number
}

/**
 * The byte range of `header` in a file of `size` bytes: undefined for the whole file (no
 * header, several ranges or a syntax error, which the RFC says to ignore),
 * 'unsatisfiable' for a range outside the file.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (match === null) return undefined
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return undefined
  if (first === '') {
    // the last N bytes
    const suffix = Number(last)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    const length = Math.min(suffix, size)
    return { offset: size - length, length }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { offset: start, length: end - start + 1 }
}
