import { describe, expect, it } from 'vitest'
import {
  jsonLdContext,
  KIND_SCHEMAS,
  type RecordKind,
  recordJsonSchema,
  tombstoneJsonSchema,
} from '../src/index.js'
import { minimalRecords } from './helpers.js'
import { jsonSchemaValidator } from './linked-data.js'

describe('JSON-LD', () => {
  // records as linked data (expanded, safe mode, read back) are tested in @polder/formats
  it('has a term for every field of every kind', () => {
    for (const [kind, schema] of Object.entries(KIND_SCHEMAS)) {
      for (const field of Object.keys(schema.shape)) {
        if (field === 'relations') continue // each relation type is its own term
        expect(jsonLdContext(), `${kind}.${field}`).toHaveProperty(field)
      }
    }
    for (const type of ['replicates', 'lessonOf', 'cites', 'partOf', 'supersedes']) {
      expect(jsonLdContext()).toHaveProperty(type)
    }
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
