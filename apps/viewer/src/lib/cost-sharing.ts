/**
 * Cost sharing of a joint pilot (an initiative or practice with two or more
 * municipalities among its partners): each contribution of its funding with its share of
 * the budget, and whether the funder is one of the partners. From one record's own
 * figures; the collective's sums come from the node.
 */
import type { Money } from '@polder/schema'
import { toMinor } from './money'

export interface CostShareRecord {
  readonly kind: string
  readonly budget?: Money
  readonly partners?: readonly { name: string; orgType?: string }[]
  readonly funding?: readonly { source: string; funder?: string; contribution?: Money }[]
}

export interface CostShare {
  readonly funder: string
  readonly source: string
  readonly contribution: Money
  /** Share of the budget in percent, one decimal; undefined without a budget in that currency. */
  readonly percent: number | undefined
  readonly partner: boolean
}

/** Whether a record is a joint pilot. */
export function isJointPilot(record: CostShareRecord): boolean {
  if (record.kind !== 'initiative' && record.kind !== 'practice') return false
  return (record.partners ?? []).filter((p) => p.orgType === 'municipality').length >= 2
}

/** The contributions of a joint pilot with their shares; empty for other records. */
export function costShares(record: CostShareRecord): CostShare[] {
  if (!isJointPilot(record)) return []
  const partners = new Set((record.partners ?? []).map((p) => p.name))
  const budget = record.budget === undefined ? undefined : toMinor(record.budget)
  return (record.funding ?? []).flatMap((item) => {
    if (item.contribution === undefined) return []
    const minor = toMinor(item.contribution)
    const comparable =
      budget !== undefined &&
      budget > 0n &&
      minor !== undefined &&
      item.contribution.currency === record.budget?.currency
    return [
      {
        funder: item.funder ?? '',
        source: item.source,
        contribution: item.contribution,
        percent: comparable ? Number((minor * 1000n) / budget) / 10 : undefined,
        partner: item.funder !== undefined && partners.has(item.funder),
      },
    ]
  })
}
