/**
 * The node's overview groups (`GET /v1/overview`) in the shape the charts plot: each
 * group's budgets as minor units per currency. The node sums; this only converts.
 */
import type { Money } from '@polder/schema'
import { toMinor } from './money'
import type { Group } from './overview'

export interface ServerGroup {
  readonly value: string
  readonly count: number
  readonly budgets: readonly Money[]
}

/** Minor units per currency of amounts the node summed (one amount per currency). */
export function budgetMap(budgets: readonly Money[]): Map<string, bigint> {
  const out = new Map<string, bigint>()
  for (const money of budgets) {
    const minor = toMinor(money)
    if (minor !== undefined) out.set(money.currency, minor)
  }
  return out
}

export function chartGroups(groups: readonly ServerGroup[], byKey = false): Group[] {
  const out = groups.map((g) => ({ key: g.value, count: g.count, budget: budgetMap(g.budgets) }))
  return byKey ? out.sort((a, b) => a.key.localeCompare(b.key)) : out
}

/** A chart's groups as CSV rows: label, count, one amount column per currency. */
export function csvRows(
  groups: readonly Group[],
  labelOf: (key: string) => string,
  currencies: readonly string[],
  amountOf: (minor: bigint, currency: string) => string,
): (string | number)[][] {
  return groups.map((g) => [
    g.key,
    labelOf(g.key),
    g.count,
    ...currencies.map((c) => {
      const minor = g.budget.get(c)
      return minor === undefined ? '' : amountOf(minor, c)
    }),
  ])
}
