/**
 * What a directory answer (directory-exchange.ts) is made of: its frames, and the signed
 * announcements a node keeps to hand on. Apart from the exchange, so that the announcer
 * keeps them without importing the exchange (which reads the announcer's limits).
 */
import * as dagCbor from '@ipld/dag-cbor'
import { ProtocolError } from './errors.js'

/** Bytes of signed announcements a node keeps to hand on; the oldest heard go first. */
export const KEPT_ANNOUNCEMENT_BYTES = 16 * 1024 * 1024

/** What a frame holds: a signed announcement, the answering node's own, or a relayed profile. */
export type DirectoryFrame =
  | { readonly t: 'signed'; readonly m: Uint8Array }
  | { readonly t: 'own'; readonly m: Uint8Array }
  | { readonly t: 'profile'; readonly m: Uint8Array }

export function encodeFrame(frame: DirectoryFrame): Uint8Array {
  return dagCbor.encode(frame)
}

export function decodeFrame(bytes: Uint8Array): DirectoryFrame {
  let value: Record<string, unknown>
  try {
    value = dagCbor.decode(bytes) as Record<string, unknown>
  } catch {
    throw new ProtocolError('not DAG-CBOR')
  }
  const { t, m } = value ?? {}
  if ((t !== 'signed' && t !== 'own' && t !== 'profile') || !(m instanceof Uint8Array))
    throw new ProtocolError('not a directory frame')
  return { t, m }
}

/** The newest signed announcement heard per organisation, within a byte budget. */
export class HeardAnnouncements {
  readonly #byDid = new Map<string, Uint8Array>()
  readonly #maxBytes: number
  #bytes = 0

  constructor(maxBytes = KEPT_ANNOUNCEMENT_BYTES) {
    this.#maxBytes = maxBytes
  }

  /** `did`'s accepted announcement, as its node signed it ({@link encodeSigned}). */
  keep(did: string, bytes: Uint8Array): void {
    this.forget(did)
    this.#byDid.set(did, bytes)
    this.#bytes += bytes.byteLength
    for (const [oldest, kept] of this.#byDid) {
      if (this.#bytes <= this.#maxBytes) break
      this.#byDid.delete(oldest)
      this.#bytes -= kept.byteLength
    }
  }

  forget(did: string): void {
    const kept = this.#byDid.get(did)
    if (kept === undefined) return
    this.#byDid.delete(did)
    this.#bytes -= kept.byteLength
  }

  has(did: string): boolean {
    return this.#byDid.has(did)
  }

  values(): IterableIterator<Uint8Array> {
    return this.#byDid.values()
  }
}
