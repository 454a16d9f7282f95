/**
 * Whose logs this node replicates. Trust is local: `allowlist` replicates only the
 * organisations followed here; `web-of-trust` also those vouched for by at least N
 * followed organisations (a vouch is a public, signed record in the voucher's log);
 * `open` every organisation announced in the collective. Blocked ones never.
 */
import { MAX_LIVE_VOUCHES, type Store } from '@polder/store'

export type TrustMode = 'open' | 'web-of-trust' | 'allowlist'

export type TrustReason = 'followed' | 'vouched' | 'open'

/** What the policy reads of the store: follows, vouches of followed ones, the directory. */
export type TrustSource = Pick<Store, 'did' | 'follows' | 'vouchesOfFollowed'> & {
  readonly directory: Pick<Store['directory'], 'allKnown' | 'isBlocked'>
}

export interface TrustInit {
  readonly mode: TrustMode
  /** Vouches from followed organisations that make an organisation trusted. @default 2 */
  readonly vouches?: number
  /**
   * Vouches counted per followed organisation (its newest): a member, or a ring of
   * members, can make at most this many identities trusted. @default 1000
   */
  readonly vouchesPerVoucher?: number
}

/** A follower counts every live vouch a voucher may have, unless configured to count fewer. */
export const VOUCHES_PER_VOUCHER = MAX_LIVE_VOUCHES

export class TrustPolicy {
  readonly mode: TrustMode
  readonly vouches: number
  readonly vouchesPerVoucher: number
  readonly #store: TrustSource

  constructor(store: TrustSource, init: TrustInit) {
    this.#store = store
    this.mode = init.mode
    this.vouches = init.vouches ?? 2
    this.vouchesPerVoucher = init.vouchesPerVoucher ?? VOUCHES_PER_VOUCHER
  }

  /** For each organisation some followed organisation vouches for: who vouches. */
  vouchers(): Map<string, string[]> {
    return this.#store.vouchesOfFollowed(this.vouchesPerVoucher)
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
