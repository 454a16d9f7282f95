/**
 * The open standards a practice, adoption, lab or initiative uses leave as IRIs: in its
 * JSON-LD, Turtle and N-Triples as `dct:conformsTo <the standard's address>`, and in the
 * DCAT-AP catalogue (Turtle, RDF/XML) on its data set, typed `dct:Standard` as the official
 * shapes ask; JSON-LD reads them back as codes.
 */
import {
  isTombstone,
  type Organization,
  type PolderRecord,
  STANDARDS,
  validateRecord,
} from '@polder/schema'
import jsonld from 'jsonld'
import { Parser, type Quad } from 'n3'
import { describe, expect, it } from 'vitest'
import {
  type CatalogInit,
  catalogBatches,
  catalogStream,
  createIris,
  fromLinkedData,
  offlineLoader,
  serialiseRdf,
  standardIris,
  toLinkedData,
} from '../src/index.js'
import { fixtureRecords } from './fixtures.js'
import { parseRdfXml } from './rdf-xml.js'
import { dcatApViolations } from './shacl.js'

const CONFORMS_TO = 'http://purl.org/dc/terms/conformsTo'
const TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const STANDARD = 'http://purl.org/dc/terms/Standard'

const iris = createIris('http://127.0.0.1:7878/')
const records = fixtureRecords().map(({ record }) => record)
const live = records.filter((r): r is PolderRecord => !isTombstone(r))
const withStandards = live.filter((r) => 'standards' in r && r.standards.length > 0)

/** A fixture practice with standards, given a file: its data set then conforms to them. */
function practiceWithFiles(): PolderRecord {
  const practice = withStandards.find((r) => r.kind === 'practice')
  const file = live.flatMap((r) => r.attachments)[0]
  if (practice === undefined || file === undefined) throw new Error('no fixture to combine')
  return { ...practice, attachments: [file] }
}

const url = (code: string) => STANDARDS.find((s) => s.code === code)?.url as string

describe('open standards as IRIs', () => {
  it('gives every standard its own http(s) address, and reads each back as its code', () => {
    const addresses = STANDARDS.map((s) => standardIris.toIri(s.code))
    expect(new Set(addresses).size).toBe(STANDARDS.length)
    for (const [i, s] of STANDARDS.entries()) {
      expect(addresses[i]).toMatch(/^https?:\/\//)
      expect(standardIris.fromIri(addresses[i] as string)).toBe(s.code)
    }
  })

  it('puts them in JSON-LD, Turtle and N-Triples as dct:conformsTo IRIs, and reads them back', async () => {
    expect(withStandards.length).toBeGreaterThan(5)
    for (const record of withStandards) {
      const doc = toLinkedData(record, iris)
      const [node] = (await jsonld.expand(
        doc as never,
        {
          documentLoader: offlineLoader as never,
          safe: true,
        } as jsonld.Options.Expand,
      )) as Record<string, unknown>[]
      const codes = 'standards' in record ? record.standards : []
      expect(node?.[CONFORMS_TO]).toEqual(codes.map((code) => ({ '@id': url(code) })))
      const back = await fromLinkedData(doc, iris)
      expect(back.standards).toEqual(codes)
      expect(back).toEqual(record)
      const turtle = await serialiseRdf(doc, 'turtle')
      const quads = new Parser({ format: 'Turtle' }).parse(turtle)
      const conforms = quads.filter((q) => q.predicate.value === CONFORMS_TO)
      expect(conforms.map((q) => q.object.termType)).toEqual(codes.map(() => 'NamedNode'))
      expect(new Set(conforms.map((q) => q.object.value))).toEqual(new Set(codes.map(url)))
      const ntriples = await serialiseRdf(doc, 'n-triples')
      for (const code of codes) expect(ntriples).toContain(`<${CONFORMS_TO}> <${url(code)}>`)
    }
  })

  it('reads an IRI of no known standard back as it is, which validation then refuses by its field', async () => {
    const record = withStandards[0] as PolderRecord
    const doc = toLinkedData(record, iris) as Record<string, unknown>
    const unknown = 'https://standards.example/smoke-signals'
    const back = await fromLinkedData({ ...doc, standards: [unknown] }, iris)
    expect(back.standards).toEqual([unknown])
    const result = validateRecord(back)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => p.path)).toContain('/standards/0')
  })

  it('says in the DCAT-AP catalogue which standards a data set conforms to, with zero SHACL violations', async () => {
    const practice = practiceWithFiles()
    const profiles = new Map(
      live
        .filter((r): r is Organization => r.kind === 'organization')
        .map((r) => [r.author, r] as const),
    )
    const init: CatalogInit = {
      iris: createIris('https://polder.example.nl'),
      did: practice.author,
      organization: (did) => profiles.get(did),
      modified: '2026-10-01T00:00:00.000Z',
    }
    const quads: Quad[] = []
    for await (const batch of catalogBatches(init, [practice])) quads.push(...batch)
    const dataset = `${init.iris.record(practice)}#attachments`
    const codes = 'standards' in practice ? practice.standards : []
    const conforms = quads.filter(
      (q) => q.subject.value === dataset && q.predicate.value === CONFORMS_TO,
    )
    expect(new Set(conforms.map((q) => q.object.value))).toEqual(new Set(codes.map(url)))
    for (const code of codes) {
      const typed = quads.some(
        (q) =>
          q.subject.value === url(code) &&
          q.predicate.value === TYPE &&
          q.object.value === STANDARD,
      )
      expect(typed, code).toBe(true)
    }
    expect(await dcatApViolations(quads)).toEqual([])
    // RDF/XML says the same
    let xml = ''
    for await (const chunk of catalogStream(init, [practice], 'application/rdf+xml'))
      xml += String(chunk)
    const fromXml = await parseRdfXml(xml)
    const xmlConforms = fromXml.filter(
      (q) => q.subject.value === dataset && q.predicate.value === CONFORMS_TO,
    )
    expect(new Set(xmlConforms.map((q) => q.object.value))).toEqual(new Set(codes.map(url)))
    expect(await dcatApViolations(fromXml)).toEqual([])
  }, 60_000)
})
