/**
 * A node that follows many organisations at once provides their logs, and searches for their
 * holders, a few at a time: each is a DHT walk, and a collective whose members all follow at
 * once would otherwise hold N·F walks at the same moment (the 50- to 200-node simulations'
 * follow phase).
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import { type ContentRouting, contentRoutingSymbol, type Provider } from '@libp2p/interface'
import { didFromEd25519PublicKey } from '@polder/schema'
import { createLibp2p } from 'libp2p'
import type { CID } from 'multiformats/cid'
import { afterEach, describe, expect, it } from 'vitest'
import {
  collectiveKey,
  Discovery,
  type DiscoveryInit,
  logKey,
  PROVIDES_AT_ONCE,
  SEARCHES_AT_ONCE,
} from '../src/discovery.js'
import type { SyncLibp2p } from '../src/libp2p.js'

/** A content router in place of the DHT: each provide takes a while; it notes the overlap. */
class SlowRouter implements ContentRouting {
  running = 0
  most = 0
  readonly provided: string[] = []
  readonly searched: string[] = []
  /** Keys whose next provide fails (as kad-dht's does with no peers), once each. */
  readonly failOnce = new Set<string>()
  readonly [contentRoutingSymbol] = this

  async provide(key: CID): Promise<void> {
    if (this.failOnce.delete(key.toString())) throw new Error('no peers')
    this.running++
    this.most = Math.max(this.most, this.running)
    await new Promise((resolve) => setTimeout(resolve, 20))
    this.provided.push(key.toString())
    this.running--
  }
  async cancelReprovide(): Promise<void> {}
  // a search takes a while and finds nobody
  async *findProviders(key: CID): AsyncGenerator<Provider> {
    this.running++
    this.most = Math.max(this.most, this.running)
    await new Promise((resolve) => setTimeout(resolve, 20))
    this.searched.push(key.toString())
    this.running--
  }
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

  /** A libp2p node whose only content router is a {@link SlowRouter}, and its Discovery. */
  async function slowDiscovery(
    init: Partial<Pick<DiscoveryInit, 'logs' | 'logProvideTtlMs'>> = {},
  ): Promise<{ router: SlowRouter; discovery: Discovery }> {
    const router = new SlowRouter()
    const libp2p = await createLibp2p({ services: { router: () => router } })
    const discovery = new Discovery({
      // Discovery asks only libp2p's routing and connections, not gossipsub
      libp2p: libp2p as unknown as SyncLibp2p,
      collective: 'test',
      logs: () => [],
      // no member search: the node is below target, and a search finds nobody here
      targetPeers: 0,
      ...init,
    })
    stop = async () => {
      discovery.stop()
      await libp2p.stop()
    }
    return { router, discovery }
  }

  it('provides a few logs at a time, each once, in the order followed', async () => {
    const { router, discovery } = await slowDiscovery()
    const dids = Array.from({ length: 3 * PROVIDES_AT_ONCE }, (_, i) => `did:key:z6Mk${i}`)
    await Promise.all([...dids, ...dids].map((did) => discovery.provideLog(did)))
    expect(router.most).toBe(PROVIDES_AT_ONCE)
    const keys = await Promise.all(dids.map(async (did) => (await logKey(did)).toString()))
    expect(router.provided.toSorted()).toEqual(keys.toSorted())
    expect(router.provided).toHaveLength(dids.length)
    expect(discovery.walks).toEqual({
      provides: dids.length,
      failedProvides: 0,
      provideErrors: {},
      memberSearches: 0,
      originSearches: 0,
      holderSearches: 0,
    })
  })

  it('searches for the holders of a few logs at a time, every one in the end', async () => {
    const { router, discovery } = await slowDiscovery()
    // organisations whose own nodes cannot be found: each search asks for the log's providers
    const dids = await Promise.all(
      Array.from({ length: 3 * SEARCHES_AT_ONCE }, async () =>
        didFromEd25519PublicKey((await generateKeyPair('Ed25519')).publicKey.raw),
      ),
    )
    const found = await Promise.all(dids.map((did) => discovery.connectHolders(did)))
    expect(found).toEqual(dids.map(() => []))
    expect(router.most).toBe(SEARCHES_AT_ONCE)
    const keys = await Promise.all(dids.map(async (did) => (await logKey(did)).toString()))
    expect(router.searched.toSorted()).toEqual(keys.toSorted())
    // each looked for the organisation's own node first, then for other holders
    expect(discovery.walks).toMatchObject({
      provides: 0,
      originSearches: dids.length,
      holderSearches: dids.length,
    })
  })

  it('provides a held log again only after its TTL, and again at once when it failed', async () => {
    const dids = ['did:key:z6MkA', 'did:key:z6MkB']
    const [first, second] = await Promise.all(
      dids.map(async (did) => (await logKey(did)).toString()),
    )
    const collective = (await collectiveKey('test')).toString()
    const { router, discovery } = await slowDiscovery({ logs: () => dids })
    router.failOnce.add(second as string)
    await discovery.round()
    await discovery.round()
    await discovery.round()
    // the collective's key every round; each log once, the one that failed in the next round
    expect(router.provided.filter((key) => key === collective)).toHaveLength(3)
    expect(router.provided.filter((key) => key === first)).toHaveLength(1)
    expect(router.provided.filter((key) => key === second)).toHaveLength(1)
    expect(discovery.walks).toMatchObject({
      provides: 3 + 3,
      failedProvides: 1,
      provideErrors: { Error: 1 },
    })
  })

  it('provides every held log in every round once their TTL is over', async () => {
    const dids = ['did:key:z6MkA', 'did:key:z6MkB']
    const { router, discovery } = await slowDiscovery({ logs: () => dids, logProvideTtlMs: 0 })
    await discovery.round()
    await discovery.round()
    expect(router.provided).toHaveLength(2 * (1 + dids.length))
  })
})
