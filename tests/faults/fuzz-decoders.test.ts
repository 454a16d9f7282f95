/**
 * Every decoder of a peer's bytes (record states, log segments joined into SQLite, heads
 * messages, announcements, sync frames) and whole-node archives gets random bytes, CBOR of any shape and valid
 * encodings with bytes changed: it decodes or refuses with its named error, never anything
 * else. A few thousand inputs here; `pnpm bench --faults` runs over a million.
 */
import { fuzzDecoders } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

describe('fuzzing the decoders of peer bytes', () => {
  it('crashes none: only named refusals', async () => {
    // a new seed each run, named in any failure so that it can be replayed
    const seed = Date.now() % 100_000
    const results = await fuzzDecoders({ runs: 1_000, seed })
    expect(results.map((r) => r.decoder)).toHaveLength(8)
    for (const result of results) {
      expect(result.iterations, result.decoder).toBeGreaterThanOrEqual(100)
      expect(result.examples, `${result.decoder}, seed ${seed}`).toEqual([])
    }
  }, 120_000)
})
