/**
 * Ed25519 verification of entry signatures, the largest per-entry cost of a cold sync.
 * libsodium's verify (sodium-native) costs about half of OpenSSL's through `node:crypto` on
 * the machines we measured (54 against 116 µs of CPU a verify on an AMD EPYC), so it answers
 * first; whenever it says no, `node:crypto` decides. libsodium refuses more than OpenSSL
 * (small-order and non-canonical keys and points), never less, so what is accepted is
 * exactly what OpenSSL accepts: a follower never refuses what another accepted. Without
 * the native module (a platform it has no build for) `node:crypto` alone verifies.
 */
import { createPublicKey, type KeyObject, verify } from 'node:crypto'
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

const sodiumVerify = loadSodium()

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
  if (sodiumVerify?.(signature, message, key.raw) === true) return true
  try {
    return verify(null, message, key.object, signature)
  } catch {
    return false
  }
}

/** Whether the fast path is in use (for tests and the bench's notes). */
export const nativeEd25519 = sodiumVerify !== undefined
