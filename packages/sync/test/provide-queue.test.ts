/**
 * A node that follows many organisations at once provides their logs, and searches for their
 * holders, a few at a time: each is a DHT walk, and a collective whose members all follow at
 * once would otherwise hold N·F walks at the same moment (the 50- to 200-node simulations'
 * follow phase).
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import {
  type ContentRouting,
  contentRoutingSymbol,
  type PeerId,
  type PeerInfo,
  type PeerRouting,
  type PrivateKey,
  type Provider,
  peerRoutingSymbol,
} from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { didFromEd25519PublicKey } from '@polder/schema'
import { createLibp2p, type Libp2p } from 'libp2p'
import type { CID } from 'multiformats/cid'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  collectiveKey,
  Discovery,
  type DiscoveryInit,
  logKey,
  PROVIDES_AT_ONCE,
  SEARCHES_AT_ONCE,
} from '../src/discovery.js'
import type { SyncLibp2p } from '../src/libp2p.js'

/**
 * A content and peer router in place of the DHT: each provide takes a while; it notes the
 * overlap, the provides, the renewals cancelled and the searches for a peer (which find nobody).
 */
class SlowRouter implements ContentRouting, PeerRouting {
  running = 0
  most = 0
  readonly provided: string[] = []
  readonly searched: string[] = []
  readonly cancelled: string[] = []
  readonly peerSearches: string[] = []
  /** Keys whose next provide fails (as kad-dht's does with no peers), once each. */
  readonly failOnce = new Set<string>()
  /** While set, every search waits for it: walks held up on a busy collective. */
  hold: Promise<void> | undefined
  readonly [contentRoutingSymbol] = this
  readonly [peerRoutingSymbol] = this

  async provide(key: CID): Promise<void> {
    if (this.failOnce.delete(key.toString())) throw new Error('no peers')
    this.running++
    this.most = Math.max(this.most, this.running)
    await new Promise((resolve) => setTimeout(resolve, 20))
    this.provided.push(key.toString())
    this.running--
  }
  async cancelReprovide(key: CID): Promise<void> {
    this.cancelled.push(key.toString())
  }
  async findPeer(peer: PeerId): Promise<PeerInfo> {
    this.peerSearches.push(peer.toString())
    await this.hold
    throw new Error('not found')
  }
  // a search that finds nobody
  async *getClosestPeers(): AsyncGenerator<PeerInfo> {}
  // a search takes a while and finds nobody
  async *findProviders(key: CID): AsyncGenerator<Provider> {
    await this.hold
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
  const stops: (() => Promise<void>)[] = []
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((stop) => stop()))
  })

  /** A libp2p node on TCP (loopback) whose only router is a {@link SlowRouter}, and its Discovery. */
  async function slowDiscovery(
    init: Partial<
      Pick<DiscoveryInit, 'logs' | 'logProvideTtlMs' | 'logProvideSpreadMs' | 'intervalMs'>
    > & { privateKey?: PrivateKey } = {},
  ): Promise<{ router: SlowRouter; discovery: Discovery; libp2p: Libp2p }> {
    const router = new SlowRouter()
    const { privateKey, ...rest } = init
    const libp2p = await createLibp2p({
      ...(privateKey === undefined ? {} : { privateKey }),
      addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
      transports: [tcp()],
      connectionEncrypters: [noise()],
      streamMuxers: [yamux()],
      services: { router: () => router },
    })
    const discovery = new Discovery({
      // Discovery asks only libp2p's routing and connections, not gossipsub
      libp2p: libp2p as unknown as SyncLibp2p,
      collective: 'test',
      logs: () => [],
      // no member search: the node is below target, and a search finds nobody here
      targetPeers: 0,
      ...rest,
    })
    stops.push(async () => {
      discovery.stop()
      await libp2p.stop()
    })
    return { router, discovery, libp2p }
  }

  /** An organisation's key and DID (its node's peer id is derived from it). */
  async function organisation(): Promise<{ privateKey: PrivateKey; did: string }> {
    const privateKey = await generateKeyPair('Ed25519')
    return { privateKey, did: didFromEd25519PublicKey(privateKey.publicKey.raw) }
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
      originDials: 0,
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
    const dids = [(await organisation()).did, (await organisation()).did]
    const [first, second] = await Promise.all(
      dids.map(async (did) => (await logKey(did)).toString()),
    )
    const collective = (await collectiveKey('test')).toString()
    const { router, discovery } = await slowDiscovery({
      logs: () => dids,
      logProvideSpreadMs: 0,
      intervalMs: 0,
    })
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
    const dids = [(await organisation()).did, (await organisation()).did]
    const { router, discovery } = await slowDiscovery({
      logs: () => dids,
      logProvideTtlMs: 0,
      logProvideSpreadMs: 0,
    })
    await discovery.round()
    await discovery.round()
    expect(router.provided).toHaveLength(2 * (1 + dids.length))
  })

  it('provides its own log at once and the followed ones each at its turn, not in a burst', async () => {
    const own = await organisation()
    const followed = [(await organisation()).did, (await organisation()).did]
    const keyOf = async (did: string) => (await logKey(did)).toString()
    const { router, discovery } = await slowDiscovery({
      privateKey: own.privateKey,
      logs: () => [own.did, ...followed],
      logProvideSpreadMs: 60 * 60_000,
    })
    await discovery.round()
    // the collective's key and the node's own log; the followed ones wait for their turn
    expect(router.provided.toSorted()).toEqual(
      [(await collectiveKey('test')).toString(), await keyOf(own.did)].toSorted(),
    )
    // a log held after its first pull waits for its turn too
    discovery.held(followed[0] as string)
    await discovery.round()
    expect(router.provided).not.toContain(await keyOf(followed[0] as string))
  })

  it('provides a log it held before it started at once, once, even after its turn was drawn', async () => {
    const followed = (await organisation()).did
    const { router, discovery } = await slowDiscovery({
      logs: () => [followed],
      logProvideSpreadMs: 60 * 60_000,
    })
    discovery.start()
    await discovery.round()
    const key = (await logKey(followed)).toString()
    expect(router.provided).not.toContain(key)
    discovery.held(followed, { heldBefore: true })
    await vi.waitFor(() => expect(router.provided).toContain(key), { timeout: 10_000 })
    // once: after its provide, it waits for the hour like any other
    discovery.held(followed, { heldBefore: true })
    await discovery.round()
    expect(router.provided.filter((provided) => provided === key)).toHaveLength(1)
  })

  it('provides the followed logs at their turns within the spread, once started', async () => {
    const followed = [(await organisation()).did, (await organisation()).did]
    const { router, discovery } = await slowDiscovery({ logProvideSpreadMs: 200 })
    discovery.start()
    for (const did of followed) discovery.held(did)
    const keys = await Promise.all(followed.map(async (did) => (await logKey(did)).toString()))
    await vi.waitFor(() => expect(router.provided.toSorted()).toEqual(keys.toSorted()), {
      timeout: 10_000,
    })
  })

  it('cancels the renewal of a log no longer held, and provides it no more', async () => {
    const followed = (await organisation()).did
    let logs = [followed]
    const { router, discovery } = await slowDiscovery({
      logs: () => logs,
      logProvideTtlMs: 0,
      logProvideSpreadMs: 0,
    })
    await discovery.round()
    const key = (await logKey(followed)).toString()
    expect(router.provided).toContain(key)
    logs = []
    await discovery.round()
    expect(router.cancelled).toEqual([key])
    expect(router.provided.filter((provided) => provided === key)).toHaveLength(1)
  })

  it("dials an organisation's node at the addresses it announced, without a DHT walk", async () => {
    const origin = await organisation()
    const { libp2p: originNode } = await slowDiscovery({ privateKey: origin.privateKey })
    const { router, discovery, libp2p } = await slowDiscovery()
    // what the announcer does with a signed announcement's addresses
    await libp2p.peerStore.merge(originNode.peerId, { multiaddrs: originNode.getMultiaddrs() })
    const found = await discovery.connectHolders(origin.did)
    expect(found.map(String)).toEqual([originNode.peerId.toString()])
    expect(router.peerSearches).toEqual([])
    expect(discovery.walks).toMatchObject({ originSearches: 0, originDials: 1, holderSearches: 0 })
  })

  it("dials an organisation's node at known addresses at once, not behind the walks under way", async () => {
    const origin = await organisation()
    const { libp2p: originNode } = await slowDiscovery({ privateKey: origin.privateKey })
    const { router, discovery, libp2p } = await slowDiscovery()
    let release = (): void => undefined
    router.hold = new Promise((resolve) => {
      release = resolve
    })
    // walks for organisations nobody knows: more than run at once, all held up
    const unknown = await Promise.all(
      Array.from({ length: 2 * SEARCHES_AT_ONCE }, async () => (await organisation()).did),
    )
    const walks = Promise.all(unknown.map((did) => discovery.connectHolders(did)))
    await libp2p.peerStore.merge(originNode.peerId, { multiaddrs: originNode.getMultiaddrs() })
    // released by the test only if the dial is still waiting then: the check below fails
    const timer = setTimeout(() => release(), 10_000)
    const found = await discovery.connectHolders(origin.did)
    const walksHeldUp = discovery.searchesWaiting
    clearTimeout(timer)
    release()
    await walks
    expect(found.map(String)).toEqual([originNode.peerId.toString()])
    expect(walksHeldUp).toBe(unknown.length)
  }, 30_000)
})
