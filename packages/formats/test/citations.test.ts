import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import { isTombstone, type PolderRecord } from '@polder/schema'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import {
  CITATION_MEDIA_TYPES,
  type CitationInit,
  cite,
  createIris,
  recordMediaTypes,
  toCsl,
} from '../src/index.js'
import { fixtureRecords } from './fixtures.js'
import { dataCiteErrors } from './xmllint.js'

const records = fixtureRecords()
  .map(({ record }) => record)
  .filter((r): r is PolderRecord => !isTombstone(r))
const init: CitationInit = {
  iris: createIris('https://polder.example.nl'),
  authorName: () => 'TU Delft',
  language: 'en',
}
const finding = records.find((r) => r.kind === 'finding' && r.doi !== undefined)
const practice = records.find((r) => r.kind === 'practice')
if (finding?.kind !== 'finding' || practice === undefined) throw new Error('fixtures')

describe('citations', () => {
  it.each(records.map((r) => [`${r.kind} ${r.id}`, r] as const))(
    '%s: BibTeX and RIS read back to the same title',
    (_name, record) => {
      const csl = toCsl(record, init)
      for (const type of [CITATION_MEDIA_TYPES.bibtex, CITATION_MEDIA_TYPES.ris]) {
        const text = cite(record, type, init) as string
        const [back] = new Cite(text).data as { title: string; URL?: string }[]
        expect(back?.title).toBe(csl.title)
        expect(back?.URL).toBe(csl.URL)
      }
      const [item] = JSON.parse(cite(record, CITATION_MEDIA_TYPES.csl, init) as string)
      expect(item).toEqual(csl)
    },
  )

  it('cites the DOI of a finding and its researchers by name', () => {
    const csl = toCsl(finding, init)
    expect(csl.DOI).toBe(finding.doi)
    expect(csl.URL).toBe(`https://doi.org/${finding.doi}`)
    expect(csl.author).toHaveLength(finding.researchers.length)
    expect(csl.author[0]?.family).toBeDefined()
    expect(cite(finding, CITATION_MEDIA_TYPES.bibtex, init)).toContain(`doi = {${finding.doi}}`)
  })

  it('cites a record without a DOI by its IRI, version and date', () => {
    const csl = toCsl(practice, init)
    expect(csl.URL).toBe(init.iris.record(practice))
    expect(csl.version).toBe(String(practice.version))
    expect(csl.author).toEqual([{ literal: 'TU Delft' }])
    const ris = cite(practice, CITATION_MEDIA_TYPES.ris, init) as string
    expect(ris).toContain(`UR  - ${init.iris.record(practice)}`)
  })

  it('writes DataCite XML for findings only, valid against the kernel-4 XSD', async () => {
    const xml = cite(finding, CITATION_MEDIA_TYPES.datacite, init) as string
    expect(XMLValidator.validate(xml)).toBe(true)
    const { resource } = new XMLParser({ ignoreAttributes: false }).parse(xml)
    expect(resource['@_xmlns']).toBe('http://datacite.org/schema/kernel-4')
    expect(resource.identifier['#text']).toBe(finding.doi)
    for (const element of ['creators', 'titles', 'publisher', 'publicationYear', 'resourceType']) {
      expect(resource[element], element).toBeDefined()
    }
    expect(xml).toContain('nameIdentifierScheme="ORCID"')
    expect(await dataCiteErrors(xml)).toBe('')
    expect(recordMediaTypes(finding)).toContain(CITATION_MEDIA_TYPES.datacite)
    expect(recordMediaTypes(practice)).not.toContain(CITATION_MEDIA_TYPES.datacite)
    expect(cite(practice, CITATION_MEDIA_TYPES.datacite, init)).toBeUndefined()
  })
})
