/**
 * What a copy's sync state says when it holds nothing: `unknown` while no peer has told its
 * heads (a holder a search named is only a guess), `complete` once a holder's answer said the
 * log is empty. Real libp2p nodes (the network package's), real stores in temp dirs.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PeerId } from '@libp2p/interface'
import { createNetwork, type Network } from '@polder/net'
import type { Store } from '@polder/store'
import { openStore, practice } from '@polder/store/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { Replicator, type ReplicatorInit } from '../src/replicator.js'

const COLLECTIVE = 'test'

describe('the sync state of a copy that holds nothing', () => {
  const stops: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop()
  })

  async function tempHome(): Promise<string> {
    const home = await mkdtemp(join(tmpdir(), 'polder-sync-state-'))
    stops.push(() => rm(home, { recursive: true, force: true }))
    return home
  }

  /** A running node: a store, a network and a replicator (`findHolders` as given). */
  async function node(
    findHolders?: ReplicatorInit['findHolders'],
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
    const replicator = new Replicator({
      store,
      libp2p: network.libp2p,
      collective: COLLECTIVE,
      ...(findHolders === undefined ? {} : { findHolders }),
    })
    await replicator.start()
    stops.push(async () => {
      await replicator.stop()
      await network.stop()
      await store.stop()
    })
    return { store, network, replicator }
  }

  it('is unknown when only a search named a holder, gone before it was asked', async () => {
    const origin = await openStore(await tempHome())
    stops.push(() => origin.stop())
    await origin.publish(practice(0))
    const gone = await node()
    const goneId: PeerId = gone.network.libp2p.peerId
    await gone.network.stop()
    const follower = await node(async () => [goneId])
    await follower.store.addReadOnlyLog(origin.did)
    await follower.replicator.sync(origin.did, { check: true })
    const status = await follower.replicator.statusOf(origin.did)
    expect(status).toMatchObject({ records: 0, holders: [goneId.toString()] })
    expect(status.state).toBe('unknown')
  }, 60_000)

  it("is complete once a holder's answer said the log is empty", async () => {
    const origin = await openStore(await tempHome())
    stops.push(() => origin.stop())
    await origin.publish(practice(0))
    // a follower of the organisation that holds none of its records yet
    const holder = await node()
    await holder.store.addReadOnlyLog(origin.did)
    const follower = await node(async () => [holder.network.libp2p.peerId])
    await follower.network.libp2p.dial(holder.network.libp2p.getMultiaddrs())
    await follower.store.addReadOnlyLog(origin.did)
    await follower.replicator.sync(origin.did, { check: true })
    const status = await follower.replicator.statusOf(origin.did)
    expect(status).toMatchObject({ records: 0, holders: [holder.network.libp2p.peerId.toString()] })
    expect(status.state).toBe('complete')
  }, 60_000)
})
