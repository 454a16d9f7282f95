/**
 * A node that follows many organisations at once provides their logs a few at a time: each
 * provide is a DHT walk, and a collective whose members all follow at once would otherwise
 * hold N·F walks at the same moment (the 100- and 200-node simulations' follow phase).
 */
import { type ContentRouting, contentRoutingSymbol } from '@libp2p/interface'
import { createLibp2p } from 'libp2p'
import type { CID } from 'multiformats/cid'
import { afterEach, describe, expect, it } from 'vitest'
import { Discovery, logKey, PROVIDES_AT_ONCE } from '../src/discovery.js'
import type { SyncLibp2p } from '../src/libp2p.js'

/** A content router in place of the DHT: each provide takes a while; it notes the overlap. */
class SlowRouter implements ContentRouting {
  running = 0
  most = 0
  readonly provided: string[] = []
  readonly [contentRoutingSymbol] = this

  async provide(key: CID): Promise<void> {
    this.running++
    this.most = Math.max(this.most, this.running)
    await new Promise((resolve) => setTimeout(resolve, 20))
    this.provided.push(key.toString())
    this.running--
  }
  async cancelReprovide(): Promise<void> {}
  // this router finds nothing: only provide is asked
  async *findProviders(): AsyncGenerator<never> {}
  async put(): Promise<void> {}
  async get(): Promise<Uint8Array> {
    throw new Error('not held')
  }
}

describe('providing followed logs', () => {
  let stop: (() => Promise<void>) | undefined
  afterEach(async () => {
    await stop?.()
  })

  it('provides a few logs at a time, each once, in the order followed', async () => {
    const router = new SlowRouter()
    const libp2p = await createLibp2p({ services: { router: () => router } })
    stop = async () => {
      await libp2p.stop()
    }
    const discovery = new Discovery({
      // Discovery asks only libp2p's routing and connections, not gossipsub
      libp2p: libp2p as unknown as SyncLibp2p,
      collective: 'test',
      logs: () => [],
    })
    const dids = Array.from({ length: 3 * PROVIDES_AT_ONCE }, (_, i) => `did:key:z6Mk${i}`)
    await Promise.all([...dids, ...dids].map((did) => discovery.provideLog(did)))
    expect(router.most).toBe(PROVIDES_AT_ONCE)
    const keys = await Promise.all(dids.map(async (did) => (await logKey(did)).toString()))
    expect(router.provided.toSorted()).toEqual(keys.toSorted())
    expect(router.provided).toHaveLength(dids.length)
    discovery.stop()
  })
})
