import { currencyMinorUnits } from './vocabularies/currencies.js'

/**
 * An amount of money. The amount is a decimal string ("1250000.50"), never a float, so
 * that budgets add up exactly and encode to the same bytes on every node.
 */
export interface Money {
  readonly amount: string
  /** ISO 4217 code, e.g. `EUR`. */
  readonly currency: string
}

/** Non-negative decimal with up to 15 integer and 4 fraction digits. */
export const AMOUNT_PATTERN = /^(0|[1-9][0-9]{0,14})(\.[0-9]{1,4})?$/

/** The amount in the currency's minor units (cents for EUR), exact. */
export function toMinorUnits(money: Money): bigint {
  const digits = currencyMinorUnits(money.currency)
  if (digits === undefined) throw new RangeError(`Unknown currency: ${money.currency}`)
  if (!AMOUNT_PATTERN.test(money.amount)) throw new RangeError(`Not an amount: ${money.amount}`)
  const [whole = '0', fraction = ''] = money.amount.split('.')
  if (fraction.length > digits) {
    throw new RangeError(`${money.currency} has ${digits} decimals, ${money.amount} has more`)
  }
  return BigInt(whole + fraction.padEnd(digits, '0'))
}

/** Sum of amounts in one currency, as Money. */
export function sumMoney(amounts: readonly Money[], currency: string): Money {
  const digits = currencyMinorUnits(currency)
  if (digits === undefined) throw new RangeError(`Unknown currency: ${currency}`)
  let total = 0n
  for (const money of amounts) {
    if (money.currency !== currency) {
      throw new RangeError(`Cannot add ${money.currency} to ${currency}`)
    }
    total += toMinorUnits(money)
  }
  const text = total.toString().padStart(digits + 1, '0')
  const whole = digits === 0 ? text : text.slice(0, -digits)
  const fraction = digits === 0 ? '' : text.slice(-digits)
  return { amount: /^0*$/.test(fraction) ? whole : `${whole}.${fraction}`, currency }
}
