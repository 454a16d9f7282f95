/**
 * A member lets go of bootstrap peers it no longer needs (bootstrap-release.ts), on real
 * libp2p nodes over loopback: before, it kept every bootstrap connection for good, and a
 * bootstrap peer of a collective of 300 members refused every newcomer.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BootstrapRelease } from '../src/bootstrap-release.js'
import { createNetwork, type Network, type NetworkInit } from '../src/index.js'
import { waitFor } from './wait-for.js'

describe('bootstrap release', () => {
  let root: string
  const networks: Network[] = []

  const start = async (name: string, init: Partial<NetworkInit> = {}): Promise<Network> => {
    const network = await createNetwork({
      home: join(root, name),
      privateKey: await generateKeyPair('Ed25519'),
      listen: ['/ip4/127.0.0.1/tcp/0'],
      bootstrap: [],
      collective: 'test',
      mdns: false,
      ...init,
    })
    networks.push(network)
    return network
  }
  const addressOf = (network: Network) =>
    `${network.libp2p.getMultiaddrs().find((a) => a.toString().includes('/tcp/') && !a.toString().includes('p2p-circuit'))}`
  const connected = (from: Network, to: Network) =>
    from.libp2p.getConnections(to.libp2p.peerId).length > 0

  const forgetKadCloseness = async (network: Network, peers: Network[]) => {
    for (const peer of peers)
      await network.libp2p.peerStore.merge(peer.libp2p.peerId, {
        tags: { 'kad-close': undefined, 'keep-alive-kad-dht': undefined },
      })
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-net-release-'))
  })

  afterAll(async () => {
    await Promise.allSettled(networks.map((network) => network.stop()))
    await rm(root, { recursive: true, force: true })
  })

  it('closes bootstrap connections once it has enough others, but not the relay it holds a reservation on', async () => {
    const relay = await start('relay', {
      relay: {
        maxReservations: 4,
        dataLimitBytes: 1 << 20,
        durationLimitMs: 60_000,
        isMember: async () => true,
      },
    })
    const plain = await start('plain')
    const others = [await start('c'), await start('d')]
    const bootstrap = [addressOf(relay), addressOf(plain)]
    // its own release off (0): this test drives one by hand
    const member = await start('member', { bootstrap, targetPeers: 0 })
    const release = new BootstrapRelease({ libp2p: member.libp2p, bootstrap, enough: 2 })
    await waitFor(
      () => member.reachability.report().relayedAddresses.length > 0,
      'a reservation on the relay',
    )
    await waitFor(() => connected(member, plain), 'connected to both bootstrap peers')

    // no other peer yet: the bootstrap peers are all it has
    expect(await release.check()).toBe(0)
    expect(connected(member, plain)).toBe(true)

    for (const other of others) await member.libp2p.dial(multiaddr(addressOf(other)))
    // kad-dht keeps its 20 XOR-closest peers connected (a keep-alive tag), and among five
    // nodes everyone is: in a collective of hundreds a bootstrap peer is among few members'
    await forgetKadCloseness(member, [relay, plain])
    expect(await release.check()).toBe(1)
    await waitFor(() => !connected(member, plain), 'the plain bootstrap peer let go')
    // the relay it holds a reservation on stays, and so do the others
    expect(connected(member, relay)).toBe(true)
    for (const other of others) expect(connected(member, other)).toBe(true)
    expect(await release.check()).toBe(0)
  }, 60_000)

  it('keeps its bootstrap peers when told to (0: a node that relies on them alone)', async () => {
    const plain = await start('plain-2')
    const others = [await start('e'), await start('f')]
    const bootstrap = [addressOf(plain)]
    const member = await start('member-2', { bootstrap, targetPeers: 0, useRelays: false })
    await waitFor(() => connected(member, plain), 'connected to the bootstrap peer')
    for (const other of others) await member.libp2p.dial(multiaddr(addressOf(other)))
    expect(
      await new BootstrapRelease({ libp2p: member.libp2p, bootstrap, enough: 0 }).check(),
    ).toBe(0)
    expect(connected(member, plain)).toBe(true)
  }, 60_000)
})
