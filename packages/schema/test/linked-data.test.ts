import { describe, expect, it } from 'vitest'
import {
  JSON_LD_CONTEXT,
  KIND_SCHEMAS,
  type RecordKind,
  type RecordState,
  recordJsonSchema,
  retractRecord,
  toJsonLd,
  tombstoneJsonSchema,
  validateRecord,
} from '../src/index.js'
import { minimalRecords, ref } from './helpers.js'
import { expandOffline, jsonSchemaValidator } from './linked-data.js'

function valid(record: unknown): RecordState {
  const result = validateRecord(record)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return result.value
}

const S = 'https://schema.org/'

describe('JSON-LD', () => {
  it('has a term for every field of every kind', () => {
    for (const [kind, schema] of Object.entries(KIND_SCHEMAS)) {
      for (const field of Object.keys(schema.shape)) {
        if (field === 'relations') continue // each relation type is its own term
        expect(JSON_LD_CONTEXT, `${kind}.${field}`).toHaveProperty(field)
      }
    }
    for (const type of ['replicates', 'lessonOf', 'cites', 'partOf', 'supersedes']) {
      expect(JSON_LD_CONTEXT).toHaveProperty(type)
    }
  })

  it.each(Object.keys(KIND_SCHEMAS))('expands a %s with a real JSON-LD processor', async (kind) => {
    const record = valid(minimalRecords()[kind as RecordKind])
    const [node] = await expandOffline(toJsonLd(record))
    expect(node?.['@id']).toBe(`polder://${record.author}/${record.id}`)
    expect(String(node?.['@type'])).toMatch(/^https:\/\/schema\.org\//)
    expect(node?.[`${S}name`]).toEqual(
      expect.arrayContaining([{ '@value': 'Slimme lantaarnpalen', '@language': 'nl' }]),
    )
    expect(node?.[`${S}author`]).toEqual([{ '@id': record.author }])
    expect(node?.[`${S}dateCreated`]).toEqual([
      { '@value': record.created, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
    ])
  })

  it('turns relations into properties that point at the other records', async () => {
    const target = ref('01J00000000000000000000000')
    const record = valid({
      ...minimalRecords().practice,
      relations: [
        { type: 'partOf', target },
        { type: 'supersedes', target: ref('01J00000000000000000000001') },
      ],
    })
    const [node] = await expandOffline(toJsonLd(record))
    expect(node?.[`${S}isPartOf`]).toEqual([{ '@id': target }])
    expect(node?.['http://purl.org/dc/terms/replaces']).toHaveLength(1)
  })

  it('types nested nodes and maps data sets of findings to DCAT', async () => {
    const record = valid({
      ...minimalRecords().finding,
      places: [
        { name: 'Delft', country: 'NL', municipality: 'GM0503', point: { lat: 52.01, lon: 4.36 } },
      ],
      datasets: [
        {
          title: { nl: 'Temperatuurmetingen', en: 'Temperature readings' },
          landingPage: 'https://data.example.nl/hitte',
          mediaType: 'text/csv',
          license: 'CC0-1.0',
        },
      ],
    })
    const [expanded] = await expandOffline(toJsonLd(record))
    const node = expanded as Record<string, unknown>
    const [dataset] = node['http://purl.org/dc/terms/relation'] as Record<string, unknown>[]
    expect(dataset?.['@type']).toEqual(['http://www.w3.org/ns/dcat#Dataset'])
    expect(dataset?.['http://purl.org/dc/terms/title']).toEqual(
      expect.arrayContaining([{ '@value': 'Temperature readings', '@language': 'en' }]),
    )
    expect(dataset?.['http://www.w3.org/ns/dcat#landingPage']).toEqual([
      { '@id': 'https://data.example.nl/hitte' },
    ])
    const [place] = node[`${S}spatialCoverage`] as Record<string, unknown>[]
    expect(place?.['@type']).toEqual([`${S}Place`])
    const [geo] = (place as Record<string, unknown>)[`${S}geo`] as Record<string, unknown>[]
    expect(geo?.[`${S}latitude`]).toEqual([{ '@value': 52.01 }])
  })

  it('expands a tombstone', async () => {
    const tombstone = retractRecord(valid(minimalRecords().lesson) as never, { en: 'Withdrawn' })
    const [node] = await expandOffline(toJsonLd(tombstone))
    expect(node?.[`${S}creativeWorkStatus`]).toEqual([{ '@value': 'retracted' }])
  })
})

describe('JSON Schema', () => {
  const ajv = jsonSchemaValidator()

  it.each(Object.keys(KIND_SCHEMAS))('describes what a %s looks like', (kind) => {
    const schema = recordJsonSchema(kind as RecordKind)
    const check = ajv.compile(schema)
    const record = minimalRecords()[kind] as Record<string, unknown>
    expect(check(record), JSON.stringify(check.errors)).toBe(true)
    expect(check({ ...record, colour: 'blue' })).toBe(false)
    const { title: _t, ...untitled } = record
    expect(check(untitled)).toBe(false)
    expect(check({ ...record, kind: 'other' })).toBe(false)
  })

  it('carries limits and vocabularies', () => {
    const check = ajv.compile(recordJsonSchema('practice'))
    const record = minimalRecords().practice
    expect(check({ ...record, status: 'running' })).toBe(false)
    expect(check({ ...record, themes: ['weather'] })).toBe(false)
    expect(check({ ...record, tags: Array(101).fill('x') })).toBe(false)
    expect(check({ ...record, places: [{ name: 'X', country: 'NL', municipality: '363' }] })).toBe(
      false,
    )
  })

  it('describes tombstones', () => {
    expect(ajv.compile(tombstoneJsonSchema())({ kind: 'practice' })).toBe(false)
  })
})
