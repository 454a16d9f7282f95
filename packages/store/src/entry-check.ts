/**
 * The checks of one entry block a peer sent that need nothing but the block itself:
 * decoding it (refused by name when it is not a log entry), its hash, its signature
 * against the key it names, and every record state of its payload. The workers of the
 * check pool run them for large segments, the joining thread for small ones: the same
 * code either way. What needs the log (that the entry belongs to it, that the key and the
 * identity are the organisation's, that its past is held) the join checks afterwards.
 */
import { hash } from 'node:crypto'
import * as dagCbor from '@ipld/dag-cbor'
import type { LogEntry } from '@orbitdb/core'
import { type FieldSpan, readCanonicalDagCbor } from '@polder/schema'
import { base58btc } from 'multiformats/bases/base58'
import { type Ed25519Key, ed25519Key, verifyEd25519 } from './ed25519.js'
import { checkPayloadNow, type Payload, type PayloadCheck } from './payload-check.js'

/** A decoded entry block with its hash (OrbitDB's: CIDv1, DAG-CBOR, sha2-256, base58btc). */
export type DecodedEntry = LogEntry<Payload> & { hash: string }

/**
 * A decoded entry block's fields without its payload: what a check sends back from a worker
 * thread, the payload's records being in the check already, decoded (its bytes again would
 * be copied across threads for nothing, with the whole buffer they are views of).
 */
export type EntryFields = Omit<DecodedEntry, 'payload'>

/** What checking an entry block found. */
export type BlockCheck =
  | { readonly malformed: string }
  | {
      readonly entry: EntryFields
      /** The signature verifies against the key the entry names (the join checks the key). */
      readonly signature: boolean
      /** The record states of its payload, or why the payload is refused. */
      readonly payload: PayloadCheck
    }

/** A CIDv1's bytes before the digest: version 1, DAG-CBOR, sha2-256 of 32 bytes. */
const CID_PREFIX = Uint8Array.of(0x01, dagCbor.code, 0x12, 0x20)

const strings = (value: unknown): boolean =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

/** Public keys by their hex, made once: a log has one writer. */
const keys = new Map<string, Ed25519Key>()
const MAX_KEYS = 1024

function keyOf(hex: string): Ed25519Key {
  let key = keys.get(hex)
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.clear()
    key = ed25519Key(Buffer.from(hex, 'hex'))
    keys.set(hex, key)
  }
  return key
}

/** The bytes an entry's signature covers: its fields as OrbitDB signs them. */
export const signedBytes = (
  entry: Pick<LogEntry<unknown>, 'id' | 'payload' | 'next' | 'refs' | 'clock' | 'v'>,
): Uint8Array =>
  dagCbor.encode({
    id: entry.id,
    payload: entry.payload,
    next: entry.next,
    refs: entry.refs,
    clock: entry.clock,
    v: entry.v,
  })

/** The signed fields in canonical (DAG-CBOR) order: length, then bytewise. */
const SIGNED_FIELDS = ['v', 'id', 'next', 'refs', 'clock', 'payload'] as const

/**
 * {@link signedBytes} cut out of a canonical block, given where its fields are written:
 * each field of a canonical map is written as its own canonical encoding, in canonical
 * order, so the six signed ones after a map head of six are exactly what encoding them
 * gives, without encoding them again. Undefined when one is missing.
 */
function signedBytesCut(
  bytes: Uint8Array,
  fields: ReadonlyMap<string, FieldSpan>,
): Uint8Array | undefined {
  let length = 1
  for (const name of SIGNED_FIELDS) {
    const span = fields.get(name)
    if (span === undefined) return undefined
    length += span.end - span.start
  }
  const out = new Uint8Array(length)
  out[0] = 0xa0 + SIGNED_FIELDS.length
  let at = 1
  for (const name of SIGNED_FIELDS) {
    const { start, end } = fields.get(name) as FieldSpan
    out.set(bytes.subarray(start, end), at)
    at += end - start
  }
  return out
}

/**
 * Whether the entry is signed, as OrbitDB signs, by the key it names. `cut`: its signed
 * bytes as cut out of its canonical block, when they could be.
 */
function signedByItsKey(entry: DecodedEntry, cut?: Uint8Array): boolean {
  if (typeof entry.key !== 'string' || !/^[0-9a-f]{64}$/.test(entry.key)) return false
  if (typeof entry.sig !== 'string' || !/^[0-9a-f]{128}$/.test(entry.sig)) return false
  try {
    const message = cut ?? signedBytes(entry)
    return verifyEd25519(keyOf(entry.key), message, Buffer.from(entry.sig, 'hex'))
  } catch {
    // a key node:crypto cannot import
    return false
  }
}

/** The hash OrbitDB gives an entry block. */
export function entryHash(bytes: Uint8Array): string {
  // the CID's bytes by hand, hashed in one call: a hash object and a CID object per
  // entry were a twelfth of checking one
  const cid = new Uint8Array(CID_PREFIX.byteLength + 32)
  cid.set(CID_PREFIX)
  cid.set(hash('sha256', bytes, 'buffer'), CID_PREFIX.byteLength)
  return base58btc.encode(cid)
}

/**
 * Decodes an entry block; a reason when it is not a log entry. `hash`: the block's
 * {@link entryHash}, when the caller computed it already. `fields`: filled with where each
 * field is written when the block is canonical, left empty when not.
 */
export function decodeEntryBlock(
  bytes: Uint8Array,
  hash?: string,
  fields?: Map<string, FieldSpan>,
): DecodedEntry | string {
  // the block read once into its value when canonical (as OrbitDB writes every entry), its
  // record states as views of it; anything else as `@ipld/dag-cbor` decodes it
  let value = readCanonicalDagCbor(bytes, { views: true, fields }) as
    | Partial<DecodedEntry>
    | undefined
  // spans of a block that turned out not canonical say nothing
  if (value === undefined) fields?.clear()
  try {
    value ??= dagCbor.decode(bytes) as Partial<DecodedEntry>
  } catch (err) {
    return `not a log entry: ${(err as Error).message}`
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return 'not a log entry: fields are missing or of the wrong type'
  const clock = value.clock as { id?: unknown; time?: unknown } | undefined
  if (
    typeof value.identity !== 'string' ||
    !strings(value.next) ||
    !strings(value.refs) ||
    typeof clock?.time !== 'number' ||
    typeof clock.id !== 'string'
  )
    return 'not a log entry: fields are missing or of the wrong type'
  return { ...value, hash: hash ?? entryHash(bytes) } as DecodedEntry
}

/**
 * Every check of an entry block of `did`'s log that needs only the block. `hash`: the
 * block's {@link entryHash}, when the caller computed it already.
 */
export function checkEntryBlock(bytes: Uint8Array, did: string, hash?: string): BlockCheck {
  const spans = new Map<string, FieldSpan>()
  const entry = decodeEntryBlock(bytes, hash, spans)
  if (typeof entry === 'string') return { malformed: entry }
  const { payload, ...fields } = entry
  return {
    entry: fields,
    signature: signedByItsKey(entry, signedBytesCut(bytes, spans)),
    payload: checkPayloadNow(payload, did),
  }
}
