import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseRange } from '../src/api/range.js'

describe('parseRange (RFC 9110 byte ranges)', () => {
  it('serves the whole file without a header', () => {
    expect(parseRange(undefined, 100)).toBeUndefined()
  })

  it('reads a first-last range, clamping the last byte to the file', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ offset: 0, length: 10 })
    expect(parseRange('bytes=90-99', 100)).toEqual({ offset: 90, length: 10 })
    expect(parseRange('bytes=90-500', 100)).toEqual({ offset: 90, length: 10 })
    expect(parseRange(' bytes=5-5 ', 100)).toEqual({ offset: 5, length: 1 })
  })

  it('reads an open range to the end of the file (a resumed download)', () => {
    expect(parseRange('bytes=40-', 100)).toEqual({ offset: 40, length: 60 })
    expect(parseRange('bytes=0-', 1)).toEqual({ offset: 0, length: 1 })
  })

  it('reads a suffix range: the last N bytes, at most the whole file', () => {
    expect(parseRange('bytes=-10', 100)).toEqual({ offset: 90, length: 10 })
    expect(parseRange('bytes=-500', 100)).toEqual({ offset: 0, length: 100 })
  })

  it('calls a range outside the file unsatisfiable (416)', () => {
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=100-200', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=10-5', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable')
    expect(parseRange('bytes=-5', 0)).toBe('unsatisfiable')
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable')
  })

  it('ignores what it does not understand: several ranges, other units, bad syntax', () => {
    for (const header of [
      '',
      'bytes=',
      'bytes=-',
      'bytes=0-1,5-6',
      'items=0-1',
      'bytes=a-b',
      'bytes=1.5-2',
      'bytes 0-1',
    ]) {
      expect(parseRange(header, 100), header).toBeUndefined()
    }
  })

  it('always answers a range within the file, or none, or unsatisfiable', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .tuple(fc.option(fc.nat(1_000)), fc.option(fc.nat(1_000)))
            .map(([a, b]) => `bytes=${a ?? ''}-${b ?? ''}`),
        ),
        fc.nat(1_000),
        (header, size) => {
          const range = parseRange(header, size)
          if (range === undefined || range === 'unsatisfiable') return
          expect(range.length).toBeGreaterThan(0)
          expect(range.offset).toBeGreaterThanOrEqual(0)
          expect(range.offset + range.length).toBeLessThanOrEqual(size)
        },
      ),
    )
  })
})
