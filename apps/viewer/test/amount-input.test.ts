import { describe, expect, it } from 'vitest'
import { parseAmountInput } from '../src/lib/amount-input'

describe('amounts as typed', () => {
  it.each([
    ['€ 480.000', 'nl', '480000'],
    ['480.000,50', 'nl', '480000.5'.replace('.5', '.50')],
    ['12,50', 'nl', '12.50'],
    ['€ 1.250.000', 'nl', '1250000'],
    ['480000.50', 'nl', '480000.50'],
    ['EUR 7500', 'nl', '7500'],
    ['€480,000', 'en', '480000'],
    ['1,250,000.50', 'en', '1250000.50'],
    ['12.50', 'en', '12.50'],
    ['480.000', 'en', '480.000'],
  ] as const)('reads %s (%s) as %s', (typed, language, plain) => {
    expect(parseAmountInput(typed, language)).toBe(plain)
  })

  it.each(['twaalf', '12,5,0', '1.25.000', '-5', '12,50000', ''])('refuses %s', (typed) => {
    expect(parseAmountInput(typed, 'nl')).toBeUndefined()
  })
})
