/**
 * A new entry of a log this node writes, byte for byte as OrbitDB's `Entry.create` then
 * `Entry.encode` make it (same signed bytes, signature, stored bytes and hash), with its
 * payload encoded once. OrbitDB encodes the whole entry twice (to sign it, then to store
 * it with the signature) and hashes it both times; a group commit's entry carries the
 * canonical bytes of every record of the group (~60 KB for 45 records). In DAG-CBOR a map
 * is its head and its entries in key order, each value encoded on its own, so both maps
 * are the same pieces around the payload's bytes.
 */
import { createHash } from 'node:crypto'
import * as dagCbor from '@ipld/dag-cbor'
import type { Clock, Identity, LogEntry } from '@orbitdb/core'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'

/** The multihash code of SHA2-256, OrbitDB's hasher. */
const SHA2_256 = 0x12
/** OrbitDB's entry format version. */
const ENTRY_VERSION = 2

export interface OwnEntryInit<P> {
  readonly logId: string
  readonly payload: P
  /** The heads it follows (their hashes, as OrbitDB orders them). */
  readonly next: readonly string[]
  /** Its Lamport time: one more than the largest of its heads'. */
  readonly time: number
}

export interface OwnEntry<P> {
  readonly entry: LogEntry<P> & { hash: string }
  /** The bytes stored under its hash. */
  readonly bytes: Uint8Array
}

/** A key and its value in DAG-CBOR, as they follow a map's head. */
const field = (key: string, value: unknown): Uint8Array[] => [
  dagCbor.encode(key),
  dagCbor.encode(value),
]

/** A map's head (major type 5) for the few keys of an entry. */
const mapHead = (keys: number): Uint8Array => Uint8Array.of(0xa0 + keys)

/** The head of a CBOR item of major type `major` with argument `n`, its shortest form. */
function head(major: number, n: number): Uint8Array {
  const type = major << 5
  if (n < 24) return Uint8Array.of(type | n)
  if (n < 0x100) return Uint8Array.of(type | 24, n)
  if (n < 0x10000) return Uint8Array.of(type | 25, n >> 8, n & 0xff)
  if (n < 0x100000000)
    return Uint8Array.of(type | 26, n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff)
  throw new RangeError('a payload this large is not an entry')
}

/** `{ states, v: 1 }`'s map head and its `v` and `states` keys, in DAG-CBOR's key order. */
const STATES_PAYLOAD = Uint8Array.of(
  0xa2,
  0x61,
  0x76,
  0x01,
  0x66,
  ...new TextEncoder().encode('states'),
)

/**
 * The payload's DAG-CBOR: a record payload (`{ v: 1, states }`, states as bytes, the
 * writer's only kind) written straight from its states, without cborg's token per state;
 * anything else by `@ipld/dag-cbor`.
 */
function encodePayload(payload: unknown): Uint8Array {
  const { v, states, ...rest } = payload as { v?: unknown; states?: unknown }
  const plain =
    v === 1 &&
    Object.keys(rest).length === 0 &&
    Array.isArray(states) &&
    states.every((state) => state instanceof Uint8Array)
  if (!plain) return dagCbor.encode(payload)
  const parts: Uint8Array[] = [STATES_PAYLOAD, head(4, states.length)]
  for (const state of states as Uint8Array[]) parts.push(head(2, state.byteLength), state)
  return Buffer.concat(parts)
}

/**
 * Signs and encodes a new entry of `identity`'s log (no `refs`: Polder appends with a
 * reference count of 0, for which OrbitDB's are always empty).
 */
export async function createOwnEntry<P>(
  identity: Identity,
  init: OwnEntryInit<P>,
): Promise<OwnEntry<P>> {
  const next = [...init.next]
  const clock: Clock = { id: identity.publicKey, time: init.time }
  // keys in DAG-CBOR's order (shorter first, then bytewise): v id [key sig] next refs clock
  // payload [identity]; the bracketed ones only in the signed entry
  const v = field('v', ENTRY_VERSION)
  const id = field('id', init.logId)
  const links = [...field('next', next), ...field('refs', []), ...field('clock', clock)]
  const payload = [dagCbor.encode('payload'), encodePayload(init.payload)]
  const unsigned = Buffer.concat([mapHead(6), ...v, ...id, ...links, ...payload])
  const sig = await identity.sign(identity, unsigned)
  const bytes = Buffer.concat([
    mapHead(9),
    ...v,
    ...id,
    ...field('key', identity.publicKey),
    ...field('sig', sig),
    ...links,
    ...payload,
    ...field('identity', identity.hash),
  ])
  const digest = Digest.create(SHA2_256, createHash('sha256').update(bytes).digest())
  const hash = CID.createV1(dagCbor.code, digest).toString(base58btc)
  const entry = {
    id: init.logId,
    payload: init.payload,
    next,
    refs: [],
    clock,
    v: ENTRY_VERSION,
    key: identity.publicKey,
    identity: identity.hash,
    sig,
    hash,
  }
  return { entry, bytes }
}
