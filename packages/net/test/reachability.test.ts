/**
 * Relay service and reachability on real libp2p nodes over loopback: a relay for members
 * only, a member that reserves a slot on it, one that reaches it over WebSocket, and a
 * stranger it refuses.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PeerId } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectionKind, createNetwork, type Network, type NetworkInit } from '../src/index.js'
import { localNetwork } from './local-network.js'
import { waitFor } from './wait-for.js'

describe('relay service and reachability', () => {
  let root: string
  const networks: Network[] = []
  const members = new Set<string>()
  const refused: { peer: string; reason: string }[] = []
  let relay: Network
  let a: Network
  let b: Network

  const start = async (name: string, init: Partial<NetworkInit>): Promise<Network> => {
    const network = await localNetwork(root, name, init)
    networks.push(network)
    return network
  }
  const addressOf = (network: Network, transport: 'tcp' | 'ws') =>
    network.libp2p
      .getMultiaddrs()
      .map(String)
      .find((a) => a.includes('/tcp/') && a.includes('/ws') === (transport === 'ws'))

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'polder-net-'))
    relay = await start('relay', {
      listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'],
      relay: {
        maxReservations: 4,
        dataLimitBytes: 1 << 20,
        durationLimitMs: 60_000,
        isMember: async (peer: PeerId) => members.has(peer.toString()),
        onRefused: (peer, reason) => refused.push({ peer: peer.toString(), reason }),
      },
    })
  })

  afterAll(async () => {
    await Promise.allSettled(networks.map((network) => network.stop()))
    await rm(root, { recursive: true, force: true })
  })

  it('gives a member a relayed address, and says it is reachable through that relay', async () => {
    const key = await generateKeyPair('Ed25519')
    const { peerIdFromPrivateKey } = await import('@libp2p/peer-id')
    members.add(peerIdFromPrivateKey(key).toString())
    a = await createNetwork({
      home: join(root, 'a'),
      privateKey: key,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      bootstrap: [`${addressOf(relay, 'tcp')}`],
      collective: 'test',
      mdns: false,
    })
    networks.push(a)
    const report = await waitFor(() => {
      const now = a.reachability.report()
      return now.relayedAddresses.length > 0 && now
    }, 'a relayed address')
    expect(report.reachability).toBe('relayed')
    expect(report.relays).toEqual([relay.libp2p.peerId.toString()])
    expect(report.relayedAddresses[0]).toMatch(
      new RegExp(`/p2p/${relay.libp2p.peerId}/p2p-circuit/p2p/${a.libp2p.peerId}$`),
    )
    // loopback is private: AutoNAT never calls it public
    expect(report.publicAddresses).toEqual([])
    expect(relay.reachability.report().relayedAddresses).toEqual([])
  })

  it('tells relayed, WebSocket and direct connections apart, and a direct one after a relayed one', async () => {
    const key = await generateKeyPair('Ed25519')
    const { peerIdFromPrivateKey } = await import('@libp2p/peer-id')
    members.add(peerIdFromPrivateKey(key).toString())
    b = await createNetwork({
      home: join(root, 'b'),
      privateKey: key,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      bootstrap: [],
      collective: 'test',
      mdns: false,
      useRelays: false,
    })
    networks.push(b)
    const toRelay = await b.libp2p.dial(multiaddr(`${addressOf(relay, 'ws')}`))
    expect(connectionKind(toRelay)).toBe('websocket')
    const circuit = a.reachability.report().relayedAddresses[0] ?? ''
    const relayed = await b.libp2p.dial(multiaddr(circuit))
    expect(connectionKind(relayed)).toBe('relayed')
    const toA = b.reachability
      .report()
      .connections.find((c) => c.peer === a.libp2p.peerId.toString())
    expect(toA).toMatchObject({ kind: 'relayed', limited: true, upgraded: false })
    expect(b.reachability.report().reachability).toBe('private')
    // a direct connection to a peer first met through the relay (what DCUtR makes)
    const direct = await b.libp2p.dial(multiaddr(`${addressOf(a, 'tcp')}`))
    expect(connectionKind(direct)).toBe('direct')
    const now = b.reachability.report()
    expect(now.connections.filter((c) => c.peer === a.libp2p.peerId.toString())).toContainEqual(
      expect.objectContaining({ kind: 'direct', limited: false, upgraded: true }),
    )
    expect(now.reachability).toBe('hole-punched')
  })

  it('refuses a reservation and a relayed connection to a peer that is not a member', async () => {
    const stranger = await start('stranger', { bootstrap: [`${addressOf(relay, 'tcp')}`] })
    const id = stranger.libp2p.peerId.toString()
    await waitFor(
      () => refused.find((r) => r.peer === id && r.reason === 'reservation: not a member'),
      'the refusal of the stranger',
    )
    expect(stranger.reachability.report().relayedAddresses).toEqual([])
    // nor may it reach, through the relay, a member that listens nowhere else
    const key = await generateKeyPair('Ed25519')
    const { peerIdFromPrivateKey } = await import('@libp2p/peer-id')
    const hidden = peerIdFromPrivateKey(key).toString()
    members.add(hidden)
    const c = await createNetwork({
      home: join(root, 'c'),
      privateKey: key,
      listen: [],
      bootstrap: [`${addressOf(relay, 'tcp')}`],
      collective: 'test',
      mdns: false,
      // c itself never dials the stranger (relay discovery dials peers it finds), so the
      // relayed dial below is the only way between them
      denyPeers: [id],
    })
    networks.push(c)
    const circuit = await waitFor(
      () => c.reachability.report().relayedAddresses[0],
      'a relayed address of the member that listens nowhere',
    )
    const reached = await stranger.libp2p.dial(multiaddr(circuit)).then(
      () => true,
      () => false,
    )
    expect(reached).toBe(false)
    expect(refused).toContainEqual({
      peer: id,
      reason: `relayed connection to ${hidden}: not a member`,
    })
  })
})
