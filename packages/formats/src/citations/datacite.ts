/**
 * A record as DataCite Metadata Schema 4 XML (kernel-4), for citations and for OAI-PMH's
 * `oai_datacite`: its DOI as the identifier (a record without one: its IRI, as a URL),
 * creators (a finding's researchers with ORCID iDs, otherwise the organisation), titles,
 * publisher, year, resource type by kind, subjects, dates, descriptions, licence, and
 * related identifiers (data sets, relations). Valid against the official kernel-4 XSD.
 */
import { type Finding, type PolderRecord, type RecordKind, THEMES } from '@polder/schema'
import { licenseIris, orcidIris } from '../iris.js'
import { XmlDocument, type XmlElement } from '../xml-builder.js'
import type { CitationInit } from './csl.js'

export const DATACITE = {
  namespace: 'http://datacite.org/schema/kernel-4',
  schema: 'http://schema.datacite.org/meta/kernel-4/metadata.xsd',
} as const
const XSI = 'http://www.w3.org/2001/XMLSchema-instance'
const XML = 'http://www.w3.org/XML/1998/namespace'
const THEME_LABELS = new Map(THEMES.map((theme) => [theme.code, theme.label]))

/** DataCite's resourceTypeGeneral of each kind, and the free-text resource type. */
const RESOURCE_TYPES: Record<RecordKind, readonly [string, string]> = {
  practice: ['Text', 'Good practice'],
  lesson: ['Text', 'Lesson learned'],
  finding: ['Text', 'Research finding'],
  initiative: ['Project', 'Initiative'],
  lab: ['Other', 'Living lab'],
  adoption: ['Text', 'Adoption report'],
  organization: ['Other', 'Organisation profile'],
  vouch: ['Other', 'Vouch'],
  question: ['Text', 'Knowledge question'],
  endorsement: ['Other', 'Endorsement of a knowledge question'],
}

const RELATION_TYPES: Record<string, string> = {
  cites: 'Cites',
  supersedes: 'Obsoletes',
  partOf: 'IsPartOf',
}

/** The DataCite XML document of a finding (the citation route offers it for findings). */
export function toDataCite(finding: Finding, init: CitationInit): string {
  const doc = new XmlDocument()
  addDataCiteResource(doc, finding, init)
  return doc.end({ prettyPrint: true })
}

/** Adds a record's DataCite `<resource>` under `parent` (an OAI-PMH `<metadata>`, a document). */
export function addDataCiteResource(
  parent: XmlElement,
  record: PolderRecord,
  init: CitationInit,
): void {
  const resource = parent
    .ele(DATACITE.namespace, 'resource')
    .att(XSI, 'xsi:schemaLocation', `${DATACITE.namespace} ${DATACITE.schema}`)
  const finding = record.kind === 'finding' ? record : undefined
  const organisation = init.authorName(record.author) ?? record.author
  if (finding?.doi !== undefined)
    resource.ele('identifier').att('identifierType', 'DOI').txt(finding.doi)
  else resource.ele('identifier').att('identifierType', 'URL').txt(init.iris.record(record))
  const creators = resource.ele('creators')
  if (finding !== undefined && finding.researchers.length > 0) {
    for (const researcher of finding.researchers) {
      const creator = creators.ele('creator')
      creator.ele('creatorName').att('nameType', 'Personal').txt(researcher.name)
      if (researcher.orcid !== undefined) {
        creator
          .ele('nameIdentifier')
          .att('nameIdentifierScheme', 'ORCID')
          .att('schemeURI', 'https://orcid.org')
          .txt(orcidIris.toIri(researcher.orcid))
      }
      if (researcher.affiliation !== undefined)
        creator.ele('affiliation').txt(researcher.affiliation)
    }
  } else {
    creators.ele('creator').ele('creatorName').att('nameType', 'Organizational').txt(organisation)
  }
  const titles = resource.ele('titles')
  for (const [language, title] of Object.entries(record.title))
    titles.ele('title').att(XML, 'xml:lang', language).txt(title)
  resource.ele('publisher').txt(organisation)
  resource.ele('publicationYear').txt((finding?.published ?? record.created).slice(0, 4))
  const [general, type] = RESOURCE_TYPES[record.kind]
  resource.ele('resourceType').att('resourceTypeGeneral', general).txt(type)
  addSubjects(resource, record, init)
  const dates = resource.ele('dates')
  dates.ele('date').att('dateType', 'Created').txt(record.created.slice(0, 10))
  dates.ele('date').att('dateType', 'Updated').txt(record.updated.slice(0, 10))
  if (finding?.published !== undefined)
    dates.ele('date').att('dateType', 'Issued').txt(finding.published)
  resource.ele('language').txt(record.languages[0] ?? 'nl')
  const alternate = resource.ele('alternateIdentifiers')
  if (finding?.doi !== undefined)
    alternate
      .ele('alternateIdentifier')
      .att('alternateIdentifierType', 'URL')
      .txt(init.iris.record(record))
  alternate
    .ele('alternateIdentifier')
    .att('alternateIdentifierType', 'Polder reference')
    .txt(`polder://${record.author}/${record.id}`)
  addRelated(resource, record, init)
  resource.ele('version').txt(String(record.version))
  resource
    .ele('rightsList')
    .ele('rights')
    .att('rightsURI', licenseIris.toIri(record.license))
    .att('rightsIdentifier', record.license)
    .att('rightsIdentifierScheme', 'SPDX')
    .txt(record.license)
  const description = finding?.abstract ?? record.summary
  const entries = Object.entries(description ?? {})
  if (entries.length > 0) {
    const descriptions = resource.ele('descriptions')
    for (const [language, text] of entries)
      descriptions
        .ele('description')
        .att(XML, 'xml:lang', language)
        .att('descriptionType', 'Abstract')
        .txt(text)
  }
}

function addSubjects(resource: XmlElement, record: PolderRecord, init: CitationInit): void {
  if (record.themes.length === 0 && record.tags.length === 0) return
  const subjects = resource.ele('subjects')
  for (const code of record.themes) {
    for (const [language, label] of Object.entries(THEME_LABELS.get(code) ?? {})) {
      subjects
        .ele('subject')
        .att(XML, 'xml:lang', language)
        .att('subjectScheme', 'Polder themes')
        .att('schemeURI', init.iris.themeScheme())
        .txt(label)
    }
  }
  for (const tag of record.tags) subjects.ele('subject').txt(tag)
}

function addRelated(resource: XmlElement, record: PolderRecord, init: CitationInit): void {
  const related: [string, string, string][] = []
  if (record.kind === 'finding') {
    for (const dataset of record.datasets) {
      const url = dataset.landingPage ?? dataset.downloadUrl
      if (url !== undefined) related.push(['URL', 'IsSupplementedBy', url])
    }
  }
  for (const relation of record.relations) {
    const [author, id] = relation.target.slice('polder://'.length).split('/')
    if (author === undefined || id === undefined) continue
    related.push([
      'URL',
      RELATION_TYPES[relation.type] ?? 'References',
      init.iris.record({ author, id }),
    ])
  }
  if (related.length === 0) return
  const list = resource.ele('relatedIdentifiers')
  for (const [identifierType, relationType, value] of related)
    list
      .ele('relatedIdentifier')
      .att('relatedIdentifierType', identifierType)
      .att('relationType', relationType)
      .txt(value)
}
