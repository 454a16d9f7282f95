/**
 * A followed member floods its log with vouches. Each vouch may change whom the follower
 * trusts; re-reading every vouch for each one froze a follower's API for 251 s at 10,000.
 * The follower must stay responsive while it replicates them, and end up with all of them.
 * Publish refuses more than 1,000 live vouches, so the member runs modified software that
 * writes its signed log past that check.
 */
import { randomBytes } from 'node:crypto'
import { didFromEd25519PublicKey } from '@polder/schema'
import {
  probeLatency,
  TestNetwork,
  type TestNode,
  waitFor,
  writePastPublishChecks,
} from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const VOUCHES = 10_000

const vouch = (n: number) => ({
  kind: 'vouch',
  languages: ['nl'],
  title: { nl: `Organisatie ${n}` },
  subject: didFromEd25519PublicKey(randomBytes(32)),
})

describe('a vouch flood from a followed member', () => {
  it(`keeps the follower responsive while it replicates ${VOUCHES.toLocaleString('en')} vouches`, async () => {
    await using network = await TestNetwork.create({ nodes: 2, follow: [[0, 1]] })
    const [follower, member] = network.nodes as [TestNode, TestNode]
    await member.stop()
    await writePastPublishChecks(
      member,
      Array.from({ length: VOUCHES }, (_, n) => vouch(n)),
    )
    const health = await probeLatency(follower)
    try {
      await member.start()
      await network.connect(0, 1)
      await waitFor(async () => (await follower.count(member.did)) === VOUCHES, {
        what: 'every vouch at the follower',
        timeoutMs: 120_000,
      })
    } finally {
      const latencies = (await health.stop()).sort((a, b) => a - b)
      const worst = latencies.at(-1) ?? 0
      // the p99 goal (100 ms) is measured by the bench; here: never frozen (was 251 s)
      expect(worst, `worst /health of ${latencies.length}: ${worst.toFixed(0)} ms`).toBeLessThan(
        2_000,
      )
    }
  }, 180_000)
})
