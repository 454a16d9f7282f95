/**
 * When a holder passes on the profiles it holds: its periodic round at its own moment of the
 * second interval (nodes started together would otherwise relay in step, none silencing
 * another; the first interval is the start's follows and pulls),
 * and its answer to a hello at a random turn within {@link ANSWER_SPREAD_MS}.
 */
import type { Store } from '@polder/store'
import { openStore, ownSegment, tempDir } from '@polder/store/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SyncLibp2p } from '../src/libp2p.js'
import { ANSWER_SPREAD_MS, ProfileRelay, profilesTopic } from '../src/profile-relay.js'

const INTERVAL = 300_000

/** gossipsub's part that the relay uses; what it publishes is noted. */
function pubsubNoting(published: string[]) {
  return {
    services: {
      pubsub: {
        topicValidators: new Map(),
        addEventListener() {},
        removeEventListener() {},
        subscribe() {},
        async publish(topic: string) {
          published.push(topic)
          return { recipients: [] }
        },
      },
    },
  }
}

describe('when a holder relays the profiles it holds', () => {
  let dirs: AsyncDisposable[] = []
  let stores: Store[] = []
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
  })
  afterEach(async () => {
    vi.useRealTimers()
    for (const store of stores) await store.stop()
    for (const dir of dirs) await dir[Symbol.asyncDispose]()
    dirs = []
    stores = []
  })

  /** A holder of one organisation's log with its profile, and its relay at turn `at`. */
  async function holderRelaying(at: number) {
    const [orgDir, holderDir] = [await tempDir(), await tempDir()]
    dirs.push(orgDir, holderDir)
    const [org, holder] = [await openStore(orgDir.path), await openStore(holderDir.path)]
    stores.push(org, holder)
    await org.publish({
      kind: 'organization',
      languages: ['nl'],
      title: { nl: 'Gemeente Zwolle' },
      orgType: 'municipality',
    })
    await holder.follow(org.did)
    await holder.joinSegment(org.did, await ownSegment(org))
    const published: string[] = []
    const relay = new ProfileRelay({
      store: holder,
      // the relay only subscribes, validates and publishes: a recorder in gossipsub's place
      libp2p: pubsubNoting(published) as unknown as SyncLibp2p,
      collective: 'test',
      intervalMs: INTERVAL,
      random: () => at,
    })
    return { relay, published }
  }

  it('relays its first round at its own moment of the second interval, then every interval', async () => {
    const { relay, published } = await holderRelaying(0.25)
    relay.start()
    await vi.advanceTimersByTimeAsync(1.25 * INTERVAL - 1)
    expect(published).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(published).toEqual([profilesTopic('test')])
    await vi.advanceTimersByTimeAsync(INTERVAL)
    expect(published).toHaveLength(2)
    relay.stop()
  })

  it('answers a hello at its turn within the spread, not within the first seconds', async () => {
    const { relay, published } = await holderRelaying(0.5)
    relay.start()
    relay.relaySoon()
    await vi.advanceTimersByTimeAsync(1_000 + 0.5 * ANSWER_SPREAD_MS - 1)
    expect(published).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(published).toEqual([profilesTopic('test')])
    relay.stop()
    await vi.advanceTimersByTimeAsync(2 * INTERVAL)
    expect(published).toHaveLength(1)
  })
})
