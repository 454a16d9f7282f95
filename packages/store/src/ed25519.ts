/**
 * Ed25519 verification of entry signatures, the largest per-entry cost of a cold sync.
 * libsodium's verify (sodium-native) costs about half of OpenSSL's through `node:crypto` on
 * the machines we measured (54 against 116 µs of CPU a verify on an AMD EPYC), so it answers
 * first; whenever it says no, `node:crypto` decides. libsodium refuses more than OpenSSL
 * (small-order and non-canonical keys and points), never less, so what is accepted is
 * exactly what OpenSSL accepts: a follower never refuses what another accepted. Without
 * the native module (a platform it has no build for) `node:crypto` alone verifies.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto'
import { createRequire } from 'node:module'

type Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean

function loadSodium(): Verify | undefined {
  try {
    const sodium = createRequire(import.meta.url)('sodium-native') as typeof import('sodium-native')
    return sodium.crypto_sign_verify_detached
  } catch {
    return undefined
  }
}

/**
 * libsodium's verify, loaded on the first verify: loading the addon resolves and runs ~17
 * CommonJS modules (sodium-native's resolvers), which a node's restart does not need
 * before its API answers. null until then; undefined without the native module.
 */
let sodiumVerify: Verify | undefined | null = null

function sodium(): Verify | undefined {
  if (sodiumVerify === null) sodiumVerify = loadSodium()
  return sodiumVerify
}

/** A public key in both forms: raw for libsodium, a key object for `node:crypto`. */
export interface Ed25519Key {
  readonly raw: Uint8Array
  readonly object: KeyObject
}

/** An Ed25519 public key from its 32 raw bytes. */
export function ed25519Key(raw: Uint8Array): Ed25519Key {
  const x = Buffer.from(raw).toString('base64url')
  return { raw, object: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' }) }
}

/** Whether `signature` (64 bytes) is `key`'s Ed25519 signature over `message`. */
export function verifyEd25519(
  key: Ed25519Key,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.byteLength !== 64 || key.raw.byteLength !== 32) return false
  if (sodium()?.(signature, message, key.raw) === true) return true
  try {
    return verify(null, message, key.object, signature)
  } catch {
    return false
  }
}

/** Whether the fast path is in use (for tests and the bench's notes); loads it if not yet. */
export function nativeEd25519(): boolean {
  return sodium() !== undefined
}

/**
 * Signs with an Ed25519 private key (libp2p's 64 raw bytes: seed, then public key) made
 * into a key object once: libp2p's `sign` imports the key again for every signature (~90
 * µs of a small message's 120). libsodium signs no faster than this: the hashing of the
 * message decides for the entries of a group commit (tens of KiB, ~150 µs either way).
 * Ed25519 is deterministic, so the signatures are the very bytes libp2p's would be.
 */
export function ed25519Signer(raw: Uint8Array): (message: Uint8Array) => Uint8Array {
  if (raw.byteLength !== 64) throw new RangeError('An Ed25519 private key is 64 bytes here')
  const jwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    d: Buffer.from(raw.subarray(0, 32)).toString('base64url'),
    x: Buffer.from(raw.subarray(32)).toString('base64url'),
  }
  const key = createPrivateKey({ key: jwk, format: 'jwk' })
  return (message) => sign(null, message, key)
}
