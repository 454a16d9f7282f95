/** Budget and funding fields of practices, initiatives and adoptions. */
import type * as z from 'zod'
import { problem } from '../envelope.js'
import { fundingItem, list, money } from '../fields.js'
import { once } from '../lazy.js'
import { ld } from '../ld.js'
import { type Money, toMinorUnits } from '../money.js'

export const budgetShape = once(() => ({
  /** Total budget. */
  budget: ld(money(), {
    '@id': 'schema:estimatedCost',
    nodeType: 'schema:MonetaryAmount',
  }).optional(),
  /** Who pays how much of it. */
  funding: ld(list(fundingItem()).default([]), {
    '@id': 'schema:funding',
    nodeType: 'schema:MonetaryGrant',
  }),
}))

interface Budgeted {
  budget?: Money | undefined
  funding: { contribution?: Money | undefined }[]
}

/** Contributions are in the budget's currency and do not add up to more than the budget. */
export function checkBudget(record: Budgeted, ctx: z.core.$RefinementCtx<unknown>): void {
  const { budget } = record
  if (budget === undefined) return
  // a malformed amount has its own problem: a sum computed from it would only add a second
  const amounts = [budget, ...record.funding.flatMap((item) => item.contribution ?? [])]
  if (amounts.some((money) => !wellFormed(money))) return
  let total = 0n
  record.funding.forEach((item, index) => {
    const { contribution } = item
    if (contribution === undefined) return
    if (contribution.currency !== budget.currency) {
      problem(ctx, 'funding-currency', ['funding', index, 'contribution', 'currency'], {
        currency: budget.currency,
      })
      return
    }
    total += safeMinorUnits(contribution)
  })
  if (total > safeMinorUnits(budget)) problem(ctx, 'funding-exceeds-budget', ['funding'])
}

/** An amount that toMinorUnits takes: digits, and no more decimals than its currency has. */
function wellFormed(money: Money): boolean {
  try {
    toMinorUnits(money)
    return true
  } catch {
    return false
  }
}

/** Minor units of an amount that other checks may already have found malformed. */
function safeMinorUnits(amount: Money): bigint {
  try {
    return toMinorUnits(amount)
  } catch {
    return 0n
  }
}
