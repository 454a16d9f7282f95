/**
 * A finding as DataCite Metadata Schema 4 XML (kernel-4): its DOI (or, without one, the
 * record's IRI as an alternate identifier), creators with ORCID iDs, titles, publisher,
 * year, resource type, subjects, abstract, licence and related identifiers.
 */
import { type Finding, THEMES } from '@polder/schema'
import { create } from 'xmlbuilder2'
import { licenseIris, orcidIris } from '../iris.js'
import type { CitationInit } from './csl.js'

const KERNEL = 'http://datacite.org/schema/kernel-4'
const XSI = 'http://www.w3.org/2001/XMLSchema-instance'
const THEME_LABELS = new Map(THEMES.map((theme) => [theme.code, theme.label]))

export function toDataCite(finding: Finding, init: CitationInit): string {
  const resource = create({ version: '1.0', encoding: 'UTF-8' })
    .ele(KERNEL, 'resource')
    .att(
      XSI,
      'xsi:schemaLocation',
      `${KERNEL} http://schema.datacite.org/meta/kernel-4/metadata.xsd`,
    )
  if (finding.doi !== undefined)
    resource.ele('identifier').att('identifierType', 'DOI').txt(finding.doi)
  const creators = resource.ele('creators')
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
    if (researcher.affiliation !== undefined) creator.ele('affiliation').txt(researcher.affiliation)
  }
  const titles = resource.ele('titles')
  for (const [language, title] of Object.entries(finding.title)) {
    titles.ele('title').att('http://www.w3.org/XML/1998/namespace', 'xml:lang', language).txt(title)
  }
  resource.ele('publisher').txt(init.authorName(finding.author) ?? finding.author)
  resource.ele('publicationYear').txt((finding.published ?? finding.created).slice(0, 4))
  resource.ele('resourceType').att('resourceTypeGeneral', 'Text').txt('Research finding')
  const subjects = resource.ele('subjects')
  for (const code of finding.themes) {
    for (const [language, label] of Object.entries(THEME_LABELS.get(code) ?? {})) {
      subjects
        .ele('subject')
        .att('http://www.w3.org/XML/1998/namespace', 'xml:lang', language)
        .att('subjectScheme', 'Polder themes')
        .att('schemeURI', init.iris.themeScheme())
        .txt(label)
    }
  }
  for (const tag of finding.tags) subjects.ele('subject').txt(tag)
  const dates = resource.ele('dates')
  dates.ele('date').att('dateType', 'Created').txt(finding.created.slice(0, 10))
  dates.ele('date').att('dateType', 'Updated').txt(finding.updated.slice(0, 10))
  if (finding.published !== undefined)
    dates.ele('date').att('dateType', 'Issued').txt(finding.published)
  resource.ele('language').txt(finding.languages[0] ?? 'nl')
  resource
    .ele('alternateIdentifiers')
    .ele('alternateIdentifier')
    .att('alternateIdentifierType', 'URL')
    .txt(init.iris.record(finding))
  const related = resource.ele('relatedIdentifiers')
  for (const dataset of finding.datasets) {
    const url = dataset.landingPage ?? dataset.downloadUrl
    if (url !== undefined)
      related
        .ele('relatedIdentifier')
        .att('relatedIdentifierType', 'URL')
        .att('relationType', 'IsSupplementedBy')
        .txt(url)
  }
  for (const relation of finding.relations) {
    const [author, id] = relation.target.slice('polder://'.length).split('/')
    if (author === undefined || id === undefined) continue
    const type =
      relation.type === 'cites'
        ? 'Cites'
        : relation.type === 'supersedes'
          ? 'Obsoletes'
          : relation.type === 'partOf'
            ? 'IsPartOf'
            : 'References'
    related
      .ele('relatedIdentifier')
      .att('relatedIdentifierType', 'URL')
      .att('relationType', type)
      .txt(init.iris.record({ author, id }))
  }
  resource.ele('version').txt(String(finding.version))
  resource
    .ele('rightsList')
    .ele('rights')
    .att('rightsURI', licenseIris.toIri(finding.license))
    .att('rightsIdentifier', finding.license)
    .att('rightsIdentifierScheme', 'SPDX')
    .txt(finding.license)
  const descriptions = resource.ele('descriptions')
  for (const [language, text] of Object.entries(finding.abstract)) {
    descriptions
      .ele('description')
      .att('http://www.w3.org/XML/1998/namespace', 'xml:lang', language)
      .att('descriptionType', 'Abstract')
      .txt(text)
  }
  return resource.end({ prettyPrint: true })
}
