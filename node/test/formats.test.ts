/** Open formats on a real node: records as linked data by Accept, the themes in SKOS. */
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createIris, fromLinkedData, offlineLoader } from '@polder/formats'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import jsonld from 'jsonld'
import { Parser } from 'n3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonical, parseRdfXml } from '../../packages/formats/test/rdf-xml.js'
import { dcatApViolations } from '../../packages/formats/test/shacl.js'
import { xsdErrors } from '../../packages/formats/test/xmllint.js'
import { startPolder, stopPolder } from './cli.js'

const FIXTURES = fileURLToPath(new URL('../../packages/schema/fixtures/records/', import.meta.url))
const PUBLIC_URL = 'https://polder.example.nl'

let dir: string
let child: ChildProcess
let url: string
let finding: Record<string, unknown> & { author: string; id: string }
let token: string

const get = (path: string, accept?: string) =>
  fetch(`${url}${path}`, { headers: accept === undefined ? {} : { accept } })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-formats-'))
  const started = await startPolder(
    {
      POLDER_HOME: join(dir, 'home'),
      POLDER_API: '127.0.0.1:0',
      POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
      POLDER_PEERS: '0',
      POLDER_PUBLIC_URL: PUBLIC_URL,
      // the viewer built by `pnpm build`, whose page a browser gets at a record's IRI
      POLDER_VIEWER: fileURLToPath(new URL('../../apps/viewer/dist', import.meta.url)),
    },
    60_000,
    ['--demo'],
  )
  child = started.child
  url = started.url
  token = (await readFile(join(dir, 'home', 'api-token'), 'utf8')).trim()
  const records = JSON.parse(
    await readFile(join(FIXTURES, 'tu-delft.json'), 'utf8'),
  ) as (typeof finding)[]
  finding = records.find((record) => record.kind === 'finding') as typeof finding
}, 90_000)

afterAll(async () => {
  if (child !== undefined) await stopPolder(child)
  await rm(dir, { recursive: true, force: true })
})

describe('a record by Accept', () => {
  const path = () => `/v1/records/${encodeURIComponent(`polder://${finding.author}/${finding.id}`)}`

  it('answers plain JSON by default and for application/json', async () => {
    for (const accept of [undefined, 'application/json', '*/*']) {
      const response = await get(path(), accept)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(await response.json()).toEqual(finding)
    }
  })

  it('answers JSON-LD with IRIs under POLDER_PUBLIC_URL, which reads back as the record', async () => {
    const response = await get(path(), 'application/ld+json')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/)
    expect(response.headers.get('vary')).toMatch(/accept/i)
    const doc = (await response.json()) as Record<string, unknown>
    expect(doc['@id']).toBe(`${PUBLIC_URL}/records/${finding.author}/${finding.id}`)
    const expanded = await jsonld.expand(
      doc as jsonld.JsonLdDocument,
      {
        documentLoader: offlineLoader as never,
        safe: true,
      } as jsonld.Options.Expand,
    )
    expect(expanded).toHaveLength(1)
    expect(await fromLinkedData(doc, createIris(PUBLIC_URL))).toEqual(finding)
  })

  it('answers Turtle and N-Triples that n3 parses, by preference', async () => {
    const turtle = await get(path(), 'text/turtle')
    expect(turtle.headers.get('content-type')).toMatch(/^text\/turtle/)
    const quads = new Parser({ format: 'Turtle' }).parse(await turtle.text())
    expect(
      quads.some(
        (q) => q.subject.value === `${PUBLIC_URL}/records/${finding.author}/${finding.id}`,
      ),
    ).toBe(true)
    const nt = await get(path(), 'text/html;q=0.9, application/n-triples, text/turtle;q=0.5')
    expect(nt.headers.get('content-type')).toMatch(/^application\/n-triples/)
    expect(new Parser({ format: 'N-Triples' }).parse(await nt.text())).toHaveLength(quads.length)
  })

  it('answers 406 listing what it offers for anything else', async () => {
    const response = await get(path(), 'application/pdf')
    expect(response.status).toBe(406)
    const body = (await response.json()) as { type: string; detail: string }
    expect(body.type).toBe('urn:polder:problem:not-acceptable')
    for (const type of [
      'application/json',
      'application/ld+json',
      'text/turtle',
      'application/n-triples',
    ]) {
      expect(body.detail).toContain(type)
    }
    expect((await get(path(), 'text/turtle;q=0')).status).toBe(406)
  })

  it('serves the record at its IRI, and 404 or 400 for a wrong one', async () => {
    const response = await get(`/records/${finding.author}/${finding.id}`, 'text/turtle')
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('schema:ScholarlyArticle')
    expect((await get(`/records/${finding.author}/01JD0000000000000000000000`)).status).toBe(404)
    expect((await get(`/records/not-a-did/${finding.id}`)).status).toBe(400)
  })

  it('gives a browser the viewer at the record IRI', async () => {
    const page = await get(
      `/records/${finding.author}/${finding.id}`,
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    )
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
  })

  it('serves the context with a term for every field, relations included', async () => {
    const response = await get('/v1/context.jsonld')
    const { '@context': context } = (await response.json()) as {
      '@context': Record<string, unknown>
    }
    for (const term of ['relations', 'cites', 'lessonOf', 'datasets', 'researchers', 'themes']) {
      expect(context).toHaveProperty(term)
    }
  })
})

describe('the themes', () => {
  it('are a SKOS concept scheme with Dutch and English labels and the SDGs', async () => {
    const response = await get('/v1/themes', 'text/turtle')
    expect(response.status).toBe(200)
    const quads = new Parser({ format: 'Turtle' }).parse(await response.text())
    const skos = 'http://www.w3.org/2004/02/skos/core#'
    const concepts = quads.filter(
      (q) => q.predicate.value.endsWith('#type') && q.object.value === `${skos}Concept`,
    )
    expect(concepts).toHaveLength(17)
    const mobility = `${PUBLIC_URL}/v1/themes#mobility`
    const labels = quads.filter(
      (q) => q.subject.value === mobility && q.predicate.value === `${skos}prefLabel`,
    )
    expect(labels.map((q) => (q.object as { language: string }).language).sort()).toEqual([
      'en',
      'nl',
    ])
    expect(
      quads.some(
        (q) => q.subject.value === mobility && q.object.value === 'http://metadata.un.org/sdg/11',
      ),
    ).toBe(true)
    const ld = await get('/v1/themes')
    expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/)
  })
})

describe('the DCAT-AP catalogue', () => {
  it('is served as Turtle with zero violations of the official DCAT-AP 3.0.0 shapes', async () => {
    const response = await get('/v1/catalog')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/turtle/)
    const quads = new Parser({ format: 'Turtle' }).parse(await response.text())
    expect(await dcatApViolations(quads)).toEqual([])
    const dcat = 'http://www.w3.org/ns/dcat#'
    const catalog = quads.find((q) => q.object.value === `${dcat}Catalog`)
    expect(catalog?.subject.value).toBe(`${PUBLIC_URL}/v1/catalog`)
    expect(quads.filter((q) => q.predicate.value === `${dcat}dataset`).length).toBeGreaterThan(15)
    expect(
      quads.some(
        (q) =>
          q.predicate.value === `${dcat}downloadURL` &&
          q.object.value.startsWith(`${PUBLIC_URL}/v1/attachments/bafkrei`),
      ),
    ).toBe(true)
  }, 60_000)

  it('answers JSON-LD, N-Triples and RDF/XML by Accept, and 406 for anything else', async () => {
    const ld = await get('/v1/catalog', 'application/ld+json')
    expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/)
    expect(((await ld.json()) as { '@graph': unknown[] })['@graph'].length).toBeGreaterThan(50)
    const nt = await get('/v1/catalog', 'application/n-triples')
    expect(new Parser({ format: 'N-Triples' }).parse(await nt.text()).length).toBeGreaterThan(500)
    const xml = await get('/v1/catalog', 'application/rdf+xml')
    expect(xml.status).toBe(200)
    expect(xml.headers.get('content-type')).toMatch(/^application\/rdf\+xml/)
    const fromXml = await parseRdfXml(await xml.text())
    const turtle = new Parser({ format: 'Turtle' }).parse(await (await get('/v1/catalog')).text())
    expect(await canonical(fromXml)).toBe(await canonical(turtle))
    expect(await dcatApViolations(fromXml)).toEqual([])
    const csv = await get('/v1/catalog', 'text/csv')
    expect(csv.status).toBe(406)
  }, 60_000)
})

/** Waits (at most 30 s) until the search index has indexed the demo records. */
async function searchReady(): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const status = (await (await get('/v1/search/status')).json()) as {
      state: string
      records: number
    }
    if (status.state === 'ready' && status.records > 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the search index did not become ready in 30 s')
}

describe('feeds of a search', () => {
  const xml = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['entry', 'item', 'category'].includes(name),
  })

  it('gives an Atom feed of a theme, every entry in it, in Dutch by default', async () => {
    await searchReady()
    const response = await get('/v1/feed.atom?theme=climate-adaptation&limit=50')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/)
    const body = await response.text()
    expect(XMLValidator.validate(body)).toBe(true)
    const { feed } = xml.parse(body)
    expect(feed.entry.length).toBeGreaterThan(3)
    for (const entry of feed.entry) {
      const terms = entry.category.map((c: Record<string, string>) => c['@_term'])
      expect(terms).toContain('climate-adaptation')
      expect(entry.id).toMatch(new RegExp(`^${PUBLIC_URL}/records/`))
    }
    expect(feed.title).toContain('theme: climate-adaptation')
  })

  it('gives RSS and JSON Feed of a text search, in English when asked', async () => {
    const rss = await fetch(`${url}/v1/feed.rss?q=hitte`, {
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    })
    expect(rss.headers.get('content-type')).toMatch(/^application\/rss\+xml/)
    const { rss: doc } = xml.parse(await rss.text())
    expect(doc.channel.item.length).toBeGreaterThan(0)
    expect(doc.channel.language).toBe('en')
    const json = await get('/v1/feed.json?kind=finding')
    expect(json.headers.get('content-type')).toMatch(/^application\/feed\+json/)
    const feed = (await json.json()) as { version: string; items: { id: string }[] }
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1')
    expect(feed.items).toHaveLength(7)
  })

  it('answers a bad parameter with a 400 problem, never a 5xx', async () => {
    for (const query of ['limit=abc', 'sort=sideways', 'colour=blue', 'budgetMin=lots']) {
      const response = await get(`/v1/feed.atom?${query}`)
      expect(response.status, query).toBe(400)
      expect(response.headers.get('content-type')).toMatch(/problem\+json/)
    }
  })
})

describe('OAI-PMH', () => {
  const oai = async (query: string) => {
    const response = await get(`/oai?${query}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/)
    const body = await response.text()
    expect(await xsdErrors(body)).toBe('')
    return body
  }

  it('answers every verb with XML valid against the official XSD, errors included', async () => {
    expect(await oai('verb=Identify')).toContain(`<baseURL>${PUBLIC_URL}/oai</baseURL>`)
    await oai('verb=ListMetadataFormats')
    expect(await oai('verb=ListSets')).toContain('<setSpec>theme:mobility</setSpec>')
    const records = await oai('verb=ListRecords&metadataPrefix=oai_dc')
    expect(records.match(/<record>/g)?.length).toBeGreaterThan(50)
    const identifier = `${PUBLIC_URL}/records/${finding.author}/${finding.id}`
    expect(
      await oai(
        `verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(identifier)}`,
      ),
    ).toContain('https://doi.org/10.5555/')
    expect(await oai('verb=ListMetadataFormats')).toContain(
      '<metadataPrefix>oai_datacite</metadataPrefix>',
    )
    expect(
      await oai(
        `verb=GetRecord&metadataPrefix=oai_datacite&identifier=${encodeURIComponent(identifier)}`,
      ),
    ).toContain(`<identifier identifierType="DOI">${finding.doi}</identifier>`)
    expect(
      (await oai('verb=ListRecords&metadataPrefix=oai_datacite')).match(/<resource /g)?.length,
    ).toBeGreaterThan(50)
    expect(await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=kind:finding')).toMatch(
      /<setSpec>kind:finding<\/setSpec>/,
    )
    expect(await oai('verb=Nothing')).toContain('code="badVerb"')
    expect(await oai('verb=ListRecords&metadataPrefix=oai_dc&from=bad')).toContain(
      'code="badArgument"',
    )
    const form = await fetch(`${url}/oai`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'verb=Identify',
    })
    expect(await form.text()).toContain('<deletedRecord>persistent</deletedRecord>')
  })

  it('harvests every record once, in datestamp order, page by page while records arrive', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const batch = Array.from({ length: 150 }, (_, n) => ({
      kind: 'practice',
      languages: ['nl'],
      title: { nl: `Oogst ${n}` },
      status: 'idea',
    }))
    const published = await fetch(`${url}/v1/records`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify(batch),
    })
    expect(published.status).toBe(201)
    const identifiers: string[] = []
    const datestamps: string[] = []
    let query = 'verb=ListIdentifiers&metadataPrefix=oai_dc'
    let late: { author: string; id: string } | undefined
    for (let pages = 0; pages < 20; pages++) {
      const body = await oai(query)
      identifiers.push(
        ...[...body.matchAll(/<identifier>([^<]+)<\/identifier>/g)].map((m) => m[1] as string),
      )
      datestamps.push(
        ...[...body.matchAll(/<datestamp>([^<]+)<\/datestamp>/g)].map((m) => m[1] as string),
      )
      if (late === undefined) {
        // published during the harvest: it sorts after every page sent, so it comes too
        const response = await fetch(`${url}/v1/records`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ ...batch[0], title: { nl: 'Laat' } }),
        })
        late = (await response.json()) as { author: string; id: string }
      }
      const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(body)?.[1]
      if (token === undefined) break
      query = `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`
    }
    expect(new Set(identifiers).size).toBe(identifiers.length)
    expect(identifiers.length).toBeGreaterThan(200)
    expect([...datestamps].sort()).toEqual(datestamps)
    expect(identifiers).toContain(`${PUBLIC_URL}/records/${late?.author}/${late?.id}`)
    const own = (await (
      await get(`/v1/records?author=${late?.author}&retracted=true&limit=10000`)
    ).json()) as { records: { id: string }[] }
    const harvested = identifiers.filter((iri) => iri.includes(`/records/${late?.author}/`))
    expect(harvested.length).toBe(own.records.length)
  })

  it('shows a retracted record as deleted', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
    const published = await fetch(`${url}/v1/records`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        kind: 'practice',
        languages: ['nl'],
        title: { nl: 'Tijdelijk' },
        status: 'idea',
      }),
    })
    const record = (await published.json()) as { author: string; id: string }
    const retract = await fetch(`${url}/v1/records/${record.id}`, {
      method: 'DELETE',
      headers: auth,
      body: JSON.stringify({ reason: { nl: 'Vergissing' } }),
    })
    expect(retract.status).toBe(200)
    const identifier = `${PUBLIC_URL}/records/${record.author}/${record.id}`
    const body = await oai(
      `verb=GetRecord&metadataPrefix=oai_dc&identifier=${encodeURIComponent(identifier)}`,
    )
    expect(body).toContain('status="deleted"')
    expect(body).not.toContain('<metadata>')
  })
})

describe('citations by Accept', () => {
  const path = () => `/records/${finding.author}/${finding.id}`

  it('cites a finding in CSL-JSON, BibTeX, RIS and DataCite XML, with its DOI', async () => {
    const csl = await get(path(), 'application/vnd.citationstyles.csl+json')
    expect(csl.headers.get('content-type')).toMatch(/^application\/vnd\.citationstyles\.csl\+json/)
    const [item] = (await csl.json()) as { DOI: string; title: string }[]
    expect(item?.DOI).toBe(finding.doi)
    const bibtex = await (await get(path(), 'application/x-bibtex')).text()
    expect(bibtex).toMatch(/^@/)
    expect(bibtex).toContain(`doi = {${finding.doi}}`)
    const ris = await (await get(path(), 'application/x-research-info-systems')).text()
    expect(ris).toMatch(/^TY {2}- /)
    expect(ris).toContain(`DO  - ${finding.doi}`)
    const datacite = await get(path(), 'application/vnd.datacite.datacite+xml')
    expect(await datacite.text()).toContain('<identifier identifierType="DOI">')
  })

  it('cites a record without a DOI by its IRI and version, and has no DataCite for it', async () => {
    const list = (await (await get('/v1/search?kind=practice&limit=1')).json()) as {
      hits: { author: string; id: string }[]
    }
    const hit = list.hits[0] as { author: string; id: string }
    const ris = await (
      await get(`/records/${hit.author}/${hit.id}`, 'application/x-research-info-systems')
    ).text()
    expect(ris).toContain(`UR  - ${PUBLIC_URL}/records/${hit.author}/${hit.id}`)
    const datacite = await get(
      `/records/${hit.author}/${hit.id}`,
      'application/vnd.datacite.datacite+xml',
    )
    expect(datacite.status).toBe(406)
  })
})
