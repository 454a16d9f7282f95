/**
 * Peers and addresses this node refuses to connect with for a while. Offenders that were
 * cut off land here, so they cannot dial again at once; an address from which several
 * peers were cut off is refused as a whole, since a flood signed with fresh keys comes
 * from the same machine; and an operator can deny a peer or an address by hand. Consulted
 * by the connection gater for dials both ways; entries expire, so an honest peer that
 * once misbehaved comes back.
 */
import { isIP } from 'node:net'

/** Why an entry is here: an offender cut off, an address that sent several, an operator. */
export type DenialSource = 'offences' | 'address-offences' | 'operator'

export interface Denial {
  /** A peer id, or an IP address. */
  readonly target: string
  readonly kind: 'peer' | 'address'
  /** Epoch milliseconds. */
  readonly until: number
  readonly source: DenialSource
  readonly reason?: string
}

export interface PeerGateInit {
  /**
   * Distinct peers cut off from one address within `addressWindowMs` after which the
   * address itself is refused. @default 3
   */
  readonly peersPerAddress?: number
  /** @default 600_000 (10 minutes) */
  readonly addressWindowMs?: number
  /**
   * Addresses never refused as a whole (their peers are still cut off one by one): this
   * host's own, where a test network or a demo runs many nodes. @default ['127.0.0.1', '::1']
   */
  readonly exemptAddresses?: readonly string[]
}

/** Entries kept at most; expired ones are forgotten first, then the oldest. */
const MAX_ENTRIES = 10_000

export class PeerGate {
  readonly #denials = new Map<string, Denial>()
  /** Per address: when each peer from it was cut off. */
  readonly #cutOffFrom = new Map<string, Map<string, number>>()
  readonly #peersPerAddress: number
  readonly #addressWindowMs: number
  readonly #exempt: ReadonlySet<string>
  #sweptAt = Number.NEGATIVE_INFINITY

  constructor(init: PeerGateInit = {}) {
    this.#peersPerAddress = init.peersPerAddress ?? 3
    this.#addressWindowMs = init.addressWindowMs ?? 600_000
    this.#exempt = new Set(init.exemptAddresses ?? ['127.0.0.1', '::1'])
  }

  /** Refuses connections with `peer` (a peer id string) for `forMs` from now. */
  block(peer: string, forMs: number, now = Date.now()): void {
    this.#deny({ target: peer, kind: 'peer', until: now + forMs, source: 'offences' }, now)
  }

  /**
   * Cuts off `peer`, connected from `addresses` (IPs of its direct connections; relayed
   * ones name the relay and must not be passed). Once enough distinct peers were cut off
   * from one address within the window, the address is refused for `forMs` too.
   */
  cutOff(peer: string, addresses: readonly string[], forMs: number, now = Date.now()): void {
    this.block(peer, forMs, now)
    for (const address of addresses) {
      if (this.#exempt.has(address)) continue
      const peers = this.#cutOffFrom.get(address) ?? new Map<string, number>()
      peers.set(peer, now)
      for (const [other, at] of peers) if (at <= now - this.#addressWindowMs) peers.delete(other)
      this.#cutOffFrom.set(address, peers)
      if (peers.size >= this.#peersPerAddress) {
        const reason = `${peers.size} peers from it were cut off for offences`
        this.#deny(
          {
            target: address,
            kind: 'address',
            until: now + forMs,
            source: 'address-offences',
            reason,
          },
          now,
        )
        this.#cutOffFrom.delete(address)
      }
    }
    if (this.#cutOffFrom.size > MAX_ENTRIES)
      this.#cutOffFrom.delete(this.#cutOffFrom.keys().next().value as string)
  }

  /** An operator's denial of a peer id or an IP address. */
  deny(target: string, forMs: number, reason?: string, now = Date.now()): Denial {
    const denial: Denial = {
      target,
      kind: isIP(target) === 0 ? 'peer' : 'address',
      until: now + forMs,
      source: 'operator',
      ...(reason === undefined ? {} : { reason }),
    }
    // an operator's word replaces what offences set, also when it is shorter
    this.#denials.delete(target)
    this.#deny(denial, now)
    return denial
  }

  /** Lifts a denial; whether there was one. */
  lift(target: string): boolean {
    this.#cutOffFrom.delete(target)
    return this.#denials.delete(target)
  }

  /** Whether connections with `peer` are refused now. */
  denies(peer: string, now = Date.now()): boolean {
    return this.#active(peer, now) !== undefined
  }

  /** Whether connections with an IP address are refused now. */
  deniesAddress(address: string, now = Date.now()): boolean {
    return this.#active(address, now) !== undefined
  }

  /** Every denial in force, soonest to end first. */
  list(now = Date.now()): Denial[] {
    for (const target of [...this.#denials.keys()]) this.#active(target, now)
    return [...this.#denials.values()].sort((a, b) => a.until - b.until)
  }

  #active(target: string, now: number): Denial | undefined {
    const denial = this.#denials.get(target)
    if (denial === undefined) return undefined
    if (denial.until > now) return denial
    this.#denials.delete(target)
    return undefined
  }

  #deny(denial: Denial, now: number): void {
    const existing = this.#active(denial.target, now)
    if (existing !== undefined && existing.until >= denial.until) return
    if (this.#denials.size >= MAX_ENTRIES) {
      // many offenders at once: forget the expired ones (at most once a second, so a flood
      // costs no sweep per offender), then the oldest
      if (now - this.#sweptAt > 1_000) {
        this.#sweptAt = now
        for (const [target, entry] of this.#denials) {
          if (entry.until <= now) this.#denials.delete(target)
        }
      }
      if (this.#denials.size >= MAX_ENTRIES) {
        this.#denials.delete(this.#denials.keys().next().value as string)
      }
    }
    this.#denials.set(denial.target, denial)
  }
}
