import { describe, expect, it } from 'vitest'
import { currencyMinorUnits, sumMoney, toMinorUnits } from '../src/index.js'

describe('money', () => {
  it('converts decimal strings to exact minor units', () => {
    expect(toMinorUnits({ amount: '1250000.50', currency: 'EUR' })).toBe(125000050n)
    expect(toMinorUnits({ amount: '0.1', currency: 'EUR' })).toBe(10n)
    expect(toMinorUnits({ amount: '1500', currency: 'JPY' })).toBe(1500n)
    expect(toMinorUnits({ amount: '1.005', currency: 'KWD' })).toBe(1005n)
    expect(toMinorUnits({ amount: '999999999999999.99', currency: 'EUR' })).toBe(99999999999999999n)
  })

  it('adds amounts exactly, where floats would not', () => {
    const total = sumMoney(
      [
        { amount: '0.10', currency: 'EUR' },
        { amount: '0.20', currency: 'EUR' },
        { amount: '1000000', currency: 'EUR' },
      ],
      'EUR',
    )
    expect(total).toEqual({ amount: '1000000.30', currency: 'EUR' })
    expect(sumMoney([{ amount: '2', currency: 'EUR' }], 'EUR')).toEqual({
      amount: '2',
      currency: 'EUR',
    })
    expect(sumMoney([], 'JPY')).toEqual({ amount: '0', currency: 'JPY' })
  })

  it('refuses unknown currencies, malformed amounts, too many decimals and mixed currencies', () => {
    expect(() => toMinorUnits({ amount: '1', currency: 'XXX' })).toThrow(/Unknown currency/)
    expect(() => toMinorUnits({ amount: '1,50', currency: 'EUR' })).toThrow(/Not an amount/)
    expect(() => toMinorUnits({ amount: '-1', currency: 'EUR' })).toThrow(/Not an amount/)
    expect(() => toMinorUnits({ amount: '1.001', currency: 'EUR' })).toThrow(/2 decimals/)
    expect(() => sumMoney([{ amount: '1', currency: 'USD' }], 'EUR')).toThrow(/Cannot add/)
  })

  it('knows the minor units of ISO 4217 currencies', () => {
    expect(currencyMinorUnits('EUR')).toBe(2)
    expect(currencyMinorUnits('JPY')).toBe(0)
    expect(currencyMinorUnits('BHD')).toBe(3)
    expect(currencyMinorUnits('eur')).toBeUndefined()
    expect(currencyMinorUnits('toString')).toBeUndefined()
  })
})
