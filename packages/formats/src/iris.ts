/**
 * Identifiers as http(s) IRIs, and back: records on the node that serves them, licences
 * as SPDX, DOIs, ORCID iDs, media types at IANA, municipalities and provinces in TOOI,
 * themes in the node's SKOS concept scheme, open standards at their official addresses.
 */
import { formatRef, isRef, type PolderRef, parseRef, STANDARDS, THEMES } from '@polder/schema'
import { PATHS, REGISTRIES } from './constants.js'

const THEME_CODES: ReadonlySet<string> = new Set(THEMES.map((theme) => theme.code))

/** The node's public URL without a trailing slash: `http://127.0.0.1:7878`. */
export function normaliseBase(publicUrl: string): string {
  const url = new URL(publicUrl)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`The public URL must be http(s): ${publicUrl}`)
  }
  return url.href.replace(/\/+$/, '')
}

/** IRIs of one node: every function is pure, given the node's public URL. */
export interface Iris {
  readonly base: string
  record(ref: { author: string; id: string }): string
  /** The record reference behind a record IRI of any node, or undefined. */
  refOf(iri: string): PolderRef | undefined
  themeScheme(): string
  theme(code: string): string
  /** The theme code of a concept IRI of any node, or undefined. */
  themeOf(iri: string): string | undefined
  attachment(cid: string): string
  context(): string
  catalog(): string
}

export function createIris(publicUrl: string): Iris {
  const base = normaliseBase(publicUrl)
  return {
    base,
    record: (ref) => `${base}${PATHS.record}${formatRef(ref).slice('polder://'.length)}`,
    refOf(iri) {
      const at = iri.lastIndexOf(PATHS.record)
      if (at === -1) return undefined
      const ref = `polder://${iri.slice(at + PATHS.record.length)}`
      return isRef(ref) ? (formatRef(parseRef(ref)) as PolderRef) : undefined
    },
    themeScheme: () => `${base}${PATHS.themes}`,
    theme: (code) => `${base}${PATHS.themes}#${code}`,
    themeOf(iri) {
      const code = iri.slice(iri.lastIndexOf('#') + 1)
      return iri.includes(`${PATHS.themes}#`) && THEME_CODES.has(code) ? code : undefined
    },
    attachment: (cid) => `${base}${PATHS.attachment}${cid}`,
    context: () => `${base}${PATHS.context}`,
    catalog: () => `${base}${PATHS.catalog}`,
  }
}

/** A prefix-based identifier scheme: value <-> IRI. */
export interface IriScheme {
  toIri(value: string): string
  fromIri(iri: string): string
}

const prefixed = (
  prefix: string,
  encode: (value: string) => string = encodeURIComponent,
  decode: (value: string) => string = decodeURIComponent,
): IriScheme => ({
  toIri: (value) => `${prefix}${encode(value)}`,
  fromIri: (iri) => (iri.startsWith(prefix) ? decode(iri.slice(prefix.length)) : iri),
})

/** SPDX licence IRIs; an expression (`MIT OR Apache-2.0`) is kept percent-encoded. */
export const licenseIris = prefixed(REGISTRIES.spdx)
/** DOIs as `https://doi.org/10.5555/…`, slashes kept. */
export const doiIris = prefixed(REGISTRIES.doi, encodeURI, decodeURI)
export const orcidIris = prefixed(REGISTRIES.orcid)
/** `text/csv` as `https://www.iana.org/assignments/media-types/text/csv`. */
export const mediaTypeIris = prefixed(
  REGISTRIES.iana,
  (value) => value,
  (value) => value,
)
export const municipalityIris = prefixed(
  REGISTRIES.municipality,
  (code) => code.toLowerCase(),
  (code) => code.toUpperCase(),
)
export const provinceIris = prefixed(
  REGISTRIES.province,
  (code) => code.toLowerCase(),
  (code) => code.toUpperCase(),
)

const STANDARD_IRIS = new Map<string, string>(STANDARDS.map((s) => [s.code, s.url]))
const STANDARD_CODES = new Map<string, string>(STANDARDS.map((s) => [s.url, s.code]))

/**
 * Open standards as the address their maintainer publishes them at (the vocabulary's
 * `url`, one per standard), as DCAT-AP asks of `dct:conformsTo`: an IRI of a
 * `dct:Standard`. An IRI of no known standard is given back as it is, for validation to
 * name.
 */
export const standardIris: IriScheme = {
  toIri: (code) => STANDARD_IRIS.get(code) ?? code,
  fromIri: (iri) => STANDARD_CODES.get(iri) ?? iri,
}
