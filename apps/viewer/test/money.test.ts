import { describe, expect, it } from 'vitest'
import { formatMoney, fromMinor, sumByCurrency, toMinor } from '../src/lib/money'

describe('money', () => {
  it('formats in the reader’s language, with cents only when there are any', () => {
    expect(formatMoney({ amount: '780000.00', currency: 'EUR' }, 'nl-NL')).toBe('€\u00a0780.000')
    expect(formatMoney({ amount: '780000.50', currency: 'EUR' }, 'nl-NL')).toBe('€\u00a0780.000,50')
    expect(formatMoney({ amount: '1250', currency: 'EUR' }, 'en-GB')).toBe('€1,250')
    expect(formatMoney({ amount: '1000', currency: 'JPY' }, 'en-GB')).toBe('JP¥1,000')
  })

  it('keeps every digit of a large amount', () => {
    expect(formatMoney({ amount: '123456789012345.67', currency: 'EUR' }, 'en-GB')).toBe(
      '€123,456,789,012,345.67',
    )
  })

  it('adds exactly per currency and skips malformed amounts', () => {
    const totals = sumByCurrency([
      { amount: '0.10', currency: 'EUR' },
      { amount: '0.2', currency: 'EUR' },
      { amount: '5', currency: 'USD' },
      { amount: 'abc', currency: 'EUR' },
      { amount: '1.001', currency: 'EUR' },
      undefined,
    ])
    expect(totals).toEqual(
      new Map([
        ['EUR', 30n],
        ['USD', 500n],
      ]),
    )
    expect(fromMinor(30n, 'EUR')).toEqual({ amount: '0.3', currency: 'EUR' })
    expect(fromMinor(78000000n, 'EUR')).toEqual({ amount: '780000', currency: 'EUR' })
    expect(toMinor({ amount: '12', currency: 'JPY' })).toBe(12n)
  })
})
