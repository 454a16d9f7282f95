/**
 * Money as the records carry it: a decimal string and an ISO 4217 code. Sums are exact
 * (minor units in bigint); only display goes through Intl.
 */
import type { Money } from '@polder/schema'

/** Fraction digits of a currency (EUR 2, JPY 0); 2 when Intl does not know it. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number
  } catch {
    return 2
  }
}

const AMOUNT = /^(\d+)(?:\.(\d+))?$/

/** The amount in minor units; undefined for a malformed amount or too many decimals. */
export function toMinor(money: Money): bigint | undefined {
  const match = AMOUNT.exec(money.amount)
  if (match === null) return undefined
  const digits = currencyDigits(money.currency)
  const fraction = match[2] ?? ''
  if (fraction.replace(/0+$/, '').length > digits) return undefined
  return BigInt((match[1] ?? '0') + fraction.slice(0, digits).padEnd(digits, '0'))
}

/** Minor units back to a decimal string without trailing zero decimals. */
export function fromMinor(minor: bigint, currency: string): Money {
  const digits = currencyDigits(currency)
  const negative = minor < 0n
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0')
  const whole = digits === 0 ? text : text.slice(0, -digits)
  const fraction = digits === 0 ? '' : text.slice(-digits).replace(/0+$/, '')
  return { amount: `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`, currency }
}

/** Totals per currency; malformed amounts are left out rather than guessed. */
export function sumByCurrency(amounts: Iterable<Money | undefined>): Map<string, bigint> {
  const totals = new Map<string, bigint>()
  for (const money of amounts) {
    if (money === undefined) continue
    const minor = toMinor(money)
    if (minor === undefined) continue
    totals.set(money.currency, (totals.get(money.currency) ?? 0n) + minor)
  }
  return totals
}

/**
 * "€ 780.000" (nl) or "€780,000" (en); cents only when there are any. The amount is
 * passed to Intl as a string, so large budgets keep every digit.
 */
export function formatMoney(money: Money, locale: string): string {
  const digits = currencyDigits(money.currency)
  const hasFraction = /\.\d*[1-9]/.test(money.amount)
  try {
    const format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: hasFraction ? digits : 0,
      maximumFractionDigits: digits,
    })
    return format.format(money.amount as unknown as number) // Intl accepts decimal strings
  } catch {
    return `${money.currency} ${money.amount}`
  }
}

/** Short form for chart axes: "€ 1,2 mln." / "€1.2M". */
export function formatCompactMoney(amount: number, currency: string, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    }).format(amount)
  } catch {
    return `${currency} ${amount}`
  }
}

/** A minor-unit total as a number of major units, for charts (which plot floats anyway). */
export const majorUnits = (minor: bigint, currency: string): number =>
  Number(minor) / 10 ** currencyDigits(currency)
