import { isTombstone, retractRecord, validateRecord, validateState } from '@polder/schema'
import jsonld from 'jsonld'
import { Parser } from 'n3'
import { describe, expect, it } from 'vitest'
import {
  createIris,
  fromLinkedData,
  LINKED_DATA_CONTEXT,
  offlineLoader,
  serialiseRdf,
  toLinkedData,
} from '../src/index.js'
import { fixtureRecords } from './fixtures.js'

const iris = createIris('http://127.0.0.1:7878/')
const other = createIris('https://polder.example.nl')
const records = fixtureRecords()
const S = 'https://schema.org/'

/** Safe mode: the processor throws instead of dropping anything it cannot map. */
const expandSafe = (doc: unknown) =>
  jsonld.expand(
    doc as jsonld.JsonLdDocument,
    {
      documentLoader: offlineLoader as never,
      safe: true,
    } as jsonld.Options.Expand,
  )

describe('records as linked data', () => {
  it('covers all 81 fixtures', () => expect(records).toHaveLength(81))

  it.each(records)('$slug: JSON -> JSON-LD -> JSON gives the same record', async ({ record }) => {
    const doc = toLinkedData(record, iris)
    const back = await fromLinkedData(doc, iris)
    expect(back).toEqual(record)
    const valid = validateState(back)
    expect(valid.ok).toBe(true)
  })

  it.each(records)(
    '$slug: expands in safe mode and reads back from the expanded form',
    async ({ record }) => {
      const expanded = await expandSafe(toLinkedData(record, iris))
      expect(expanded).toHaveLength(1)
      const node = expanded[0] as Record<string, unknown>
      expect(node['@id']).toBe(iris.record(record))
      for (const key of Object.keys(node)) {
        if (!key.startsWith('@')) expect(key).toMatch(/^(https?|urn):/)
      }
      // another node's IRIs say the same thing
      expect(await fromLinkedData(expanded, iris)).toEqual(record)
      expect(await fromLinkedData(toLinkedData(record, other), iris)).toEqual(record)
    },
  )

  it.each(records)(
    '$slug: Turtle parses with n3 and every IRI is http(s), urn or did',
    async ({ record }) => {
      const turtle = await serialiseRdf(toLinkedData(record, iris), 'turtle')
      const quads = new Parser({ format: 'Turtle' }).parse(turtle)
      expect(quads.length).toBeGreaterThan(10)
      for (const quad of quads) {
        for (const term of [quad.subject, quad.predicate, quad.object]) {
          if (term.termType === 'NamedNode')
            expect(term.value).toMatch(/^(https?:\/\/|urn:|did:key:)/)
        }
      }
      const ntriples = await serialiseRdf(toLinkedData(record, iris), 'n-triples')
      expect(new Parser({ format: 'N-Triples' }).parse(ntriples)).toHaveLength(quads.length)
    },
  )

  it('uses IRIs for licences, DOIs, ORCID iDs, media types, places, themes and relations', async () => {
    const finding = records.find(
      ({ record }) => record.kind === 'finding' && 'doi' in record && record.relations.length > 0,
    )?.record
    if (finding === undefined || isTombstone(finding) || finding.kind !== 'finding')
      throw new Error('no finding')
    const [node] = (await expandSafe(toLinkedData(finding, iris))) as Record<string, unknown>[]
    const ids = (key: string) =>
      ((node?.[key] ?? []) as { '@id'?: string }[]).map((value) => value['@id'])
    expect(ids(`${S}license`)).toEqual([`https://spdx.org/licenses/${finding.license}`])
    expect(ids(`${S}sameAs`)).toEqual([`https://doi.org/${finding.doi}`])
    expect(ids('http://purl.org/dc/terms/subject')[0]).toMatch(
      /^http:\/\/127\.0\.0\.1:7878\/v1\/themes#/,
    )
    expect(ids(`${S}citation`)[0]).toMatch(/^http:\/\/127\.0\.0\.1:7878\/records\/did:key:z/)
    const [researcher] = (node?.[`${S}creator`] ?? []) as Record<string, unknown>[]
    expect(JSON.stringify(researcher)).toContain('https://orcid.org/0000-')
    expect(JSON.stringify(node)).toContain('https://identifier.overheid.nl/tooi/id/gemeente/gm')
    expect(node?.['http://purl.org/dc/terms/identifier']).toEqual([
      { '@value': `polder://${finding.author}/${finding.id}` },
    ])
  })

  it('keeps the order of relations of different types', async () => {
    const mixed = records.find(({ record }) => {
      const types = 'relations' in record ? record.relations.map((r) => r.type) : []
      return types.join() !== [...types].sort().join()
    })?.record
    expect(mixed).toBeDefined()
    if (mixed === undefined) return
    expect(await fromLinkedData(toLinkedData(mixed, iris), iris)).toEqual(mixed)
  })

  it('round-trips a tombstone', async () => {
    const live = records.find(({ record }) => record.kind === 'lesson')?.record
    if (live === undefined || isTombstone(live) || live.kind !== 'lesson')
      throw new Error('no lesson')
    const tombstone = retractRecord(live, { nl: 'Ingetrokken', en: 'Withdrawn' })
    expect(await fromLinkedData(toLinkedData(tombstone, iris), iris)).toEqual(tombstone)
  })

  it('refers to the served context by URL when asked, and reads it offline', async () => {
    const record = records[0]?.record
    if (record === undefined) throw new Error('no fixture')
    const doc = toLinkedData(record, iris, { context: iris.context() })
    expect(doc['@context']).toBe('http://127.0.0.1:7878/v1/context.jsonld')
    expect(await fromLinkedData(doc, iris)).toEqual(record)
  })

  it('refuses documents that describe no record, with a clear error', async () => {
    await expect(fromLinkedData({ '@id': 'https://x.example/a' }, iris)).rejects.toThrow(
      /Not JSON-LD Polder can read: Safe mode validation error. Dropping/,
    )
    await expect(
      fromLinkedData(
        { '@context': iris.context(), '@id': 'https://x.example/a', title: { en: 'x' } },
        iris,
      ),
    ).rejects.toThrow(/describes no record/)
    await expect(fromLinkedData('not json-ld', iris)).rejects.toThrow(/Not JSON-LD/)
    await expect(
      fromLinkedData({ '@context': 'https://evil.example/ctx', name: 'x' }, iris),
    ).rejects.toThrow(/not loaded/)
  })

  it('has a term for every field, relations included', () => {
    for (const field of ['relations', 'replicates', 'lessonOf', 'cites', 'partOf', 'supersedes']) {
      expect(LINKED_DATA_CONTEXT).toHaveProperty(field)
    }
    expect(validateRecord).toBeDefined()
  })
})
