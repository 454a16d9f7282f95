import {
  formatRef,
  isTombstone,
  type Organization,
  type RecordState,
  retractRecord,
} from '@polder/schema'
import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import {
  createIris,
  OAI_PAGE_SIZE,
  type OaiRepository,
  oaiRespond,
  setSpecsOf,
} from '../src/index.js'
import { fixtureRecords } from './fixtures.js'
import { xsdErrors } from './xmllint.js'

const iris = createIris('https://polder.example.nl')
const BASE = 'https://polder.example.nl/oai'

function repository(states: RecordState[]): OaiRepository {
  const order = (a: RecordState, b: RecordState) =>
    Date.parse(a.updated) - Date.parse(b.updated) || formatRef(a).localeCompare(formatRef(b))
  return {
    iris,
    repositoryName: 'Polder test',
    adminEmail: 'beheer@polder.example.nl',
    earliestDatestamp: () => [...states].sort(order)[0]?.updated ?? '1970-01-01T00:00:00Z',
    sets: () => [
      { spec: 'kind:practice', name: 'Practices' },
      { spec: 'kind:finding', name: 'Findings' },
      { spec: 'theme:mobility', name: 'Mobility' },
    ],
    get: (ref) => states.find((s) => formatRef(s) === ref),
    organization: (did) =>
      states.find(
        (s): s is Organization => !isTombstone(s) && s.kind === 'organization' && s.author === did,
      ),
    page: ({ from, until, set, after, limit }) =>
      [...states]
        .sort(order)
        .filter((s) => from === undefined || Date.parse(s.updated) >= Date.parse(from))
        .filter((s) => until === undefined || Date.parse(s.updated) <= Date.parse(until))
        .filter(
          (s) =>
            set === undefined ||
            setSpecsOf(s).some((spec) => spec === set || spec.startsWith(`${set}:`)),
        )
        .filter(
          (s) =>
            after === undefined ||
            order(s, {
              ...s,
              updated: after.updated,
              author: after.ref.split('/')[2] ?? '',
              id: after.ref.split('/')[3] ?? '',
            } as RecordState) > 0,
        )
        .slice(0, limit),
  }
}

const fixtures = fixtureRecords().map(({ record }) => record)
const lesson = fixtures.find((r) => r.kind === 'lesson')
if (lesson === undefined || isTombstone(lesson) || lesson.kind !== 'lesson')
  throw new Error('no lesson')
const retracted = retractRecord(
  lesson,
  { nl: 'Fout', en: 'Wrong' },
  { now: new Date('2026-11-01T00:00:00Z') },
)
const states = [...fixtures.filter((r) => r !== lesson), retracted]
const repo = repository(states)
const xml = new XMLParser({
  ignoreAttributes: false,
  isArray: (name) => ['record', 'header', 'set', 'error', 'setSpec'].includes(name),
})
const ask = (query: string) => oaiRespond([...new URLSearchParams(query)], repo, BASE)

describe('OAI-PMH 2.0', () => {
  const valid = [
    'verb=Identify',
    'verb=ListMetadataFormats',
    `verb=ListMetadataFormats&identifier=${encodeURIComponent(iris.record(fixtures[0] as RecordState))}`,
    'verb=ListSets',
    `verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(iris.record(fixtures[3] as RecordState))}`,
    `verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(iris.record(retracted))}`,
    'verb=ListIdentifiers&metadataPrefix=oai_dc',
    'verb=ListRecords&metadataPrefix=oai_dc',
    'verb=ListRecords&metadataPrefix=oai_dc&set=kind:finding',
    'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2026-12-31',
    'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-01-01T00:00:00Z',
    `verb=GetRecord&metadataPrefix=oai_datacite&identifier=${encodeURIComponent(iris.record(fixtures[3] as RecordState))}`,
    `verb=GetRecord&metadataPrefix=oai_datacite&identifier=${encodeURIComponent(iris.record(retracted))}`,
    'verb=ListRecords&metadataPrefix=oai_datacite',
    'verb=ListRecords&metadataPrefix=oai_datacite&set=kind:finding',
  ]
  it.each(valid)('answers %s, valid against the official XSD (xmllint)', async (query) => {
    const body = ask(query)
    expect(await xsdErrors(body)).toBe('')
    expect(xml.parse(body)['OAI-PMH'].error).toBeUndefined()
  })

  const errors: [string, string][] = [
    ['', 'badVerb'],
    ['verb=Dance', 'badVerb'],
    ['verb=Identify&verb=Identify', 'badVerb'],
    ['verb=Identify&colour=blue', 'badArgument'],
    ['verb=GetRecord&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=yesterday', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&until=2024-01-01', 'badArgument'],
    [
      'verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01&until=2025-01-01T00:00:00Z',
      'badArgument',
    ],
    ['verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
    [
      'verb=GetRecord&metadataPrefix=marc21&identifier=https://polder.example.nl/records/x',
      'cannotDisseminateFormat',
    ],
    [
      'verb=GetRecord&metadataPrefix=oai_dc&identifier=https://polder.example.nl/records/nothing',
      'idDoesNotExist',
    ],
    ['verb=ListMetadataFormats&identifier=urn:nothing', 'idDoesNotExist'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2030-01-01', 'noRecordsMatch'],
    ['verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:nothing', 'noRecordsMatch'],
    ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken'],
    ['verb=ListSets&resumptionToken=x', 'badResumptionToken'],
  ]
  it.each(errors)('answers "%s" with %s, valid against the XSD', async (query, code) => {
    const body = ask(query)
    expect(await xsdErrors(body)).toBe('')
    const doc = xml.parse(body)['OAI-PMH']
    expect(doc.error[0]['@_code']).toBe(code)
    if (code === 'badVerb' || code === 'badArgument') expect(doc.request['@_verb']).toBeUndefined()
  })

  it('offers oai_dc and oai_datacite (DataCite kernel-4), every kind in both, every page valid', async () => {
    const formats = ask('verb=ListMetadataFormats')
    expect([...formats.matchAll(/<metadataPrefix>([^<]+)</g)].map((m) => m[1])).toEqual([
      'oai_dc',
      'oai_datacite',
    ])
    expect(formats).toContain(
      '<schema>http://schema.datacite.org/meta/kernel-4/metadata.xsd</schema>',
    )
    const live = states.filter((state) => !isTombstone(state))
    const kinds = new Set(live.map((state) => state.kind))
    expect(kinds.size).toBeGreaterThanOrEqual(7)
    // every record's DataCite, page by page, every page valid against the kernel-4 XSD
    const harvested: string[] = []
    let query = 'verb=ListRecords&metadataPrefix=oai_datacite'
    for (let pages = 0; pages < 10; pages++) {
      const body = ask(query)
      expect(await xsdErrors(body)).toBe('')
      const records = xml.parse(body)['OAI-PMH'].ListRecords.record as {
        header: { setSpec: string[] }[]
        metadata?: unknown
      }[]
      for (const record of records)
        if (record.metadata !== undefined) harvested.push(record.header[0]?.setSpec[0] ?? '')
      const token = /<resumptionToken[^>]*>([^<]+)</.exec(body)?.[1]
      if (token === undefined) break
      query = `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`
    }
    expect(harvested).toHaveLength(live.length)
    expect(new Set(harvested)).toEqual(new Set([...kinds].map((kind) => `kind:${kind}`)))
    const finding = live.find(
      (state) => state.kind === 'finding' && 'doi' in state && state.doi !== undefined,
    ) as RecordState & { doi: string }
    const found = ask(
      `verb=GetRecord&metadataPrefix=oai_datacite&identifier=${encodeURIComponent(iris.record(finding))}`,
    )
    expect(found).toContain(`<identifier identifierType="DOI">${finding.doi}</identifier>`)
    expect(found).toContain('nameIdentifierScheme="ORCID"')
    const practice = live.find((state) => state.kind === 'practice') as RecordState
    const cited = ask(
      `verb=GetRecord&metadataPrefix=oai_datacite&identifier=${encodeURIComponent(iris.record(practice))}`,
    )
    expect(cited).toContain(
      `<identifier identifierType="URL">${iris.record(practice)}</identifier>`,
    )
    expect(cited).toContain('<creatorName nameType="Organizational">')
    // a token carries its format on: the next page is DataCite too
    const first = ask('verb=ListRecords&metadataPrefix=oai_datacite')
    const token = /<resumptionToken[^>]*>([^<]+)</.exec(first)?.[1]
    if (token !== undefined) {
      const next = ask(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`)
      expect(next).toContain('<resource xmlns="http://datacite.org/schema/kernel-4"')
      expect(await xsdErrors(next)).toBe('')
    }
  })

  it('pages with resumption tokens that stay valid while records arrive, to an empty last token', async () => {
    const many: RecordState[] = []
    for (let i = 0; i < 250; i++) {
      const base = fixtures[i % fixtures.length] as RecordState
      const updated = new Date(Date.UTC(2020, 0, 1) + i * 60_000).toISOString()
      many.push({
        ...base,
        id: `01J${String(i).padStart(23, '0')}`,
        updated,
        created: updated,
      } as RecordState)
    }
    const growing = repository(many)
    const seen: string[] = []
    let body = oaiRespond(
      [
        ['verb', 'ListIdentifiers'],
        ['metadataPrefix', 'oai_dc'],
      ],
      growing,
      BASE,
    )
    for (let pages = 1; ; pages++) {
      expect(await xsdErrors(body)).toBe('')
      const list = xml.parse(body)['OAI-PMH'].ListIdentifiers
      seen.push(...list.header.map((h: { identifier: string }) => h.identifier))
      const token = list.resumptionToken
      if (pages === 1) {
        expect(list.header).toHaveLength(OAI_PAGE_SIZE)
        // a record published meanwhile comes at the end; the token stays good
        const base = fixtures[0] as RecordState
        many.push({
          ...base,
          id: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
          updated: '2026-12-01T00:00:00.000Z',
        } as RecordState)
      }
      if (typeof token === 'object' && token['#text'] === undefined) break
      body = oaiRespond(
        [
          ['verb', 'ListIdentifiers'],
          ['resumptionToken', typeof token === 'string' ? token : token['#text']],
        ],
        growing,
        BASE,
      )
      expect(pages).toBeLessThan(5)
    }
    expect(seen).toHaveLength(251)
    expect(new Set(seen).size).toBe(251)
  })

  it('gives retractions as deleted headers without metadata, and sets by kind, theme and organisation', () => {
    const body = ask(
      `verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(iris.record(retracted))}`,
    )
    const rec = xml.parse(body)['OAI-PMH'].GetRecord.record[0]
    expect(rec.header[0]['@_status']).toBe('deleted')
    expect(rec.metadata).toBeUndefined()
    expect(xml.parse(ask('verb=Identify'))['OAI-PMH'].Identify.deletedRecord).toBe('persistent')
    const practice = fixtures.find(
      (r) => r.kind === 'practice' && !isTombstone(r) && r.themes.length > 0,
    ) as RecordState
    expect(setSpecsOf(practice)).toEqual(
      expect.arrayContaining([
        'kind:practice',
        `org:${practice.author}`,
        expect.stringMatching(/^theme:/),
      ]),
    )
    const findings = xml.parse(ask('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:finding'))[
      'OAI-PMH'
    ].ListIdentifiers.header
    expect(findings).toHaveLength(7)
  })
  it.each(['oai_dc', 'oai_datacite'])(
    'writes markup characters as text and drops what XML forbids (%s), staying valid',
    async (prefix) => {
      const practice = fixtures.find((r) => r.kind === 'practice' && !isTombstone(r))
      if (practice === undefined || isTombstone(practice)) throw new Error('no practice')
      const title = 'Wegen & <bruggen> "slim" \'beheren\''
      const tricky = {
        ...practice,
        title: { nl: `${title}\u0001\u000b\ufffe`, en: 'Roads & bridges' },
      } as RecordState
      const body = oaiRespond(
        [
          ['verb', 'GetRecord'],
          ['metadataPrefix', prefix],
          ['identifier', iris.record(tricky)],
        ],
        repository([tricky]),
        BASE,
      )
      expect(await xsdErrors(body)).toBe('')
      expect(body).toContain('Wegen &amp; &lt;bruggen&gt;')
      for (const forbidden of ['\u0001', '\u000b', '\ufffe']) expect(body).not.toContain(forbidden)
      const titles = JSON.stringify(new XMLParser({ ignoreAttributes: false }).parse(body))
      expect(titles).toContain(JSON.stringify(title).slice(1, -1))
    },
  )
})
