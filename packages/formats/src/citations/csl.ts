/**
 * A record as a citation: CSL-JSON (the citation style language's data), and through
 * citation-js BibTeX and RIS. A DOI in the record is cited when there is one; otherwise
 * the record's IRI on this node, with its version and date.
 */
import { isTombstone, type LangMap, type PolderRecord, type RecordState } from '@polder/schema'
import type { Iris } from '../iris.js'
import { doiIris } from '../iris.js'

export interface CslItem {
  id: string
  type: string
  title: string
  author: { family?: string; given?: string; literal?: string }[]
  issued: { 'date-parts': [[number, number, number]] }
  URL: string
  DOI?: string
  version: string
  publisher: string
  language: string
  abstract?: string
  keyword?: string
  accessed?: { 'date-parts': [[number, number, number]] }
}

export interface CitationInit {
  readonly iris: Iris
  /** Name of an organisation by DID. */
  readonly authorName: (did: string) => string | undefined
  /** Language of the title and abstract. @default 'nl' */
  readonly language?: string
}

const pick = (map: LangMap | undefined, language: string) =>
  map === undefined ? undefined : (map[language] ?? Object.values(map)[0])

const dateParts = (date: string): { 'date-parts': [[number, number, number]] } => {
  const [year = 1970, month = 1, day = 1] = date.slice(0, 10).split('-').map(Number)
  return { 'date-parts': [[year, month, day]] }
}

/** "Eva de Jong" as family "de Jong", given "Eva" (Dutch particles kept with the family name). */
function personName(name: string): { family: string; given?: string } {
  const parts = name.trim().split(/\s+/)
  if (parts.length === 1) return { family: name }
  const particles = new Set([
    'van',
    'de',
    'der',
    'den',
    'het',
    'ter',
    'ten',
    'te',
    "'t",
    'van der',
    'von',
  ])
  let split = parts.length - 1
  while (split > 1 && particles.has((parts[split - 1] as string).toLowerCase())) split--
  return { given: parts.slice(0, split).join(' '), family: parts.slice(split).join(' ') }
}

/** The CSL-JSON item of a live record. */
export function toCsl(record: PolderRecord, init: CitationInit): CslItem {
  const language = init.language ?? 'nl'
  const organisation = init.authorName(record.author) ?? record.author
  const finding = record.kind === 'finding' ? record : undefined
  const doi = finding?.doi
  const abstract = pick(finding === undefined ? record.summary : finding.abstract, language)
  return {
    id: record.id,
    type: finding === undefined ? 'document' : 'report',
    title: pick(record.title, language) ?? record.id,
    author:
      finding === undefined
        ? [{ literal: organisation }]
        : finding.researchers.map((r) => personName(r.name)),
    issued: dateParts(finding?.published ?? record.updated),
    URL: doi === undefined ? init.iris.record(record) : doiIris.toIri(doi),
    ...(doi === undefined ? {} : { DOI: doi }),
    version: String(record.version),
    publisher: organisation,
    language,
    ...(abstract === undefined ? {} : { abstract }),
    ...(record.tags.length === 0 ? {} : { keyword: record.tags.join(', ') }),
    ...(doi === undefined ? { accessed: dateParts(record.updated) } : {}),
  }
}

export function citable(state: RecordState): state is PolderRecord {
  return !isTombstone(state)
}
