/**
 * Whose logs this node replicates. Trust is local: `allowlist` replicates only the
 * organisations followed here; `web-of-trust` also those vouched for by at least N
 * followed organisations (a vouch is a public, signed record in the voucher's log);
 * `open` every organisation announced in the collective. Blocked ones never.
 */
import type { Store } from '@polder/store'

export type TrustMode = 'open' | 'web-of-trust' | 'allowlist'

export type TrustReason = 'followed' | 'vouched' | 'open'

/** What the policy reads of the store: follows, vouch records, the directory. */
export type TrustSource = Pick<Store, 'did' | 'follows' | 'list'> & {
  readonly directory: Pick<Store['directory'], 'allKnown' | 'isBlocked'>
}

export interface TrustInit {
  readonly mode: TrustMode
  /** Vouches from followed organisations that make an organisation trusted. @default 2 */
  readonly vouches?: number
}

export class TrustPolicy {
  readonly mode: TrustMode
  readonly vouches: number
  readonly #store: TrustSource

  constructor(store: TrustSource, init: TrustInit) {
    this.#store = store
    this.mode = init.mode
    this.vouches = init.vouches ?? 2
  }

  /** For each organisation some followed organisation vouches for: who vouches. */
  vouchers(): Map<string, string[]> {
    const vouchers = new Map<string, string[]>()
    for (const author of this.#store.follows()) {
      for (const vouch of this.#store.list({ kind: 'vouch', author, limit: 10_000 })) {
        const subject = (vouch as { subject?: string }).subject
        if (subject === undefined) continue
        const list = vouchers.get(subject) ?? []
        if (!list.includes(author)) list.push(author)
        vouchers.set(subject, list)
      }
    }
    return vouchers
  }

  /** Every organisation to replicate, with why. */
  trusted(): Map<string, TrustReason> {
    const trusted = new Map<string, TrustReason>()
    const { directory } = this.#store
    for (const did of this.#store.follows()) trusted.set(did, 'followed')
    if (this.mode === 'web-of-trust') {
      for (const [did, by] of this.vouchers()) {
        if (by.length >= this.vouches && !trusted.has(did)) trusted.set(did, 'vouched')
      }
    }
    if (this.mode === 'open') {
      for (const { did } of directory.allKnown()) if (!trusted.has(did)) trusted.set(did, 'open')
    }
    trusted.delete(this.#store.did)
    for (const did of trusted.keys()) if (directory.isBlocked(did)) trusted.delete(did)
    return trusted
  }
}
