/**
 * Messages of the sync protocol, DAG-CBOR encoded and length-prefixed. A requester asks
 * for a log, naming the heads it has; the holder answers with its heads and how many
 * entries the requester lacks, then the entries oldest first in batches, then `end`.
 * The requester acknowledges each batch once joined; the holder keeps at most
 * {@link BATCH_WINDOW} batches unacknowledged, so neither side buffers without bound.
 * Every message from a peer is checked here before anything else looks at it.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { ProtocolError } from './errors.js'

export const SYNC_VERSION = 1
/** Largest message either side accepts: a batch is ~1 MiB plus one entry (< 450 KiB). */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024
/** What a requester buffers at most: the window of batches the holder may send ahead. */
export const MAX_BUFFER_BYTES = 8 * 1024 * 1024
/** Heads a request may name: single-writer logs have one, rarely a few. */
export const MAX_HAVE = 64
const MAX_HASH_LENGTH = 128
const MAX_DID_LENGTH = 128

export interface SyncRequest {
  readonly v: typeof SYNC_VERSION
  readonly log: string
  readonly have: readonly string[]
}

/** The requester has joined a batch: the holder may send one more. */
export interface SyncAck {
  readonly t: 'ack'
}

/** Batches a holder sends ahead of the requester's acknowledgements. */
export const BATCH_WINDOW = 3

export type RefusalCode = 'unknown-log' | 'bad-request' | 'unavailable'

export type SyncMessage =
  | { readonly t: 'meta'; readonly heads: readonly string[]; readonly entries: number }
  | {
      readonly t: 'batch'
      readonly entries: readonly Uint8Array[]
      readonly identities: readonly Uint8Array[]
    }
  | { readonly t: 'end' }
  | { readonly t: 'refused'; readonly code: RefusalCode; readonly message: string }

export const encodeMessage = (message: SyncRequest | SyncMessage | SyncAck): Uint8Array =>
  dagCbor.encode(message)

function decodeObject(bytes: Uint8Array): Record<string, unknown> {
  // the framing refuses larger frames already; the codec does not rely on it
  if (bytes.byteLength > MAX_MESSAGE_BYTES) throw new ProtocolError('too large')
  let value: unknown
  try {
    value = dagCbor.decode(bytes)
  } catch {
    throw new ProtocolError('not DAG-CBOR')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ProtocolError('not a map')
  return value as Record<string, unknown>
}

const isHash = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_HASH_LENGTH

function hashes(value: unknown, field: string, max: number): string[] {
  if (!Array.isArray(value) || value.length > max || !value.every(isHash))
    throw new ProtocolError(`${field}: a list of at most ${max} hashes`)
  return value
}

function blocks(value: unknown, field: string): Uint8Array[] {
  if (!Array.isArray(value) || !value.every((block) => block instanceof Uint8Array))
    throw new ProtocolError(`${field}: a list of byte strings`)
  return value
}

export function decodeRequest(bytes: Uint8Array): SyncRequest {
  const value = decodeObject(bytes)
  if (value.v !== SYNC_VERSION) throw new ProtocolError(`v: expected ${SYNC_VERSION}`)
  if (typeof value.log !== 'string' || value.log.length > MAX_DID_LENGTH)
    throw new ProtocolError('log: a DID')
  return { v: SYNC_VERSION, log: value.log, have: hashes(value.have, 'have', MAX_HAVE) }
}

export function decodeAck(bytes: Uint8Array): SyncAck {
  if (decodeObject(bytes).t !== 'ack') throw new ProtocolError('t: expected ack')
  return { t: 'ack' }
}

const REFUSALS: readonly RefusalCode[] = ['unknown-log', 'bad-request', 'unavailable']

export function decodeMessage(bytes: Uint8Array): SyncMessage {
  const value = decodeObject(bytes)
  switch (value.t) {
    case 'meta':
      if (!Number.isSafeInteger(value.entries) || (value.entries as number) < 0)
        throw new ProtocolError('entries: a count')
      return {
        t: 'meta',
        heads: hashes(value.heads, 'heads', MAX_HAVE),
        entries: value.entries as number,
      }
    case 'batch':
      return {
        t: 'batch',
        entries: blocks(value.entries, 'entries'),
        identities: blocks(value.identities, 'identities'),
      }
    case 'end':
      return { t: 'end' }
    case 'refused':
      if (!REFUSALS.includes(value.code as RefusalCode)) throw new ProtocolError('code: unknown')
      return {
        t: 'refused',
        code: value.code as RefusalCode,
        message: typeof value.message === 'string' ? value.message.slice(0, 500) : '',
      }
    default:
      throw new ProtocolError('t: not a message type of the protocol')
  }
}
