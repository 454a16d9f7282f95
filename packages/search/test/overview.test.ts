import {
  formatRef,
  isTombstone,
  type Money,
  type PolderRecord,
  type RecordState,
  sumMoney,
  toMinorUnits,
} from '@polder/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Overview, SearchIndex, SearchQuery } from '../src/index.js'
import { fixtures, openIndex } from './helpers.js'

/** The current live version of every fixture record: what the overview counts. */
function currentRecords(states: readonly RecordState[]): PolderRecord[] {
  const latest = new Map<string, RecordState>()
  for (const state of states) {
    const key = formatRef(state)
    const seen = latest.get(key)
    if (seen === undefined || seen.version < state.version) latest.set(key, state)
  }
  return [...latest.values()].filter((s): s is PolderRecord => !isTombstone(s))
}

const budgetOf = (record: PolderRecord): Money | undefined =>
  'budget' in record ? record.budget : undefined

const minor = (budgets: readonly Money[], currency = 'EUR'): bigint => {
  const found = budgets.find((m) => m.currency === currency)
  return found === undefined ? 0n : toMinorUnits(found)
}

/** Minor units of the euro amounts among `budgets`. */
const eur = (budgets: readonly Money[]): bigint =>
  toMinorUnits(
    sumMoney(
      budgets.filter((m) => m.currency === 'EUR'),
      'EUR',
    ),
  )

const group = (overview: Overview, dimension: keyof Overview['by'], value: string) =>
  overview.by[dimension].find((g) => g.value === value)

describe('the overview', () => {
  let index: SearchIndex
  let records: PolderRecord[]
  beforeAll(() => {
    const states = fixtures()
    records = currentRecords(states)
    index = openIndex(states).index
  })
  afterAll(() => index.close())

  it('counts every record once and sums its budget once in the totals', () => {
    const overview = index.overview()
    expect(overview.total.count).toBe(records.length)
    const budgets = records.flatMap((r) => budgetOf(r) ?? [])
    expect(budgets.length).toBeGreaterThan(5)
    expect(minor(overview.total.budgets)).toBe(eur(budgets))
    expect(overview.countsInEach).toBe(true)
  })

  it('counts a record with several themes in each theme, with its whole budget', () => {
    const overview = index.overview()
    const multi = records.find((r) => r.themes.length >= 3 && budgetOf(r) !== undefined)
    expect(multi).toBeDefined()
    for (const theme of multi?.themes ?? []) {
      const inTheme = records.filter((r) => r.themes.includes(theme))
      const g = group(overview, 'theme', theme)
      expect(g?.count, theme).toBe(inTheme.length)
      const budgets = inTheme.flatMap((r) => budgetOf(r) ?? [])
      expect(minor(g?.budgets ?? []), theme).toBe(eur(budgets))
    }
    // summed over themes, budgets exceed the total: that is what countsInEach says
    const themed = overview.by.theme.reduce((sum, g) => sum + minor(g.budgets), 0n)
    expect(themed).toBeGreaterThan(minor(overview.total.budgets))
  })

  it('applies the same filters as search', () => {
    const query = { text: 'laadpalen', filters: { province: ['PV27', 'PV26', 'PV28'] } }
    const overview = index.overview(query)
    const found = index.search({ ...query, limit: 100 })
    expect(found.total).toBeGreaterThan(0)
    expect(overview.total.count).toBe(found.total)
    const kinds = found.facets.kind ?? []
    for (const { value, count } of kinds) expect(group(overview, 'kind', value)?.count).toBe(count)
    // a filter nothing matches counts nothing; an unknown value is refused, as in search
    expect(index.overview({ text: 'zzzqqqxxx' }).total.count).toBe(0)
    expect(() => index.overview({ filters: { kind: ['nothing-like-this'] } })).toThrow(
      /nothing-like-this is not a value of kind/,
    )
  })

  it('groups by organisation type, funding source, year and status', () => {
    const overview = index.overview()
    const byType = overview.by.orgType.reduce((sum, g) => sum + g.count, 0)
    expect(byType).toBe(records.length) // every fixture author has a profile
    const municipal = records.filter(
      (r) => 'funding' in r && r.funding.some((f) => f.source === 'municipal'),
    )
    expect(group(overview, 'funding', 'municipal')?.count).toBe(municipal.length)
    expect(group(overview, 'status', 'open')?.count).toBe(
      records.filter((r) => r.kind === 'question' && r.status === 'open').length,
    )
  })

  it('finds joint pilots, open questions per theme, endorsements per question and adoptions per practice', () => {
    const overview = index.overview()
    const joint = records.filter(
      (r) =>
        (r.kind === 'initiative' || r.kind === 'practice') &&
        r.partners.filter((p) => p.orgType === 'municipality').length >= 2,
    )
    expect(joint.length).toBeGreaterThanOrEqual(3)
    expect(overview.jointPilots.count).toBe(joint.length)
    expect(minor(overview.jointPilots.budgets)).toBe(eur(joint.flatMap((r) => budgetOf(r) ?? [])))
    const open = records.filter((r) => r.kind === 'question' && r.status === 'open')
    for (const { theme, count } of overview.openQuestionsPerTheme) {
      expect(count).toBe(open.filter((q) => (q.themes as string[]).includes(theme)).length)
    }
    expect(overview.openQuestionsPerTheme.length).toBeGreaterThan(0)
    const endorsements = records.filter((r) => r.kind === 'endorsement')
    for (const { target, count } of overview.tallies.endorses) {
      expect(count).toBe(
        endorsements.filter((e) => e.relations.some((rel) => rel.target === target)).length,
      )
    }
    const [most] = overview.tallies.endorses
    expect(most?.count).toBe(3) // Zwolle's heat question
    const adoptions = records.filter((r) => r.kind === 'adoption')
    const adopted = overview.tallies.replicates.reduce((sum, t) => sum + t.count, 0)
    expect(adopted).toBe(
      adoptions.flatMap((a) => a.relations.filter((rel) => rel.type === 'replicates')).length,
    )
  })

  it('counts per standard the practices that use it and how often those were adopted', () => {
    const overview = index.overview()
    const practices = records.filter((r) => r.kind === 'practice')
    const adoptions = records.filter((r) => r.kind === 'adoption')
    for (const standard of overview.standards) {
      const using = practices.filter(
        (p) => p.kind === 'practice' && p.standards.includes(standard.code as never),
      )
      expect(standard.practices, standard.code).toBe(using.length)
      const refs = new Set<string>(using.map((p) => formatRef(p)))
      const adopted = adoptions.flatMap((a) =>
        a.relations.filter((rel) => rel.type === 'replicates' && refs.has(rel.target)),
      ).length
      expect(standard.adoptions, standard.code).toBe(adopted)
    }
    const lorawan = overview.standards.find((s) => s.code === 'lorawan')
    expect(lorawan?.adoptions).toBeGreaterThan(0)
    // a filter narrows the practices, and the adoptions with them
    const zwolle = index.overview({ filters: { municipality: ['GM0014'] } })
    expect(
      zwolle.standards.every(
        (s) => s.practices <= (overview.standards.find((o) => o.code === s.code)?.practices ?? 0),
      ),
    ).toBe(true)
  })

  it('selects exactly what search selects, for every kind of filter and their combinations', () => {
    const queries: SearchQuery[] = [
      {},
      { filters: { theme: ['climate-adaptation'] } },
      { filters: { theme: ['climate-adaptation', 'mobility'], province: ['PV23', 'PV27'] } },
      { filters: { kind: ['practice', 'initiative'], jointPilot: ['yes'] } },
      { filters: { orgType: ['municipality'] } },
      { filters: { orgType: ['knowledge-institution'], theme: ['energy-climate'] } },
      { filters: { standard: ['lorawan'], kind: ['practice'] } },
      { filters: { theme: [] } },
      { budget: { min: { amount: '100000', currency: 'EUR' } } },
      { budget: { max: { amount: '500000', currency: 'EUR' } }, filters: { kind: ['practice'] } },
      { text: 'hittestress', filters: { kind: ['practice', 'finding'] } },
    ]
    for (const query of queries) {
      const overview = index.overview(query)
      const searched = index.search({ ...query, facets: ['kind'], facetLimit: 100 })
      expect(overview.total.count, JSON.stringify(query)).toBe(searched.total)
      const kinds = (searched.facets.kind ?? []).map(({ value, count }) => ({ value, count }))
      expect(
        overview.by.kind.map(({ value, count }) => ({ value, count })),
        JSON.stringify(query),
      ).toEqual(kinds)
    }
  })
})
