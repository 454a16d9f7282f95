/**
 * The node's libp2p key with its `node:crypto` import made once. `@libp2p/crypto`'s Ed25519
 * key imports its raw bytes as a JWK at every signature (`createPrivateKey`, ~45 µs of a
 * node's CPU a gossip message: gossipsub signs each one, and a publishing node announces its
 * log's heads after every group commit). The signatures are the same bytes (Ed25519 is
 * deterministic).
 */
import { createPrivateKey, type KeyObject, sign } from 'node:crypto'
import type { AbortOptions, Ed25519PrivateKey } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'

/** Raw Ed25519 private keys are the 32-byte seed followed by the 32-byte public key. */
const SEED_BYTES = 32

/** `key`, signing with one imported copy of it. */
export function importedOnce(key: Ed25519PrivateKey): Ed25519PrivateKey {
  let imported: KeyObject | undefined
  const keyObject = (): KeyObject => {
    imported ??= createPrivateKey({
      format: 'jwk',
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        d: Buffer.from(key.raw.subarray(0, SEED_BYTES)).toString('base64url'),
        x: Buffer.from(key.publicKey.raw).toString('base64url'),
      },
    })
    return imported
  }
  return {
    type: key.type,
    raw: key.raw,
    publicKey: key.publicKey,
    equals: (other?: unknown) => key.equals(other),
    sign(data: Uint8Array | Uint8ArrayList, options?: AbortOptions): Uint8Array {
      options?.signal?.throwIfAborted()
      const bytes = data instanceof Uint8Array ? data : data.subarray()
      return sign(null, bytes, keyObject())
    },
  }
}
