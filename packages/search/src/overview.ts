/**
 * The overview of the collective's work: counts and budgets of the records a query
 * selects (the same filters as search), grouped by kind, theme, SDG, province,
 * municipality, funding source, year, status, standard and organisation type, in one pass
 * over the typed-array doc columns. Budgets are summed once per record in the totals; in
 * a grouping a record counts in each of its values (a record with three themes adds its
 * budget to three themes), which the answer says (`countsInEach`).
 */
import { currencyMinorUnits, type Money } from '@polder/schema'
import { CURRENT, type DocColumns } from './doc-cache.js'
import type { StoredFacet } from './facets.js'
import {
  OVERVIEW_DIMENSIONS,
  OVERVIEW_TALLIES,
  type OverviewDimension,
  type OverviewTally,
} from './query-schema.js'
import { type AuthorFacts, predicate } from './select.js'
import type { SearchQuery } from './types.js'

export interface OverviewGroup {
  readonly value: string
  readonly count: number
  /** Summed budgets of the group's records, one amount per currency. */
  readonly budgets: readonly Money[]
}

export interface OverviewStandard {
  readonly code: string
  /** Selected practices that use the standard. */
  readonly practices: number
  /** Live adoptions (anywhere on this node) of those practices. */
  readonly adoptions: number
}

export interface Overview {
  /** Selected records, each counted once, and their budgets, each counted once. */
  readonly total: { readonly count: number; readonly budgets: readonly Money[] }
  readonly by: Record<OverviewDimension, readonly OverviewGroup[]>
  /** In `by`, a record counts (and adds its budget) in each of its values. */
  readonly countsInEach: true
  /** Selected records per target record, most first: the target's reference and the count. */
  readonly tallies: Record<OverviewTally, readonly { target: string; count: number }[]>
  /** Open questions among the selected records, per theme. */
  readonly openQuestionsPerTheme: readonly { theme: string; count: number }[]
  /** Initiatives and practices with two or more municipalities among their partners. */
  readonly jointPilots: { readonly count: number; readonly budgets: readonly Money[] }
  readonly standards: readonly OverviewStandard[]
}

/** What the overview needs of the index besides the columns. */
export interface OverviewSource {
  readonly cache: DocColumns
  readonly authors: AuthorFacts
  /**
   * Live adoptions per adopted record: the rowid of the adopted record's current version
   * and how many current adoptions replicate it (kept as versions are indexed).
   */
  readonly adopted: () => ReadonlyMap<number, number>
}

/** Most entries per tally. */
const TALLY_LIMIT = 100

/** Roles of facet values in the overview's pass (bits). */
const PRACTICE = 1
const QUESTION = 2
const OPEN = 4
const JOINT = 8

/**
 * A query's filters in the form the pass tests without a call per version: per facet value
 * id the bits of the facet filters it satisfies (a version passes when its values cover
 * every bit), the authors an `orgType` filter admits, and the budget test, if any. The
 * same selection as `predicate` (select.ts), which checks the query first.
 */
function filtersOf(query: SearchQuery, cache: DocColumns, authors: AuthorFacts) {
  const { values } = cache
  const bits = new Uint32Array(values.size)
  let all = 0
  let authorOk: Uint8Array | undefined
  let bit = 1
  for (const [facet, wanted] of Object.entries(query.filters ?? {})) {
    if (wanted === undefined) continue
    const codes = new Set(wanted.map(String))
    if (facet === 'orgType') {
      const ok = new Uint8Array(authors.size)
      for (let id = 1; id < authors.size; id++)
        ok[id] = codes.has(authors.orgTypeOf(id) ?? '') ? 1 : 0
      authorOk = ok
      continue
    }
    for (const code of codes) {
      const id = values.find(facet as StoredFacet, code)
      if (id !== undefined) bits[id] = (bits[id] ?? 0) | bit
    }
    all |= bit
    bit <<= 1
  }
  const budgeted =
    query.budget === undefined ? undefined : predicate({ budget: query.budget }, cache, authors)
  return { bits, all, authorOk, budgeted }
}

/** Computes the overview of the versions in `rowids` that pass the query's filters. */
export function overviewOf(
  rowids: Int32Array,
  query: SearchQuery,
  { cache, authors, adopted }: OverviewSource,
): Overview {
  // checks the query (an unknown facet or a bad budget is a SearchQueryError)
  predicate({ ...query, history: false }, cache, authors)
  const { bits, all, authorOk, budgeted: inBudget } = filtersOf(query, cache, authors)
  const { values, currencies, facetStart, facetCount, pool, budget, currency, author } = cache
  const currencyCount = Math.max(1, currencies.size)
  const dims = new Set<string>(OVERVIEW_DIMENSIONS)
  const tallies = new Set<string>(OVERVIEW_TALLIES)
  const counts = new Uint32Array(values.size)
  const sums = new Float64Array(values.size * currencyCount)
  const authorCounts = new Uint32Array(authors.size)
  const authorSums = new Float64Array(authors.size * currencyCount)
  const totalSums = new Float64Array(currencyCount)
  const jointSums = new Float64Array(currencyCount)
  const openPerTheme = new Uint32Array(values.size)
  // per standard: selected practices using it, and the adoptions of those practices
  const isStandard = new Uint8Array(values.size)
  values.facetOf.forEach((facet, id) => {
    if (facet === 'standard') isStandard[id] = 1
  })
  const practicesOf = new Uint32Array(values.size)
  const adoptionsOf = new Uint32Array(values.size)
  const adoptedCounts = adopted()
  // what a facet value says of its version, as bits, so the inner loop tests one number
  const roles = new Uint8Array(values.size)
  const mark = (facet: StoredFacet, value: string, role: number) => {
    const id = values.find(facet, value)
    if (id !== undefined) roles[id] = (roles[id] ?? 0) | role
  }
  mark('kind', 'practice', PRACTICE)
  mark('kind', 'question', QUESTION)
  mark('status', 'open', OPEN)
  mark('jointPilot', 'yes', JOINT)
  const state = cache.state
  let total = 0
  let joint = 0
  for (let i = 0; i < rowids.length; i++) {
    const r = rowids[i] as number
    if (state[r] !== CURRENT) continue
    const start = facetStart[r] ?? 0
    const end = start + (facetCount[r] ?? 0)
    if (all !== 0) {
      let covered = 0
      for (let j = start; j < end; j++) covered |= bits[pool[j] ?? 0] ?? 0
      if (covered !== all) continue
    }
    const a = author[r] ?? 0
    if (authorOk !== undefined && authorOk[a] !== 1) continue
    if (inBudget !== undefined && !inBudget(r)) continue
    total++
    const money = budget[r] ?? Number.NaN
    const c = (currency[r] ?? 0) - 1
    const budgeted = !Number.isNaN(money) && c >= 0
    authorCounts[a] = (authorCounts[a] ?? 0) + 1
    let role = 0
    if (budgeted) {
      totalSums[c] = (totalSums[c] ?? 0) + money
      authorSums[a * currencyCount + c] = (authorSums[a * currencyCount + c] ?? 0) + money
      for (let j = start; j < end; j++) {
        const id = pool[j] ?? 0
        counts[id] = (counts[id] ?? 0) + 1
        sums[id * currencyCount + c] = (sums[id * currencyCount + c] ?? 0) + money
        role |= roles[id] ?? 0
      }
    } else {
      for (let j = start; j < end; j++) {
        const id = pool[j] ?? 0
        counts[id] = (counts[id] ?? 0) + 1
        role |= roles[id] ?? 0
      }
    }
    if (role === 0) continue
    if ((role & JOINT) !== 0) {
      joint++
      if (budgeted) jointSums[c] = (jointSums[c] ?? 0) + money
    }
    const practice = (role & PRACTICE) !== 0
    const question = (role & QUESTION) !== 0
    const open = (role & OPEN) !== 0
    if (practice) {
      const times = adoptedCounts.get(r) ?? 0
      for (let j = start; j < end; j++) {
        const id = pool[j] ?? 0
        if (isStandard[id] !== 1) continue
        practicesOf[id] = (practicesOf[id] ?? 0) + 1
        adoptionsOf[id] = (adoptionsOf[id] ?? 0) + times
      }
    }
    if (question && open) {
      for (let j = start; j < end; j++) {
        const id = pool[j] ?? 0
        if (values.facetOf[id] === 'theme') openPerTheme[id] = (openPerTheme[id] ?? 0) + 1
      }
    }
  }
  const moneyOf = (sumsOf: Float64Array, at: number): Money[] => {
    const out: Money[] = []
    for (let k = 0; k < currencyCount; k++) {
      const minor = sumsOf[at + k] ?? 0
      const code = currencies.valueOf[k]
      if (minor !== 0 && code !== undefined) out.push(fromMinorUnits(minor, code))
    }
    return out
  }
  const by = Object.fromEntries(
    OVERVIEW_DIMENSIONS.map((d) => [d, [] as OverviewGroup[]]),
  ) as Record<OverviewDimension, OverviewGroup[]>
  const tallied = Object.fromEntries(
    OVERVIEW_TALLIES.map((t) => [t, [] as { target: string; count: number }[]]),
  ) as Record<OverviewTally, { target: string; count: number }[]>
  const openQuestionsPerTheme: { theme: string; count: number }[] = []
  counts.forEach((count, id) => {
    if (count === 0) return
    const facet = values.facetOf[id] as StoredFacet
    const value = values.valueOf[id] as string
    if (dims.has(facet)) {
      by[facet as OverviewDimension].push({
        value,
        count,
        budgets: moneyOf(sums, id * currencyCount),
      })
    } else if (tallies.has(facet)) tallied[facet as OverviewTally].push({ target: value, count })
    const open = openPerTheme[id] ?? 0
    if (open > 0) openQuestionsPerTheme.push({ theme: value, count: open })
  })
  const orgTypes = new Map<string, { count: number; at: number[] }>()
  authorCounts.forEach((count, a) => {
    const type = count === 0 ? undefined : authors.orgTypeOf(a)
    if (type === undefined) return
    const entry = orgTypes.get(type) ?? { count: 0, at: [] }
    entry.count += count
    entry.at.push(a)
    orgTypes.set(type, entry)
  })
  for (const [type, { count, at }] of orgTypes) {
    const summed = new Float64Array(currencyCount)
    for (const a of at)
      for (let k = 0; k < currencyCount; k++)
        summed[k] = (summed[k] ?? 0) + (authorSums[a * currencyCount + k] ?? 0)
    by.orgType.push({ value: type, count, budgets: moneyOf(summed, 0) })
  }
  const byCount = <T extends { count: number }>(list: T[], key: (item: T) => string) =>
    list.sort((x, y) => y.count - x.count || (key(x) < key(y) ? -1 : 1))
  for (const d of OVERVIEW_DIMENSIONS) byCount(by[d], (g) => g.value)
  for (const t of OVERVIEW_TALLIES)
    tallied[t] = byCount(tallied[t], (g) => g.target).slice(0, TALLY_LIMIT)
  return {
    total: { count: total, budgets: moneyOf(totalSums, 0) },
    by,
    countsInEach: true,
    tallies: tallied,
    openQuestionsPerTheme: byCount(openQuestionsPerTheme, (g) => g.theme),
    jointPilots: { count: joint, budgets: moneyOf(jointSums, 0) },
    standards: standardsOf(practicesOf, adoptionsOf, values.valueOf),
  }
}

/** Per standard with at least one selected practice: its practices and their adoptions. */
function standardsOf(
  practicesOf: Uint32Array,
  adoptionsOf: Uint32Array,
  codes: readonly string[],
): OverviewStandard[] {
  const out: OverviewStandard[] = []
  practicesOf.forEach((practices, id) => {
    if (practices > 0)
      out.push({ code: codes[id] as string, practices, adoptions: adoptionsOf[id] ?? 0 })
  })
  return out.sort(
    (x, y) => y.practices - x.practices || y.adoptions - x.adoptions || (x.code < y.code ? -1 : 1),
  )
}

/** An amount in minor units as Money, exactly (sums stay integers far below 2^53). */
function fromMinorUnits(minor: number, currency: string): Money {
  const digits = currencyMinorUnits(currency) ?? 2
  const whole = BigInt(Math.round(minor))
  const sign = whole < 0n ? '-' : ''
  const text = (whole < 0n ? -whole : whole).toString().padStart(digits + 1, '0')
  const units = digits === 0 ? text : text.slice(0, text.length - digits)
  const fraction = digits === 0 ? '' : text.slice(text.length - digits)
  // as sumMoney writes it: no fraction when it is zero
  const amount = /^0*$/.test(fraction) ? units : `${units}.${fraction}`
  return { amount: `${sign}${amount}`, currency }
}
