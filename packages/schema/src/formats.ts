/**
 * String formats of the record model. Each has a name, which validation problems carry
 * so that their messages can say exactly what was expected (see problems.ts).
 */
import { CID } from 'multiformats/cid'
import * as z from 'zod'
import { LIMITS } from './constants.js'
import { isDid } from './did.js'
import { AMOUNT_PATTERN } from './money.js'
import { RECORD_ID_PATTERN } from './record-id.js'
import { isRef } from './reference.js'
import { currencyMinorUnits } from './vocabularies/currencies.js'

/** Well-formed BCP 47 tag of the kinds records use: `nl`, `en`, `fy`, `en-GB`, `zh-Hant`, `es-419`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/
/** DOI as Crossref recommends matching it. */
const DOI = /^10\.[0-9]{4,9}\/[-._;()/:A-Za-z0-9]+$/
const ORCID = /^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$/
/** SPDX licence identifier or expression of identifiers (`CC-BY-4.0`, `MIT OR Apache-2.0`). */
const SPDX = /^[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*$/
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/

/** ISO 7064 mod 11-2 check digit of an ORCID iD. */
function orcidChecksumValid(orcid: string): boolean {
  const digits = orcid.replaceAll('-', '')
  let total = 0
  for (const char of digits.slice(0, -1)) total = (total + Number(char)) * 2
  const check = (12 - (total % 11)) % 11
  return digits.at(-1) === (check === 10 ? 'X' : String(check))
}

function isCid(value: string): boolean {
  try {
    CID.parse(value)
    return true
  } catch {
    return false
  }
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false
  const { protocol } = new URL(value)
  return protocol === 'https:' || protocol === 'http:'
}

export const did = () => z.stringFormat('did', isDid)
export const recordId = () => z.stringFormat('record-id', RECORD_ID_PATTERN)
export const polderRef = () => z.stringFormat('polder-ref', isRef)
export const languageTag = () => z.stringFormat('language-tag', LANGUAGE_TAG)
/** A DOI as people paste it: `https://doi.org/10.…`, `doi:10.…`, or bare. */
const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i
/** An ORCID iD as a URL: `https://orcid.org/0000-…`. */
const ORCID_PREFIX = /^https?:\/\/(?:www\.)?orcid\.org\//i

/** The bare DOI (`10.1234/abc`) of a DOI, a doi: name or a doi.org URL. */
export function normaliseDoi(value: string): string {
  const bare = value.trim().replace(DOI_PREFIX, '')
  if (bare === value) return value
  try {
    return decodeURIComponent(bare)
  } catch {
    return bare
  }
}

/** The bare ORCID iD (`0000-0002-1825-0097`) of an iD or its orcid.org URL. */
export function normaliseOrcid(value: string): string {
  return value.trim().replace(ORCID_PREFIX, '')
}

// The checks accept the pasted forms; overwrite stores the bare one, so a record (and its
// canonical bytes) only ever holds `10.…` and `0000-…`.
export const doi = () =>
  z
    .stringFormat('doi', (value) => {
      const bare = normaliseDoi(value)
      return bare.length <= 300 && DOI.test(bare)
    })
    .overwrite(normaliseDoi)
export const orcid = () =>
  z
    .stringFormat('orcid', (value) => {
      const bare = normaliseOrcid(value)
      return ORCID.test(bare) && orcidChecksumValid(bare)
    })
    .overwrite(normaliseOrcid)
export const spdx = () => z.stringFormat('spdx', (value) => value.length <= 100 && SPDX.test(value))
export const mediaType = () => z.stringFormat('media-type', MEDIA_TYPE)
export const cid = () => z.stringFormat('cid', (value) => value.length <= 200 && isCid(value))
export const currency = () =>
  z.stringFormat('currency', (value) => currencyMinorUnits(value) !== undefined)
export const municipalityCode = () => z.stringFormat('municipality-code', /^GM[0-9]{4}$/)
export const provinceCode = () => z.stringFormat('province-code', /^PV[0-9]{2}$/)
export const countryCode = () => z.stringFormat('country-code', /^[A-Z]{2}$/)
/** Non-negative decimal amount of money as a string: `1250000.50`. */
export const amount = () => z.stringFormat('amount', AMOUNT_PATTERN)
export const url = () =>
  z.stringFormat('url', (value) => value.length <= LIMITS.url && isHttpUrl(value))
export const email = () => z.email().max(254)
/** Date with a time zone: `2026-11-28T14:08:40Z` or with an offset. */
export const dateTime = () => z.iso.datetime({ offset: true })
/** Calendar date: `2026-11-28`. */
export const date = () => z.iso.date()
/** Bounded single-line string of a name, label or tag. */
export const name = () => z.string().trim().min(1).max(LIMITS.name)
