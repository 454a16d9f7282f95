import type { RecordState } from '@polder/schema'
import { describe, expect, it } from 'vitest'
import { contentKey } from '../src/own-content.js'

/** A record state as the tests need it: content keys look at the fields only. */
const state = (fields: Record<string, unknown>) => fields as unknown as RecordState

describe('the content key of a record', () => {
  const content = {
    kind: 'practice',
    title: { nl: 'Slimme lantaarnpalen', en: 'Smart street lights' },
    themes: ['energy-climate', 'mobility'],
    places: [{ name: 'Zwolle', municipality: 'GM0193', point: null }],
  }
  const envelope = (n: number) => ({
    id: `01JD0000000000000000000${n}`,
    author: `did:key:z6Mk${n}`,
    created: `2026-12-0${n}T10:00:00.000Z`,
    updated: `2026-12-0${n}T10:00:00.000Z`,
    version: n,
    schemaVersion: n,
  })

  it('is the same for the same content, whatever the envelope and the order of fields', () => {
    const reordered = {
      places: [{ point: null, municipality: 'GM0193', name: 'Zwolle' }],
      themes: ['energy-climate', 'mobility'],
      title: { en: 'Smart street lights', nl: 'Slimme lantaarnpalen' },
      kind: 'practice',
    }
    expect(contentKey(state({ ...envelope(2), ...reordered }))).toBe(
      contentKey(state({ ...envelope(1), ...content })),
    )
  })

  it('takes an undefined field for a missing one, but not null', () => {
    const key = contentKey(state({ ...envelope(1), ...content }))
    expect(contentKey(state({ ...envelope(1), ...content, summary: undefined }))).toBe(key)
    expect(contentKey(state({ ...envelope(1), ...content, summary: null }))).not.toBe(key)
  })

  it('takes -0 for 0 and ignores the order of keys below the top level, as stored JSON does', () => {
    const point = (lat: number) => [
      { name: 'Zwolle', municipality: 'GM0193', point: { lat, lon: 6.1 } },
    ]
    const key = contentKey(state({ ...envelope(1), ...content, places: point(0) }))
    expect(contentKey(state({ ...envelope(1), ...content, places: point(-0) }))).toBe(key)
    const nested = { ...content, title: { en: 'Smart street lights', nl: 'Slimme lantaarnpalen' } }
    expect(contentKey(state({ ...envelope(1), ...nested }))).toBe(
      contentKey(state({ ...envelope(1), ...content })),
    )
  })

  it('differs for any change of content, at any depth, and for the order of a list', () => {
    const key = contentKey(state({ ...envelope(1), ...content }))
    const changed = [
      { ...content, kind: 'lesson' },
      { ...content, title: { ...content.title, en: 'Smart street lamps' } },
      { ...content, themes: ['mobility', 'energy-climate'] },
      { ...content, places: [{ ...content.places[0], point: { lat: 52.5, lon: 6.1 } }] },
      // a field named like the envelope's, below the top level, is content
      { ...content, title: { ...content.title, id: 'x' } },
    ]
    const keys = changed.map((fields) => contentKey(state({ ...envelope(1), ...fields })))
    expect(new Set([key, ...keys]).size).toBe(changed.length + 1)
  })
})
