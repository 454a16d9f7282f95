/** Hashes and links of OrbitDB blocks (entries, identities): CIDv1, DAG-CBOR, sha2-256, base58btc. */
import * as dagCbor from '@ipld/dag-cbor'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'

export async function blockHash(bytes: Uint8Array): Promise<string> {
  return CID.create(1, dagCbor.code, await sha256.digest(bytes)).toString(base58btc)
}

export interface EntryLinks {
  /** The entries this one follows. */
  readonly next: readonly string[]
  /** Its Lamport time: greater than that of every entry it follows. */
  readonly time: number
  /** The hash of the identity block that signed it. */
  readonly identity: string | undefined
}

/** The links of an entry block, read without verifying it (for walking a held log only). */
export function entryLinks(bytes: Uint8Array): EntryLinks {
  const value = dagCbor.decode(bytes) as {
    next?: unknown
    clock?: { time?: unknown }
    identity?: unknown
  }
  return {
    next: Array.isArray(value.next) ? value.next.filter((hash) => typeof hash === 'string') : [],
    time: typeof value.clock?.time === 'number' ? value.clock.time : 0,
    identity: typeof value.identity === 'string' ? value.identity : undefined,
  }
}
