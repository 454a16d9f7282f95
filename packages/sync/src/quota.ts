/**
 * What a follower keeps of each organisation it replicates: records, stored bytes and
 * growth per hour. An organisation over its quota is not dropped, and nothing of it is
 * lost: the follower stops pulling more of its log and says why in the sync status, until
 * the organisation is back within bounds or the operator raises the quota. (500,000 tiny
 * records once cost each follower 689 MB.)
 */
import type { Store } from '@polder/store'

export interface OrgQuota {
  /** Live records of one organisation. @default 100_000 */
  readonly maxRecords: number
  /** Bytes of one organisation's stored record states (every version). @default 512 MiB */
  readonly maxBytes: number
  /** Record states joined from one organisation's log per hour. @default 50_000 */
  readonly maxStatesPerHour: number
}

export const DEFAULT_QUOTA: OrgQuota = {
  maxRecords: 100_000,
  maxBytes: 512 * 1024 * 1024,
  maxStatesPerHour: 50_000,
}

const HOUR_MS = 3_600_000
/**
 * How long a measured byte total counts: summing an organisation's stored records reads
 * them all, too dear before every batch of a pull; bytes grow slowly next to the quota.
 */
const BYTES_TTL_MS = 30_000

export class OrgQuotas {
  readonly quota: OrgQuota
  readonly #store: Pick<Store, 'usage'>
  /** States joined per organisation in the last hour: [time, count] pairs, oldest first. */
  readonly #joined = new Map<string, [number, number][]>()
  /** Bytes last measured per organisation, and when. */
  readonly #bytes = new Map<string, { bytes: number; at: number }>()

  constructor(store: Pick<Store, 'usage'>, quota: Partial<OrgQuota> = {}) {
    this.#store = store
    this.quota = { ...DEFAULT_QUOTA, ...quota }
  }

  /** Why no more of `did`'s log may be taken now, or undefined when it may. */
  exceeded(did: string, now = Date.now()): string | undefined {
    const measured = this.#bytes.get(did)
    let records: number
    let bytes: number
    if (measured !== undefined && now - measured.at < BYTES_TTL_MS) {
      records = this.#store.usage(did, { bytes: false }).records
      bytes = measured.bytes
    } else {
      ;({ records, bytes } = this.#store.usage(did))
      this.#bytes.set(did, { bytes, at: now })
    }
    if (records >= this.quota.maxRecords)
      return `over quota: ${records} records, at most ${this.quota.maxRecords} per organisation`
    if (bytes >= this.quota.maxBytes)
      return `over quota: ${mib(bytes)} MiB of records, at most ${mib(this.quota.maxBytes)} MiB per organisation`
    const lastHour = this.#lastHour(did, now)
    if (lastHour >= this.quota.maxStatesPerHour)
      return `over quota: ${lastHour} record states in the last hour, at most ${this.quota.maxStatesPerHour} per organisation`
    return undefined
  }

  /** Counts states joined from `did`'s log. */
  joined(did: string, states: number, now = Date.now()): void {
    if (states <= 0) return
    const window = this.#joined.get(did) ?? []
    window.push([now, states])
    this.#joined.set(did, window)
  }

  #lastHour(did: string, now: number): number {
    const window = this.#joined.get(did)
    if (window === undefined) return 0
    while (window.length > 0 && (window[0] as [number, number])[0] <= now - HOUR_MS) window.shift()
    return window.reduce((sum, [, count]) => sum + count, 0)
  }
}

const mib = (bytes: number) => Math.round(bytes / (1024 * 1024))
