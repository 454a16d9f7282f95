/** Where a byte sequence stops being UTF-8 (RFC 3629), for a row number in the message. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0
  while (i < bytes.length) {
    const byte = bytes[i] as number
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0
    if (length === 0 || i + length > bytes.length) return i
    for (let k = 1; k < length; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i
    if (length > 1) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length))
      } catch {
        return i
      }
    }
    i += length
  }
  return undefined
}

/** The 1-based line of a byte offset. */
export function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++
  return line
}
