// Helpers that keep the fixture content (scripts/fixtures-content-*.mjs) short and readable.
// They only build plain objects; scripts/fixtures-build.mjs turns those into records
// (ids, DIDs, references, attachment CIDs) and validates them.

import { MUNICIPALITIES } from '../dist/index.js'

/**
 * A language map in Dutch and English. Each side is a string or a list of paragraphs,
 * joined with a blank line.
 */
export function t(nl, en) {
  const join = (text) => (Array.isArray(text) ? text.join('\n\n') : text)
  return { nl: join(nl), en: join(en) }
}

/** An amount in euros: `eur('2400000.00')`. */
export function eur(amount) {
  if (!/^\d+\.\d{2}$/.test(amount)) throw new Error(`Write euro amounts with cents: ${amount}`)
  return { amount, currency: 'EUR' }
}

/** One funding source: `fund('eu', 'EFRO (OP Zuid)', '400000.00')`. */
export function fund(source, funder, amount) {
  return { source, funder, contribution: eur(amount) }
}

/**
 * A place in the Netherlands by CBS municipality code; the province follows from the
 * code. `point` is `[lat, lon]`.
 */
export function place(name, municipality, point) {
  const found = MUNICIPALITIES.find((entry) => entry.code === municipality)
  if (found === undefined) throw new Error(`Unknown municipality code ${municipality}`)
  const out = { name, country: 'NL', municipality, province: found.province }
  if (point !== undefined) out.point = { lat: point[0], lon: point[1] }
  return out
}

/** A place that is a whole province: `province('Noord-Brabant', 'PV30')`. */
export function province(name, code, point) {
  const out = { name, country: 'NL', province: code }
  if (point !== undefined) out.point = { lat: point[0], lon: point[1] }
  return out
}

/** A measured or estimated outcome in one impact dimension. */
export function outcome(dimension, description, indicator, value, unit) {
  const out = { dimension, description }
  if (indicator !== undefined) out.indicator = indicator
  if (value !== undefined) out.value = value
  if (unit !== undefined) out.unit = unit
  return out
}

/** A barrier met, with what happened. */
export function barrier(code, description) {
  return { barrier: code, description }
}

/** A partner that is not one of the fixture organisations. */
export function partner(name, orgType, role) {
  const out = { name, orgType }
  if (role !== undefined) out.role = role
  return out
}

/** A partner that is one of the fixture organisations; the builder adds name, DID and type. */
export function partnerOrg(slug, role) {
  return { org: slug, role }
}

export function link(url, label) {
  return { url, label }
}

/** A relation to another fixture record, by its key; the builder makes the reference. */
export function rel(type, key) {
  return { type, to: key }
}

/**
 * An ORCID iD from its first 15 digits, with the ISO 7064 mod 11-2 check digit computed.
 * The fixtures use the block 0000-0000-…, which ORCID has never issued, so no fixture
 * researcher is a real person's iD.
 */
export function orcid(first15) {
  const digits = first15.replaceAll('-', '')
  if (!/^\d{15}$/.test(digits)) throw new Error(`An ORCID iD starts with 15 digits: ${first15}`)
  let total = 0
  for (const char of digits) total = (total + Number(char)) * 2
  const check = (12 - (total % 11)) % 11
  return `${first15}${check === 10 ? 'X' : String(check)}`
}
