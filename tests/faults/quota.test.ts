/**
 * An organisation that publishes more than a follower keeps of any one organisation: the
 * follower stops pulling its log, says why in its sync status, drops nothing, and takes
 * the rest once the quota is raised. (500,000 tiny records once cost each follower 689 MB.)
 */
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'
import { practices } from '../collective/records.js'

const PUBLISHED = 10_000
const QUOTA = 1_000

describe('a follower’s quota per organisation', () => {
  it('stops taking an organisation over its quota, flags it, and takes the rest when raised', async () => {
    await using network = await TestNetwork.create({
      nodes: 2,
      follow: [[1, 0]],
      node: (index) => (index === 1 ? { env: { POLDER_ORG_MAX_RECORDS: String(QUOTA) } } : {}),
    })
    const [org, follower] = network.nodes as [TestNode, TestNode]
    for (let i = 0; i < PUBLISHED; i += 5_000) await org.publish(practices(i, 5_000))
    const status = await waitFor(
      async () => {
        const s = await follower.client.getSyncOf({ params: { did: org.did } })
        return s.lastError?.includes('over quota') === true && s
      },
      { what: 'the sync status flagging the quota', timeoutMs: 60_000 },
    )
    expect(status.lastError).toMatch(/at most 1000 per organisation/)
    // flagged as such, apart from passing errors, for the viewer
    expect(status.overQuota).toMatch(/at most 1000 per organisation/)
    const kept = await follower.count(org.did)
    expect(kept).toBeGreaterThanOrEqual(QUOTA)
    expect(kept).toBeLessThan(PUBLISHED)
    // the quota raised: the rest comes, nothing was lost on the way
    await follower.restart({ POLDER_ORG_MAX_RECORDS: String(PUBLISHED * 2) })
    await network.connect(1, 0)
    await waitFor(async () => (await follower.count(org.did)) === PUBLISHED, {
      what: 'every record once the quota is raised',
      timeoutMs: 60_000,
    })
    const after = await follower.client.getSyncOf({ params: { did: org.did } })
    expect(after.overQuota).toBeUndefined()
  }, 180_000)
})
