/** Citations of records: CSL-JSON, BibTeX, RIS (via citation-js) and DataCite XML for findings. */
import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import type { PolderRecord } from '@polder/schema'
import { type CitationInit, toCsl } from './csl.js'
import { toDataCite } from './datacite.js'

export { type CitationInit, type CslItem, citable, toCsl } from './csl.js'
export { addDataCiteResource, DATACITE, toDataCite } from './datacite.js'

export const CITATION_MEDIA_TYPES = {
  csl: 'application/vnd.citationstyles.csl+json',
  bibtex: 'application/x-bibtex',
  ris: 'application/x-research-info-systems',
  datacite: 'application/vnd.datacite.datacite+xml',
} as const

/** A record cited in one of the citation media types; undefined for another type. */
export function cite(
  record: PolderRecord,
  mediaType: string,
  init: CitationInit,
): string | undefined {
  switch (mediaType) {
    case CITATION_MEDIA_TYPES.csl:
      return JSON.stringify([toCsl(record, init)])
    case CITATION_MEDIA_TYPES.bibtex:
      return new Cite([toCsl(record, init)]).format('bibtex') as string
    case CITATION_MEDIA_TYPES.ris:
      // registered by the RIS plugin; the core's types know only its own formats
      return unwrapRis(new Cite([toCsl(record, init)]).format('ris' as 'bibtex') as string)
    case CITATION_MEDIA_TYPES.datacite:
      return record.kind === 'finding' ? toDataCite(record, init) : undefined
    default:
      return undefined
  }
}

/**
 * citation-js breaks RIS values every 70 characters, which splits URLs and titles in
 * reference managers: joins each continuation line back onto its tag's line.
 */
function unwrapRis(ris: string): string {
  const lines: string[] = []
  for (const line of ris.split('\n')) {
    if (/^[A-Z][A-Z0-9] {2}- /.test(line) || lines.length === 0) lines.push(line)
    else lines[lines.length - 1] += line
  }
  return `${lines.join('\r\n')}\r\n`
}
