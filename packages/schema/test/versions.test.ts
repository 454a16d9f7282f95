import { describe, expect, it } from 'vitest'
import {
  createRecord,
  editRecord,
  isTombstone,
  RecordValidationError,
  recordIdTime,
  retractRecord,
  successionProblems,
} from '../src/index.js'
import { AUTHOR, OTHER } from './helpers.js'

const now = new Date('2026-05-01T10:00:00.000Z')
const later = new Date('2026-06-01T10:00:00.000Z')

function practice() {
  return createRecord(
    {
      kind: 'practice',
      languages: ['nl', 'en'],
      title: { nl: 'Mobiliteitshub Merwede', en: 'Merwede mobility hub' },
      status: 'pilot',
      themes: ['mobility'],
    },
    AUTHOR,
    { now },
  )
}

describe('versions', () => {
  it('a new record is version 1 with an id from its creation time', () => {
    const record = practice()
    expect(record.version).toBe(1)
    expect(record.author).toBe(AUTHOR)
    expect(record.created).toBe(now.toISOString())
    expect(record.updated).toBe(record.created)
    expect(recordIdTime(record.id)).toEqual(now)
  })

  it('an edit keeps the id, author, kind and creation time and raises the version', () => {
    const first = practice()
    const second = editRecord(first, { status: 'scaled' }, { now: later })
    expect(second).toMatchObject({
      id: first.id,
      author: first.author,
      kind: 'practice',
      created: first.created,
      updated: later.toISOString(),
      version: 2,
      status: 'scaled',
    })
    expect(successionProblems(first, second)).toEqual([])
  })

  it('an edit removes an optional field given as null, and refuses null for a required one', () => {
    const first = editRecord(practice(), { summary: { nl: 'Kort', en: 'Short' } }, { now: later })
    const cleared = editRecord(first, { summary: null }, { now: later })
    expect(cleared.summary).toBeUndefined()
    expect('summary' in cleared).toBe(false)
    expect(() => editRecord(first, { title: null }, { now: later })).toThrow(RecordValidationError)
  })

  it('an edit cannot change identity fields, even when asked', () => {
    const first = practice()
    const sneaky = { id: 'X', author: OTHER, kind: 'lesson', version: 99 } as never
    const second = editRecord(first, sneaky, { now: later })
    expect(second.id).toBe(first.id)
    expect(second.author).toBe(AUTHOR)
    expect(second.kind).toBe('practice')
    expect(second.version).toBe(2)
  })

  it('an edit is never dated before the version it follows', () => {
    const first = practice()
    const second = editRecord(first, { status: 'ended' }, { now: new Date('2020-01-01T00:00:00Z') })
    expect(second.updated).toBe(first.updated)
  })

  it('an invalid edit throws with the problems and leaves the record as it was', () => {
    const first = practice()
    const copy = structuredClone(first)
    expect(() => editRecord(first, { status: 'unknown' as never })).toThrow(RecordValidationError)
    expect(first).toEqual(copy)
  })

  it('a retraction is a tombstone with the reason, one version up', () => {
    const first = practice()
    const tombstone = retractRecord(
      first,
      { nl: 'Dubbel ingevoerd', en: 'Entered twice' },
      { now: later },
    )
    expect(isTombstone(tombstone)).toBe(true)
    expect(tombstone).toMatchObject({
      id: first.id,
      version: 2,
      status: 'retracted',
      kind: 'practice',
    })
    expect('title' in tombstone).toBe(false)
    expect(successionProblems(first, tombstone)).toEqual([])
    expect(() => retractRecord(first, {})).toThrow(RecordValidationError)
  })

  it('succession refuses another record, author or kind, an older version, and anything after a retraction', () => {
    const first = practice()
    const second = editRecord(first, { status: 'scaled' }, { now: later })
    const other = practice()
    expect(successionProblems(first, other).map((p) => p.path)).toContain('/id')
    expect(successionProblems(second, first).map((p) => p.path)).toEqual(
      expect.arrayContaining(['/version', '/updated']),
    )
    expect(successionProblems(first, { ...second, author: OTHER }).map((p) => p.path)).toContain(
      '/author',
    )
    expect(
      successionProblems(first, { ...second, created: later.toISOString() }).map((p) => p.path),
    ).toContain('/created')
    const tombstone = retractRecord(first, { en: 'gone' }, { now: later })
    const revived = { ...second, version: 3 }
    expect(successionProblems(tombstone, revived).map((p) => p.path)).toContain('')
  })
})
