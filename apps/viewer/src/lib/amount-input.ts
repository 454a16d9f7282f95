/**
 * Amounts as people type them: "€ 480.000", "480.000,50", "12,50", "1,250,000.50", "EUR
 * 7500". The record wants a plain decimal ("480000.50"); this reads what was typed the
 * way the reader's language writes numbers, and says when it cannot.
 */
import type { Language } from './i18n'

/**
 * The plain decimal of a typed amount, or undefined when it is not one. A single dot or
 * comma followed by exactly three digits is a thousands separator in Dutch ("480.000")
 * and a decimal point in English only for the dot; a comma is then a thousands separator.
 */
export function parseAmountInput(typed: string, language: Language): string | undefined {
  const text = typed
    .replace(/€|EUR|eur|\s|\u00a0|\u202f/g, '')
    .replace(/^'+|'+$/g, '')
    .trim()
  if (!/^[0-9][0-9.,]*$/.test(text)) return undefined
  const dots = text.split('.').length - 1
  const commas = text.split(',').length - 1
  let decimal: '.' | ',' | undefined
  if (dots > 0 && commas > 0) decimal = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ','
  else if (dots > 1) decimal = undefined
  else if (commas > 1) decimal = undefined
  else if (dots === 1) decimal = language === 'nl' && /\.[0-9]{3}$/.test(text) ? undefined : '.'
  else if (commas === 1) decimal = language === 'en' && /,[0-9]{3}$/.test(text) ? undefined : ','
  const thousands = decimal === '.' ? ',' : decimal === ',' ? '.' : dots > 0 ? '.' : ','
  const [whole = '', fraction, extra] = text.split(decimal ?? '\u0000')
  if (extra !== undefined) return undefined
  // thousands separators only between groups of three digits
  const groups = whole.split(thousands)
  if (groups.length > 1 && groups.slice(1).some((group) => group.length !== 3)) return undefined
  const digits = groups.join('')
  if (!/^[0-9]+$/.test(digits)) return undefined
  if (fraction !== undefined && !/^[0-9]{1,4}$/.test(fraction)) return undefined
  const plain = digits.replace(/^0+(?=[0-9])/, '')
  return fraction === undefined ? plain : `${plain}.${fraction}`
}
