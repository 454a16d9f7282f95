import { describe, expect, it } from 'vitest'
import {
  BARRIERS,
  FUNDING_SOURCES,
  IMPACT_DIMENSIONS,
  MUNICIPALITIES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  PROVINCES,
  QUESTION_STATUSES,
  RECORD_KINDS,
  RELATION_TYPES,
  SDGS,
  STANDARD_TYPES,
  STANDARDS,
  THEMES,
  URGENCIES,
  validateRecord,
} from '../src/index.js'
import { identity } from './helpers.js'

const vocabularies = {
  THEMES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  BARRIERS,
  IMPACT_DIMENSIONS,
  FUNDING_SOURCES,
  RELATION_TYPES,
  RECORD_KINDS,
  QUESTION_STATUSES,
  URGENCIES,
  STANDARD_TYPES,
  STANDARDS,
}

describe('controlled vocabularies', () => {
  it.each(Object.entries(vocabularies))(
    '%s: unique codes, each labelled in Dutch and English',
    (_n, terms) => {
      const codes = terms.map((term) => term.code)
      expect(new Set(codes).size).toBe(codes.length)
      for (const term of terms) {
        expect(term.code).toMatch(/^[a-z][a-zA-Z-]*$/)
        expect(term.label.nl.trim()).not.toBe('')
        expect(term.label.en.trim()).not.toBe('')
      }
    },
  )

  it('covers what the strategy names', () => {
    expect(PRACTICE_STATUSES.map((s) => s.code)).toEqual(['idea', 'pilot', 'scaled', 'ended'])
    expect(IMPACT_DIMENSIONS.map((s) => s.code)).toEqual(['social', 'ecological', 'economic'])
    expect(FUNDING_SOURCES.map((s) => s.code)).toEqual(
      expect.arrayContaining(['eu', 'national', 'provincial', 'municipal', 'private', 'research']),
    )
    expect(ORGANIZATION_TYPES.map((s) => s.code)).toEqual(
      expect.arrayContaining([
        'municipality',
        'province',
        'national-government',
        'company',
        'knowledge-institution',
        'agency',
        'citizen-initiative',
      ]),
    )
    expect(BARRIERS.map((s) => s.code)).toEqual(
      expect.arrayContaining([
        'regulation',
        'financing',
        'standards-data-formats',
        'collaboration-skills',
        'procurement',
        'privacy',
        'technology',
        'organisation',
      ]),
    )
  })

  it('maps every theme to existing SDGs', () => {
    expect(SDGS.map((goal) => goal.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1))
    for (const theme of THEMES) {
      expect(theme.sdgs.length).toBeGreaterThan(0)
      for (const goal of theme.sdgs) {
        expect(goal).toBeGreaterThanOrEqual(1)
        expect(goal).toBeLessThanOrEqual(17)
      }
    }
  })

  it('knows the 342 municipalities of 2025 and their 12 provinces', () => {
    expect(PROVINCES).toHaveLength(12)
    expect(MUNICIPALITIES).toHaveLength(342)
    const provinces = new Set(PROVINCES.map((p) => p.code))
    for (const municipality of MUNICIPALITIES) {
      expect(municipality.code).toMatch(/^GM[0-9]{4}$/)
      expect(provinces.has(municipality.province)).toBe(true)
    }
    const find = (code: string) => MUNICIPALITIES.find((m) => m.code === code)
    expect(find('GM0363')).toMatchObject({ name: 'Amsterdam', province: 'PV27' })
    expect(find('GM0772')).toMatchObject({ name: 'Eindhoven', province: 'PV30' })
  })
})

describe('the open standards', () => {
  it('has at least 25 standards, each with a maintainer, an https address, a type and a line in both languages', () => {
    expect(STANDARDS.length).toBeGreaterThanOrEqual(25)
    const types = new Set<string>(STANDARD_TYPES.map((t) => t.code))
    for (const standard of STANDARDS) {
      expect(standard.maintainer.length, standard.code).toBeGreaterThan(1)
      expect(new URL(standard.url).protocol, standard.code).toBe('https:')
      expect(types, standard.code).toContain(standard.type)
      expect(standard.description.nl, standard.code).not.toBe(standard.description.en)
    }
    // every type is used, and the ones the strategy names are there
    expect(new Set(STANDARDS.map((s) => s.type))).toEqual(types)
    const codes = STANDARDS.map((s) => s.code)
    for (const code of [
      'ngsi-ld',
      'citygml',
      'cityjson',
      'ogc-sensorthings',
      'dcat-ap-nl',
      'gtfs',
      'netex',
      'datex-ii',
      'imbor',
      'nl-api-design-rules',
      'lorawan',
      'mqtt',
    ])
      expect(codes).toContain(code)
  })

  it('are named by code in a practice; an unknown code is refused at its place in the list', () => {
    const base = { ...identity(), kind: 'practice', status: 'pilot' }
    expect(validateRecord({ ...base, standards: ['lorawan', 'ngsi-ld'] }).ok).toBe(true)
    const result = validateRecord({ ...base, standards: ['lorawan', 'zigbee'] })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map((p) => p.path)).toEqual(['/standards/1'])
    expect(result.problems[0]?.message.nl).toMatch(/moet een van/)
  })
})
