import { describe, expect, it } from 'vitest'
import {
  BARRIERS,
  FUNDING_SOURCES,
  IMPACT_DIMENSIONS,
  MUNICIPALITIES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  PROVINCES,
  RECORD_KINDS,
  RELATION_TYPES,
  SDGS,
  THEMES,
} from '../src/index.js'

const vocabularies = {
  THEMES,
  ORGANIZATION_TYPES,
  PRACTICE_STATUSES,
  BARRIERS,
  IMPACT_DIMENSIONS,
  FUNDING_SOURCES,
  RELATION_TYPES,
  RECORD_KINDS,
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
