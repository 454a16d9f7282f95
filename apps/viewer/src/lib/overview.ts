/**
 * The overview's figures: records and budgets grouped by theme, funding source, province
 * and year. Budgets add up exactly per currency (minor units); charts plot one currency.
 */
import type { Money } from '@polder/schema'
import { sumByCurrency } from './money'

/** The fields of a record the overview reads (every kind with a budget has them). */
export interface OverviewRecord {
  readonly kind: string
  readonly author: string
  readonly id: string
  readonly created: string
  readonly status?: string
  readonly themes?: readonly string[]
  readonly places?: readonly { municipality?: string; province?: string }[]
  readonly budget?: Money
  readonly funding?: readonly { source: string; contribution?: Money }[]
  readonly startDate?: string
  readonly relations?: readonly { type: string; target: string }[]
}

export type Dimension = 'theme' | 'funding' | 'province' | 'year'

export interface Group {
  readonly key: string
  readonly count: number
  /** Budget per currency, in minor units. */
  readonly budget: ReadonlyMap<string, bigint>
}

/** Key for records that say nothing on a dimension. */
export const UNKNOWN = '?'

/** The provinces a record's places are in, from their own code or their municipality's. */
export function provincesOf(
  record: OverviewRecord,
  provinceOfMunicipality: ReadonlyMap<string, string>,
): string[] {
  const provinces = new Set<string>()
  for (const place of record.places ?? []) {
    const province =
      place.province ??
      (place.municipality === undefined
        ? undefined
        : provinceOfMunicipality.get(place.municipality))
    if (province !== undefined) provinces.add(province)
  }
  return [...provinces]
}

const yearOf = (record: OverviewRecord): string =>
  (record.startDate ?? record.created).slice(0, 4) || UNKNOWN

/**
 * Records and budgets per value of a dimension. A record counts once in each of its
 * values (a practice with two themes is in both); for funding, each source adds its own
 * contribution (the budget when a record names one source without an amount).
 */
export function groupBy(
  records: readonly OverviewRecord[],
  dimension: Dimension,
  provinceOfMunicipality: ReadonlyMap<string, string> = new Map(),
): Group[] {
  const groups = new Map<string, { count: number; amounts: Money[] }>()
  const add = (key: string, amount: Money | undefined) => {
    const group = groups.get(key) ?? { count: 0, amounts: [] }
    group.count += 1
    if (amount !== undefined) group.amounts.push(amount)
    groups.set(key, group)
  }
  for (const record of records) {
    if (dimension === 'funding') {
      const funding = record.funding ?? []
      if (funding.length === 0) add(UNKNOWN, record.budget)
      for (const item of funding)
        add(item.source, item.contribution ?? (funding.length === 1 ? record.budget : undefined))
      continue
    }
    const keys =
      dimension === 'theme'
        ? (record.themes ?? [])
        : dimension === 'province'
          ? provincesOf(record, provinceOfMunicipality)
          : [yearOf(record)]
    if (keys.length === 0) add(UNKNOWN, record.budget)
    for (const key of new Set(keys)) add(key, record.budget)
  }
  return [...groups]
    .map(([key, group]) => ({ key, count: group.count, budget: sumByCurrency(group.amounts) }))
    .sort((a, b) =>
      dimension === 'year'
        ? a.key.localeCompare(b.key)
        : b.count - a.count || a.key.localeCompare(b.key),
    )
}

/** Count and total budget of a set of records, per currency. */
export function totals(records: readonly OverviewRecord[]): {
  count: number
  budget: ReadonlyMap<string, bigint>
} {
  return { count: records.length, budget: sumByCurrency(records.map((record) => record.budget)) }
}
