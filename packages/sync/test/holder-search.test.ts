/**
 * A follower whose organisation's node is offline finds the log's other holders: those it
 * heard of on gossip are dialled at once, even within the DHT search's cooldown, and a
 * copy that holds nothing is not reported complete because a search named a holder.
 * Real libp2p nodes (the network package's), real stores in temp dirs.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PeerId } from '@libp2p/interface'
import { createNetwork, type Network } from '@polder/net'
import type { Store } from '@polder/store'
import { openStore, ownSegment, practice } from '@polder/store/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { Discovery } from '../src/discovery.js'
import { Replicator, type ReplicatorInit } from '../src/replicator.js'

const COLLECTIVE = 'test'

describe('finding the holders of a log whose organisation is offline', () => {
  const stops: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop()
  })

  async function tempHome(): Promise<string> {
    const home = await mkdtemp(join(tmpdir(), 'polder-holder-search-'))
    stops.push(() => rm(home, { recursive: true, force: true }))
    return home
  }

  /** An organisation with a few records whose node is not running: only its store exists. */
  async function offlineOrganisation(): Promise<Store> {
    const store = await openStore(await tempHome())
    stops.push(() => store.stop())
    for (let i = 0; i < 3; i++) await store.publish(practice(i))
    return store
  }

  /** A running node: a store, a network and a replicator (`findHolders` as given). */
  async function node(
    findHolders?: (node: {
      network: Network
      discovery: Discovery
    }) => ReplicatorInit['findHolders'],
  ): Promise<{ store: Store; network: Network; replicator: Replicator }> {
    const home = await tempHome()
    const store = await openStore(join(home, 'store'))
    const network = await createNetwork({
      home: join(home, 'net'),
      privateKey: await generateKeyPair('Ed25519'),
      listen: ['/ip4/127.0.0.1/tcp/0'],
      bootstrap: [],
      collective: COLLECTIVE,
      mdns: false,
    })
    const discovery = new Discovery({
      libp2p: network.libp2p,
      collective: COLLECTIVE,
      logs: () => [],
    })
    const replicator = new Replicator({
      store,
      libp2p: network.libp2p,
      collective: COLLECTIVE,
      findHolders: findHolders?.({ network, discovery }),
    })
    await replicator.start()
    stops.push(async () => {
      discovery.stop()
      await replicator.stop()
      await network.stop()
      await store.stop()
    })
    return { store, network, replicator }
  }

  it('dials a holder heard of on gossip at once, within the DHT search cooldown', async () => {
    const organisation = await offlineOrganisation()
    const did = organisation.did
    // a follower that replicated the log before (it serves it)
    const holder = await node()
    await holder.store.addReadOnlyLog(did)
    await holder.store.joinSegment(did, await ownSegment(organisation))
    const follower = await node(
      ({ discovery }) =>
        (searched, known, options) =>
          discovery.connectHolders(searched, { known, walk: options.walk }),
    )
    await follower.store.addReadOnlyLog(did)
    // its first sync searches (origin unknown, no DHT peer: nothing found) and starts the cooldown
    await follower.replicator.sync(did, { check: true })
    expect(follower.store.count(did)).toBe(0)
    // then the holder's `pulled` digest: its heads, its addresses known (its announcement)
    await follower.network.libp2p.peerStore.merge(holder.network.libp2p.peerId, {
      multiaddrs: holder.network.libp2p.getMultiaddrs(),
    })
    follower.replicator.heard(did, holder.network.libp2p.peerId, await organisation.heads(did))
    await follower.replicator.sync(did)
    expect(follower.store.count(did)).toBe(3)
    expect((await follower.replicator.statusOf(did)).state).toBe('complete')
  }, 60_000)

  it('reports a copy that holds nothing as unknown when only a search named a holder', async () => {
    const { did } = await offlineOrganisation()
    // a holder a search found, gone before it could be asked
    const gone = await node()
    const goneId: PeerId = gone.network.libp2p.peerId
    await gone.network.stop()
    const follower = await node(() => async () => [goneId])
    await follower.store.addReadOnlyLog(did)
    await follower.replicator.sync(did, { check: true })
    const status = await follower.replicator.statusOf(did)
    expect(status).toMatchObject({ records: 0, holders: [goneId.toString()] })
    expect(status.state).toBe('unknown')
  }, 60_000)
})
