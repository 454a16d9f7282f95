import { isTombstone, type Organization, type RecordState } from '@polder/schema'
import { Parser, type Quad } from 'n3'
import { describe, expect, it } from 'vitest'
import {
  CATALOG_MEDIA_TYPES,
  type CatalogInit,
  catalogBatches,
  catalogStream,
  createIris,
  RdfXmlWriter,
  rdfXmlChunks,
  sha256OfCid,
} from '../src/index.js'
import { fixtureRecords } from './fixtures.js'
import { canonical, parseRdfXml } from './rdf-xml.js'
import { dcatApViolations, shapeCount } from './shacl.js'

const records = fixtureRecords().map(({ record }) => record)
const profiles = new Map(
  records
    .filter((r): r is Organization => !isTombstone(r) && r.kind === 'organization')
    .map((r) => [r.author, r]),
)
const tuDelft = records.find((r) => r.kind === 'finding')?.author as string
const init: CatalogInit = {
  iris: createIris('https://polder.tudelft.example'),
  did: tuDelft,
  organization: (did) => profiles.get(did),
  modified: '2026-10-01T00:00:00.000Z',
}

async function allQuads(source: Iterable<RecordState>): Promise<Quad[]> {
  const quads: Quad[] = []
  for await (const batch of catalogBatches(init, source)) quads.push(...batch)
  return quads
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  let out = ''
  for await (const chunk of stream) out += String(chunk)
  return out
}

const DCAT = 'http://www.w3.org/ns/dcat#'
const TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'

describe('the DCAT-AP 3.0 catalogue', () => {
  it('loads the official shapes', () => expect(shapeCount()).toBeGreaterThan(30))

  it('passes the official DCAT-AP 3.0.0 SHACL shapes with zero violations, for every fixture', async () => {
    const quads = await allQuads(records)
    expect(await dcatApViolations(quads)).toEqual([])
    const datasets = quads.filter(
      (q) => q.predicate.value === TYPE && q.object.value === `${DCAT}Dataset`,
    )
    const findingSets = records.reduce(
      (n, r) => n + (!isTombstone(r) && r.kind === 'finding' ? r.datasets.length : 0),
      0,
    )
    const withFiles = records.filter((r) => !isTombstone(r) && r.attachments.length > 0).length
    expect(datasets).toHaveLength(findingSets + withFiles)
  }, 60_000)

  it('the validator does find violations (a catalogue without a title, a distribution without accessURL)', async () => {
    const quads = (await allQuads(records)).filter(
      (q) =>
        q.predicate.value !== 'http://purl.org/dc/terms/title' &&
        q.predicate.value !== `${DCAT}accessURL`,
    )
    const violations = await dcatApViolations(quads)
    expect(violations.some((v) => v.path === 'http://purl.org/dc/terms/title')).toBe(true)
    expect(violations.some((v) => v.path === `${DCAT}accessURL`)).toBe(true)
  }, 60_000)

  it('describes distributions with IANA media types, SPDX licences, sizes and SHA-256 checksums', async () => {
    const quads = await allQuads(records)
    const objects = (predicate: string) =>
      quads.filter((q) => q.predicate.value === predicate).map((q) => q.object.value)
    expect(objects(`${DCAT}mediaType`)).toContain(
      'https://www.iana.org/assignments/media-types/text/csv',
    )
    expect(objects('http://purl.org/dc/terms/license')).toContain(
      'https://spdx.org/licenses/CC-BY-4.0',
    )
    expect(objects(`${DCAT}byteSize`).length).toBeGreaterThan(10)
    expect(objects('http://purl.org/dc/terms/spatial')).toContain(
      'https://identifier.overheid.nl/tooi/id/gemeente/gm0503',
    )
    expect(objects(`${DCAT}theme`)).toContain(
      'http://publications.europa.eu/resource/authority/data-theme/ENVI',
    )
    const checksums = objects('http://spdx.org/rdf/terms#checksumValue')
    expect(checksums.length).toBeGreaterThan(5)
    expect(checksums[0]).toMatch(/^[0-9a-f]{64}$/)
  })

  it.each(CATALOG_MEDIA_TYPES)(
    'streams as %s, which parses back to the same graph',
    async (mediaType) => {
      const body = await text(catalogStream(init, records, mediaType))
      let parsed: Quad[]
      if (mediaType === 'application/ld+json') {
        const doc = JSON.parse(body) as { '@graph': unknown[] }
        expect(doc['@graph'].length).toBeGreaterThan(50)
        const jsonld = (await import('jsonld')).default
        const nq = (await jsonld.toRDF(doc as never, {
          format: 'application/n-quads',
        })) as unknown as string
        parsed = new Parser({ format: 'N-Quads' }).parse(nq)
      } else if (mediaType === 'application/rdf+xml') {
        parsed = await parseRdfXml(body)
      } else {
        parsed = new Parser({ format: mediaType === 'text/turtle' ? 'Turtle' : 'N-Triples' }).parse(
          body,
        )
      }
      // the object by its parts: parsers' term objects differ in their keys' order
      const key = ({ subject, predicate, object: o }: Quad) =>
        JSON.stringify([
          subject.value,
          predicate.value,
          o.termType,
          o.value,
          (o as { language?: string }).language ?? '',
          (o as { datatype?: { value: string } }).datatype?.value ?? '',
        ])
      const expected = new Set((await allQuads(records)).map(key))
      expect(new Set(parsed.map(key))).toEqual(expected)
    },
  )

  it('reads back from RDF/XML as the same graph as the Turtle, and passes the shapes', async () => {
    const rdfXml = await text(catalogStream(init, records, 'application/rdf+xml'))
    expect(rdfXml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<rdf:RDF/)
    const turtle = await text(catalogStream(init, records, 'text/turtle'))
    const fromXml = await parseRdfXml(rdfXml)
    const fromTurtle = new Parser({ format: 'Turtle' }).parse(turtle)
    expect(fromXml.length).toBeGreaterThan(500)
    // the same graph: equal once both are canonicalised (blank nodes named alike)
    expect(await canonical(fromXml)).toBe(await canonical(fromTurtle))
    expect(await dcatApViolations(fromXml)).toEqual([])
  }, 60_000)

  it('writes RDF/XML any parser reads: escapes, languages, datatypes, blank nodes, odd predicates', async () => {
    const { DataFactory } = await import('n3')
    const { namedNode, literal, blankNode, quad } = DataFactory
    const node = blankNode('n3-7')
    const quads = [
      quad(
        namedNode('https://e.nl/a?b=1&c=2'),
        namedNode('http://purl.org/dc/terms/title'),
        literal('A & B <c> "d"\nline', 'nl'),
      ),
      quad(
        namedNode('https://e.nl/a?b=1&c=2'),
        namedNode('https://other.example/vocab#size'),
        literal('12', namedNode('http://www.w3.org/2001/XMLSchema#integer')),
      ),
      quad(
        namedNode('https://e.nl/a?b=1&c=2'),
        namedNode('https://other.example/terms/contact'),
        node,
      ),
      quad(node, namedNode('http://xmlns.com/foaf/0.1/name'), literal('Zwolle')),
    ]
    const xml = [
      ...(await (async () => {
        const chunks: string[] = []
        for await (const chunk of rdfXmlChunks([quads], {
          dct: 'http://purl.org/dc/terms/',
          foaf: 'http://xmlns.com/foaf/0.1/',
        }))
          chunks.push(chunk)
        return chunks
      })()),
    ].join('')
    expect(await canonical(await parseRdfXml(xml))).toBe(await canonical(quads))
    expect(() =>
      new RdfXmlWriter({}).write([
        quad(namedNode('https://e.nl/a'), namedNode('https://e.nl/1'), literal('x')),
      ]),
    ).toThrow(/cannot be written as an RDF\/XML property/)
  })

  it('gives the SHA-256 of raw CIDs only', () => {
    const file = records.flatMap((r) => (isTombstone(r) ? [] : r.attachments))[0]
    expect(sha256OfCid(file?.cid ?? '')).toMatch(/^[0-9a-f]{64}$/)
    expect(
      sha256OfCid('bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'),
    ).toBeUndefined()
    expect(sha256OfCid('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG')).toBeUndefined()
  })
})
