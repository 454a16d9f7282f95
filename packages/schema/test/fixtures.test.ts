import { createPrivateKey, createPublicKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  decodeState,
  didFromEd25519PublicKey,
  formatRef,
  type PolderRecord,
  parseRef,
  RECORD_KINDS,
  type RecordKind,
  recordIdTime,
  recordJsonSchema,
  validateRecord,
} from '../src/index.js'
import { fixtureOrganizations, fixtureRecords } from './fixtures.js'
import { jsonSchemaValidator } from './linked-data.js'

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

const organizations = fixtureOrganizations()
const entries = fixtureRecords()
const records = entries.map(({ record }) => {
  const result = validateRecord(record)
  return result.ok ? result.value : undefined
})
const valid = records.filter((record): record is PolderRecord => record !== undefined)
const byRef = new Map<string, PolderRecord>(valid.map((record) => [formatRef(record), record]))

describe('fixtures', () => {
  it('are at least 40 records covering every kind', () => {
    expect(entries.length).toBeGreaterThanOrEqual(40)
    const kinds = new Set(entries.map(({ record }) => record.kind))
    for (const kind of RECORD_KINDS) expect(kinds, kind.code).toContain(kind.code)
  })

  it.each(
    entries.map(({ slug, record }) => [
      `${slug}/${String(record.id)} (${String(record.kind)})`,
      record,
    ]),
  )('%s is valid and round-trips through its canonical bytes', (_name, record) => {
    const result = validateRecord(record)
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true)
    if (!result.ok) return
    expect(decodeState(result.bytes)).toEqual(result.value)
  })

  it('are bilingual: every record is in Dutch and English', () => {
    for (const record of valid) {
      expect(record.languages).toEqual(expect.arrayContaining(['nl', 'en']))
      expect(Object.keys(record.title)).toEqual(expect.arrayContaining(['nl', 'en']))
    }
  })

  it('have unique ids that encode their creation time', () => {
    expect(new Set(valid.map((record) => record.id)).size).toBe(valid.length)
    for (const record of valid) {
      expect(recordIdTime(record.id).getTime(), record.id).toBe(Date.parse(record.created))
    }
  })

  it('belong to the organisation of their file, whose DID derives from its demo seed', () => {
    const dids = new Map(organizations.map((org) => [org.slug, org.did]))
    for (const org of organizations) {
      const key = createPrivateKey({
        key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(org.seedHex, 'hex')]),
        format: 'der',
        type: 'pkcs8',
      })
      const x = createPublicKey(key).export({ format: 'jwk' }).x as string
      expect(didFromEd25519PublicKey(Buffer.from(x, 'base64url'))).toBe(org.did)
    }
    for (const { slug, record } of entries) expect(record.author, slug).toBe(dids.get(slug))
  })

  it('give every organisation its profile', () => {
    for (const org of organizations) {
      const profiles = valid.filter((r) => r.kind === 'organization' && r.author === org.did)
      expect(profiles, org.slug).toHaveLength(1)
    }
  })

  it('relate only to records that exist, of the kind the relation expects', () => {
    const expected: Record<string, RecordKind[]> = {
      lessonOf: ['practice', 'initiative', 'lab', 'adoption'],
      replicates: ['practice'],
      partOf: ['initiative', 'lab', 'practice'],
      answers: ['question'],
      endorses: ['question'],
    }
    let relations = 0
    for (const record of valid) {
      for (const relation of record.relations) {
        relations++
        const target = byRef.get(relation.target)
        expect(target, `${record.id} ${relation.type} ${relation.target}`).toBeDefined()
        const kinds = expected[relation.type]
        if (kinds !== undefined) expect(kinds).toContain(target?.kind)
        if (relation.type === 'replicates') {
          // an adoption is another organisation replicating a practice
          expect(parseRef(relation.target).author).not.toBe(record.author)
        }
      }
    }
    expect(relations).toBeGreaterThanOrEqual(15)
  })

  it('vouch only for organisations of the fixtures, never for themselves', () => {
    const dids = new Set(organizations.map((org) => org.did))
    for (const record of valid) {
      if (record.kind !== 'vouch') continue
      expect(dids).toContain(record.subject)
      expect(record.subject).not.toBe(record.author)
    }
  })

  it('satisfy the JSON Schema of their kind', () => {
    const ajv = jsonSchemaValidator()
    for (const { record } of entries) {
      const check = ajv.compile(recordJsonSchema(record.kind as RecordKind))
      expect(check(record), JSON.stringify(check.errors)).toBe(true)
    }
  })
})
