import { describe, expect, it } from 'vitest'
import { formatSize } from '../src/lib/file-size'

describe('file sizes', () => {
  it('reads as people read them, in the reader’s format', () => {
    expect(formatSize(1_600_000, 'nl-NL')).toBe('1,6 MB')
    expect(formatSize(1_600_000, 'en-GB')).toBe('1.6 MB')
    expect(formatSize(2_500, 'nl-NL')).toBe('2,5 kB')
    expect(formatSize(512, 'en-GB')).toBe('512 byte')
    expect(formatSize(Number.NaN, 'nl-NL')).toBe('—')
  })
})
