/**
 * Active ISO 4217 currency codes with their number of minor-unit digits. Shipped with
 * the package (not taken from the runtime's Intl data) so that every node accepts and
 * refuses the same records, whatever its ICU version.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = Object.freeze({
  ...digits(0, 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'),
  ...digits(3, 'BHD IQD JOD KWD LYD OMR TND'),
  ...digits(4, 'CLF UYW'),
  ...digits(
    2,
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN ' +
      'BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP ' +
      'GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP ' +
      'LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR ' +
      'NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN ' +
      'SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ' +
      'ZMW ZWG',
  ),
})

function digits(count: number, codes: string): Record<string, number> {
  return Object.fromEntries(codes.split(' ').map((code) => [code, count]))
}

/** Every currency code a record may use. */
export const CURRENCY_CODES: readonly string[] = Object.keys(MINOR_UNITS).sort()

/** Minor-unit digits of a currency (2 for EUR), or undefined for an unknown code. */
export function currencyMinorUnits(code: string): number | undefined {
  return Object.hasOwn(MINOR_UNITS, code) ? MINOR_UNITS[code] : undefined
}
