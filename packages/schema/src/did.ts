import { base58btc } from 'multiformats/bases/base58'
import { InvalidDidError } from './errors.js'

/** Multicodec prefix of an Ed25519 public key (varint of 0xed). */
const ED25519_PREFIX = [0xed, 0x01] as const
const ED25519_KEY_BYTES = 32
const DID_KEY_PREFIX = 'did:key:'

/** A `did:key` naming an Ed25519 key: the name of an organisation in Polder. */
export type Did = `did:key:z${string}`

/** The `did:key` of an Ed25519 public key (32 raw bytes). */
export function didFromEd25519PublicKey(publicKey: Uint8Array): Did {
  if (publicKey.length !== ED25519_KEY_BYTES) {
    throw new InvalidDidError(`An Ed25519 public key has 32 bytes, not ${publicKey.length}`)
  }
  const bytes = new Uint8Array(ED25519_PREFIX.length + ED25519_KEY_BYTES)
  bytes.set(ED25519_PREFIX)
  bytes.set(publicKey, ED25519_PREFIX.length)
  return `${DID_KEY_PREFIX}${base58btc.encode(bytes)}` as Did
}

/** The raw Ed25519 public key a `did:key` names; throws {@link InvalidDidError}. */
export function ed25519PublicKeyFromDid(did: string): Uint8Array {
  if (!did.startsWith(`${DID_KEY_PREFIX}z`)) {
    throw new InvalidDidError('A Polder DID has the form did:key:z… (base58btc)')
  }
  let bytes: Uint8Array
  try {
    bytes = base58btc.decode(did.slice(DID_KEY_PREFIX.length))
  } catch {
    throw new InvalidDidError('The did:key is not valid base58btc')
  }
  if (
    bytes.length !== ED25519_PREFIX.length + ED25519_KEY_BYTES ||
    bytes[0] !== ED25519_PREFIX[0] ||
    bytes[1] !== ED25519_PREFIX[1]
  ) {
    throw new InvalidDidError('The did:key does not name an Ed25519 public key')
  }
  return bytes.slice(ED25519_PREFIX.length)
}

/**
 * DIDs found well-formed lately: every record names its author, nearly always one of a
 * few organisations, and decoding its base58 again took 15-20 µs a record (about 5 % of
 * validating a publish).
 */
const knownDids = new Set<string>()
const KNOWN_DIDS_KEPT = 4_096

/** Whether a string is a well-formed Ed25519 `did:key`. */
export function isDid(value: string): value is Did {
  if (knownDids.has(value)) return true
  try {
    ed25519PublicKeyFromDid(value)
    if (knownDids.size >= KNOWN_DIDS_KEPT) knownDids.clear()
    knownDids.add(value)
    return true
  } catch {
    return false
  }
}
