/**
 * The pin policy, as a plan: attachments of the node's own records are always pinned;
 * those of followed organisations are pinned newest record first while they fit in the
 * budget; follow pins outside the plan are released. Pure, so it is tested on its own.
 */
import type { AttachmentRef } from './references.js'

export type PinOrigin = 'own' | 'follow'

export interface CurrentPin {
  readonly origin: PinOrigin
  /** Bytes of the file. */
  readonly size: number
}

export interface PinPlanInput {
  /** Referenced CIDs and the records carrying them. */
  readonly references: Iterable<[string, AttachmentRef[]]>
  /** Pins held now, by CID. */
  readonly pins: ReadonlyMap<string, CurrentPin>
  /** Organisations whose logs this node writes. */
  readonly own: ReadonlySet<string>
  readonly follows: ReadonlySet<string>
  /** Bytes for followed organisations' attachments. */
  readonly budget: number
  /**
   * Largest followed attachment pinned: no larger than what this node accepts for upload
   * (a follower once pinned 600 MiB with an upload limit of 200 MiB). @default Infinity
   */
  readonly maxFileBytes?: number
  /**
   * Share of the budget one followed organisation may take (0..1), or an equal share of
   * the followed organisations if that is more (one followed organisation may take all).
   * @default 1
   */
  readonly orgShare?: number
  /** CIDs not to try now (a recent failure). */
  readonly skip?: ReadonlySet<string>
}

export interface PinPlan {
  /** To pin as own, with the size the record states. */
  readonly own: { cid: string; size: number }[]
  /** To pin for a followed organisation, newest first. */
  readonly follow: { cid: string; size: number }[]
  /** Follow pins to release. */
  readonly release: string[]
  /** Followed organisations' attachments left out: over the budget. */
  readonly overBudget: string[]
  /** Bytes the follow pins kept take. */
  readonly used: number
}

export function planPins(input: PinPlanInput): PinPlan {
  const plan: PinPlan = { own: [], follow: [], release: [], overBudget: [], used: 0 }
  const candidates: { cid: string; size: number; updated: string; author: string }[] = []
  const wanted = new Set<string>()
  for (const [cid, refs] of input.references) {
    const pin = input.pins.get(cid)
    const own = refs.find((ref) => input.own.has(ref.author))
    if (own !== undefined) {
      if (pin?.origin !== 'own' && input.skip?.has(cid) !== true)
        plan.own.push({ cid, size: own.size })
      if (pin !== undefined) wanted.add(cid)
      continue
    }
    const followed = refs.filter((ref) => input.follows.has(ref.author))
    const newest = followed.sort((a, b) => b.updated.localeCompare(a.updated))[0]
    if (newest !== undefined)
      candidates.push({ cid, size: newest.size, updated: newest.updated, author: newest.author })
  }
  candidates.sort((a, b) => b.updated.localeCompare(a.updated))
  let used = 0
  const perOrg = new Map<string, number>()
  const share = Math.max(input.orgShare ?? 1, 1 / Math.max(input.follows.size, 1))
  const orgBudget = input.budget * Math.min(share, 1)
  for (const { cid, size, author } of candidates) {
    const pin = input.pins.get(cid)
    // a pin's own size counts, not what a record claims
    const bytes = pin?.size ?? size
    if (pin?.origin === 'own') continue
    const orgUsed = perOrg.get(author) ?? 0
    if (
      used + bytes > input.budget ||
      orgUsed + bytes > orgBudget ||
      bytes > (input.maxFileBytes ?? Number.POSITIVE_INFINITY)
    ) {
      plan.overBudget.push(cid)
      continue
    }
    used += bytes
    perOrg.set(author, orgUsed + bytes)
    wanted.add(cid)
    if (pin === undefined && input.skip?.has(cid) !== true) plan.follow.push({ cid, size })
  }
  for (const [cid, pin] of input.pins) {
    if (pin.origin === 'follow' && !wanted.has(cid)) plan.release.push(cid)
  }
  return { ...plan, used }
}
