/**
 * One SHA-256 per block fetched, not two.
 *
 * Bitswap names every block it receives by hashing it (the CID it matches to a want), and
 * Helia then hashes the same bytes again to check them against the CID it asked for: two
 * SHA-256 passes over every fetched byte (0.3 s of the fetching node's CPU for 100 MB on a
 * busy machine). Here the digest bitswap computed is remembered with the block's bytes (the
 * very `Uint8Array` it hands on, held weakly), and Helia's SHA-256 hasher gives it back for
 * those bytes instead of hashing them again. Any other bytes (a block from elsewhere, a
 * copy, a truncated digest) are hashed as before, so the check stays a check: a digest is
 * only ever the hash of the bytes it is remembered with.
 */
import type { MultihashDigest, MultihashHasher } from 'multiformats'
import { sha256 } from 'multiformats/hashes/sha2'

type DigestOptions = Parameters<MultihashHasher['digest']>[1]

export class KnownDigests {
  readonly #digests = new WeakMap<Uint8Array, MultihashDigest>()

  /** `digest` was computed from `bytes` (by bitswap, as it received them). */
  remember(bytes: Uint8Array, digest: MultihashDigest): void {
    if (digest.code === sha256.code) this.#digests.set(bytes, digest)
  }

  /** A SHA-256 hasher that gives back remembered digests; every other input is hashed. */
  readonly sha256: MultihashHasher = {
    name: sha256.name,
    code: sha256.code,
    digest: (input: Uint8Array, options?: DigestOptions) => {
      const known = this.#digests.get(input)
      if (known !== undefined && (options?.truncate ?? known.size) === known.size) return known
      return sha256.digest(input, options)
    },
  }
}
