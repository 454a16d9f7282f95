/**
 * What answering other nodes' DHT walks costs a node, whatever they send: every peer's record
 * decoded once for many answers, not once an answer, and at most a few answers in the making
 * across all connections, a bounded number of requests waiting and the rest refused, while
 * the answers stay right and the node answers pings. Real nodes; requests sent on the wire as
 * kad-dht's walks send them (`dht-wire.ts`).
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Peer, PeerId } from '@libp2p/interface'
import type { SingleKadDHT } from '@libp2p/kad-dht'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { askDht, type DhtMessage, FIND_NODE, GET_PROVIDERS } from '../src/dht-wire.js'
import type { Network } from '../src/index.js'
import { dhtProtocol } from '../src/network.js'
import { localNetwork } from './local-network.js'
import { waitFor } from './wait-for.js'

const AT_ONCE = 2
const WAITING = 6
const protocol = dhtProtocol('test')

const idsOf = (answer: DhtMessage | undefined) =>
  (answer?.closer ?? []).map((peer) => Buffer.from(peer.id).toString('hex')).sort()

const hexId = (network: Network) =>
  Buffer.from(network.libp2p.peerId.toMultihash().bytes).toString('hex')

/** Replaces libp2p's own peer store's `get` (what every read of it comes to) for a test. */
function onPeerStoreGet(
  network: Network,
  wrap: (
    get: (id: PeerId) => Promise<Peer>,
  ) => (id: PeerId, options?: { signal?: AbortSignal }) => Promise<Peer>,
): () => void {
  const store = network.libp2p.peerStore
  const get = store.get
  store.get = wrap(get.bind(store))
  return () => {
    store.get = get
  }
}

describe('the DHT answering other nodes', () => {
  let root: string
  let server: Network
  let askers: Network[] = []

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-dht-serving-'))
    server = await localNetwork(root, 'server', {
      dhtAnswers: { atOnce: AT_ONCE, waiting: WAITING },
    })
    askers = await Promise.all(['a', 'b', 'c', 'd'].map((name) => localNetwork(root, name)))
    for (const asker of askers) await asker.libp2p.dial(server.libp2p.getMultiaddrs())
    const table = (server.libp2p.services.dht as unknown as SingleKadDHT).routingTable
    await waitFor(() => table.size >= askers.length, 'the askers in the routing table')
  })

  afterAll(async () => {
    await Promise.allSettled([server, ...askers].map((network) => network?.stop()))
    await rm(root, { recursive: true, force: true })
  })

  it('decodes each peer once for many answers, and answers a changed peer anew', async () => {
    const [asker, changed] = askers
    if (asker === undefined || changed === undefined) throw new Error('no askers')
    const others = askers
      .filter((peer) => peer !== asker)
      .map(hexId)
      .sort()
    const askersById = new Set(askers.map((peer) => peer.libp2p.peerId.toString()))
    let reads = 0
    const restore = onPeerStoreGet(server, (get) => async (id) => {
      if (askersById.has(id.toString())) reads++
      return get(id)
    })
    try {
      for (let i = 0; i < 100; i++) {
        const answer = await askDht(asker.libp2p, server.libp2p.peerId, protocol, {
          type: FIND_NODE,
          key: randomBytes(32),
        })
        expect(idsOf(answer)).toEqual(others)
        expect(answer?.closer.every((peer) => peer.multiaddrs.length > 0)).toBe(true)
      }
      // 300 peers answered: one read of each of the three, not one each time
      expect(reads).toBeLessThanOrEqual(others.length * 2)

      const moved = multiaddr('/ip4/10.9.8.7/tcp/4001')
      await server.libp2p.peerStore.merge(changed.libp2p.peerId, { multiaddrs: [moved] })
      const answer = await askDht(asker.libp2p, server.libp2p.peerId, protocol, {
        type: FIND_NODE,
        key: randomBytes(32),
      })
      const entry = answer?.closer.find(
        (peer) => Buffer.from(peer.id).toString('hex') === hexId(changed),
      )
      expect(entry?.multiaddrs.map((bytes) => multiaddr(bytes).toString())).toContain(
        moved.toString(),
      )
    } finally {
      restore()
    }
  })

  it('counts the requests it is sent by their type', async () => {
    const [asker] = askers
    if (asker === undefined) throw new Error('no askers')
    // the askers' own walks may ask the server too: the counts grow by at least what was sent
    const before = { ...server.dhtServing.requests }
    for (let i = 0; i < 5; i++)
      await askDht(asker.libp2p, server.libp2p.peerId, protocol, {
        type: FIND_NODE,
        key: randomBytes(32),
      })
    for (let i = 0; i < 3; i++)
      await askDht(asker.libp2p, server.libp2p.peerId, protocol, {
        type: GET_PROVIDERS,
        // kad-dht reads a provider key as a multihash
        key: (await sha256.digest(randomBytes(8))).bytes,
      })
    const after = server.dhtServing.requests
    expect((after.FIND_NODE ?? 0) - (before.FIND_NODE ?? 0)).toBeGreaterThanOrEqual(5)
    expect((after.GET_PROVIDERS ?? 0) - (before.GET_PROVIDERS ?? 0)).toBeGreaterThanOrEqual(3)
    expect(Object.keys(after).every((type) => /^[A-Z_]+$/.test(type))).toBe(true)
  })

  it('makes a few answers at once, holds a few waiting, refuses the rest, and answers what it held', async () => {
    // each request asks for a peer the server does not know: its answer reads that peer from
    // libp2p's store first, where it is held until released
    const targets = await Promise.all(
      Array.from({ length: 16 }, async () =>
        peerIdFromPrivateKey(await generateKeyPair('Ed25519')),
      ),
    )
    const targetIds = new Set(targets.map((id) => id.toString()))
    // reads of an asked peer that began: one per answer in the making
    let held = 0
    let release: (() => void) | undefined
    const released = new Promise<void>((resolve) => {
      release = resolve
    })
    const restore = onPeerStoreGet(server, (get) => async (id) => {
      if (targetIds.has(id.toString())) {
        held++
        await released
      }
      return get(id)
    })
    try {
      const asked = targets.map((target, i) => {
        const asker = askers[i % askers.length] as Network
        return askDht(asker.libp2p, server.libp2p.peerId, protocol, {
          type: FIND_NODE,
          key: target.toMultihash().bytes,
        }).then(
          (answer) => ({ asker, answer }),
          () => undefined,
        )
      })
      // the askers' own walks may ask the server meanwhile: they wait or are refused too, so the
      // counts of the flood are bounds, and those of the held answers exact
      const serving = server.dhtServing
      await waitFor(
        () =>
          held > AT_ONCE ||
          (serving.waiting === WAITING && serving.refused >= 16 - AT_ONCE - WAITING),
        'the server to answer, hold or refuse every request',
      )
      expect(held).toBe(AT_ONCE)
      expect(serving.answering).toBe(AT_ONCE)
      // the node answers other protocols meanwhile
      expect(
        await askers[0]?.libp2p.services.ping.ping(server.libp2p.peerId),
      ).toBeGreaterThanOrEqual(0)

      release?.()
      const outcomes = await Promise.all(asked)
      const answered = outcomes.filter((outcome) => outcome !== undefined)
      expect(answered.length).toBeGreaterThanOrEqual(AT_ONCE)
      expect(answered.length).toBeLessThanOrEqual(AT_ONCE + WAITING)
      for (const { asker, answer } of answered) {
        const others = askers
          .filter((peer) => peer !== asker)
          .map(hexId)
          .sort()
        expect(idsOf(answer)).toEqual(others)
      }
      expect(held).toBe(answered.length)
      expect(serving.mostAtOnce).toBe(AT_ONCE)
    } finally {
      release?.()
      restore()
    }
  })
})
