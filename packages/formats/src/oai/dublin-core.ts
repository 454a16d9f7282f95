/** A record as simple Dublin Core (`oai_dc`), the format every OAI-PMH harvester reads. */
import { isTombstone, type PolderRecord, THEMES } from '@polder/schema'
import { doiIris, licenseIris } from '../iris.js'
import type { XmlElement } from '../xml-builder.js'
import type { OaiRepository } from './types.js'

export const OAI_DC = {
  prefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  namespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
} as const
const DC = 'http://purl.org/dc/elements/1.1/'

const THEME_LABELS = new Map(THEMES.map((theme) => [theme.code, theme.label]))

const DC_TYPES: Record<string, string> = {
  practice: 'Text',
  lesson: 'Text',
  finding: 'Text',
  initiative: 'Event',
  lab: 'PhysicalObject',
  adoption: 'Event',
  organization: 'Collection',
  vouch: 'Text',
  question: 'Text',
  endorsement: 'Text',
}

export function dublinCore(parent: XmlElement, record: PolderRecord, repo: OaiRepository): void {
  const dc = parent
    .ele(OAI_DC.namespace, 'oai_dc:dc')
    .att('http://www.w3.org/2000/xmlns/', 'xmlns:dc', DC)
  dc.att(
    'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation',
    `${OAI_DC.namespace} ${OAI_DC.schema}`,
  )
  const add = (name: string, value: string, language?: string) => {
    const element = dc.ele(DC, `dc:${name}`)
    if (language !== undefined)
      element.att('http://www.w3.org/XML/1998/namespace', 'xml:lang', language)
    element.txt(value)
  }
  for (const [language, title] of Object.entries(record.title)) add('title', title, language)
  const author = repo.organization(record.author)
  const authorName =
    author === undefined || isTombstone(author)
      ? record.author
      : (author.title['nl'] ?? Object.values(author.title)[0] ?? record.author)
  if (record.kind === 'finding')
    for (const researcher of record.researchers) add('creator', researcher.name)
  else add('creator', authorName)
  for (const code of record.themes) {
    const label = THEME_LABELS.get(code)
    if (label === undefined) continue
    add('subject', label.nl, 'nl')
    add('subject', label.en, 'en')
  }
  for (const tag of record.tags) add('subject', tag)
  const description = record.kind === 'finding' ? record.abstract : record.summary
  for (const [language, text] of Object.entries(description ?? {}))
    add('description', text, language)
  add('publisher', authorName)
  if (record.kind === 'finding' && record.published !== undefined) add('date', record.published)
  add('date', record.created.slice(0, 10))
  add('type', DC_TYPES[record.kind] ?? 'Text')
  add('type', record.kind)
  add('identifier', repo.iris.record(record))
  add('identifier', `polder://${record.author}/${record.id}`)
  if (record.kind === 'finding' && record.doi !== undefined)
    add('identifier', doiIris.toIri(record.doi))
  for (const language of record.languages) add('language', language)
  for (const relation of record.relations) {
    const [author, id] = relation.target.slice('polder://'.length).split('/')
    if (author !== undefined && id !== undefined) add('relation', repo.iris.record({ author, id }))
  }
  for (const place of record.places) add('coverage', place.name)
  add('rights', licenseIris.toIri(record.license))
}
