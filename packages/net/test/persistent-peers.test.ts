/**
 * libp2p keeps its peer store and the DHT's provider records in the node's datastore: after
 * a restart a node still knows the addresses of the members it met (so it can dial them
 * when its bootstrap peers are down) and still answers for the records others provided.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { LevelDatastore } from 'datastore-level'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, describe, expect, it } from 'vitest'
import type { Network } from '../src/index.js'
import { localNetwork, plainLibp2p } from './local-network.js'

/** The tag kad-dht gives its closest peers (`KEEP_ALIVE_TAG` in kad-dht's constants). */
const DHT_KEEP_ALIVE = 'keep-alive-kad-dht'
/** A key as the DHT is given one (this package's multiformats 13 is Helia 6's; libp2p's is 14). */
type DhtKey = Parameters<Network['libp2p']['contentRouting']['provide']>[0]
const cid = CID.createV1(
  0x55,
  await sha256.digest(new TextEncoder().encode('a held log')),
) as unknown as DhtKey

/** A network's first listening address. */
function addressOf(network: Network) {
  const [address] = network.libp2p.getMultiaddrs()
  if (address === undefined) throw new Error('the network listens nowhere')
  return address
}

/** The providers of `cid` a network finds (its own records first, then its peers'). */
async function providersAt(network: Network): Promise<string[]> {
  const found: string[] = []
  const walk = network.libp2p.contentRouting.findProviders(cid, {
    signal: AbortSignal.timeout(2_000),
  })
  try {
    for await (const provider of walk) found.push(provider.id.toString())
  } catch {
    // the walk ends at the signal when no peer answers: what was found stands
  }
  return found
}

describe('the peer store and DHT records across a restart', () => {
  const roots: string[] = []
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true })
  })

  it('remembers a peer met and a record it was given after stopping and starting again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'polder-net-persist-'))
    roots.push(root)
    const keeperKey = await generateKeyPair('Ed25519')
    const keeper = await localNetwork(root, 'keeper', { privateKey: keeperKey })
    const member = await localNetwork(root, 'member')
    const memberAddresses: string[] = []
    try {
      await member.libp2p.dial(addressOf(keeper))
      // provided again until the keeper holds it: the member's DHT needs the keeper in its
      // routing table first (after identify)
      const deadline = Date.now() + 30_000
      while (!(await providersAt(keeper)).includes(member.libp2p.peerId.toString())) {
        if (Date.now() > deadline) throw new Error('the keeper never held the record')
        await member.libp2p.contentRouting.provide(cid).catch(() => undefined)
      }
    } finally {
      memberAddresses.push(
        ...member.libp2p.getMultiaddrs().map((address) => address.decapsulateCode(421).toString()),
      )
      await member.stop()
      await keeper.stop()
    }

    const again = await localNetwork(root, 'keeper', { privateKey: keeperKey })
    try {
      const known = await again.libp2p.peerStore.get(member.libp2p.peerId)
      expect(known.addresses.map((address) => address.multiaddr.toString())).toEqual(
        memberAddresses,
      )
      // no peer is connected: only the keeper's own records can answer
      expect(again.libp2p.getConnections()).toEqual([])
      expect(await providersAt(again)).toContain(member.libp2p.peerId.toString())
    } finally {
      await again.stop()
    }
  }, 60_000)

  it('dials the DHT neighbours it knew when it starts again, with no bootstrap peer', async () => {
    const root = await mkdtemp(join(tmpdir(), 'polder-net-persist-'))
    roots.push(root)
    const keeperKey = await generateKeyPair('Ed25519')
    const keeper = await localNetwork(root, 'keeper', { privateKey: keeperKey })
    const member = await localNetwork(root, 'member')
    try {
      await keeper.libp2p.dial(addressOf(member))
      // kad-dht tags its closest peers to be kept connected (and dialled again)
      const deadline = Date.now() + 30_000
      while (!(await keeper.libp2p.peerStore.get(member.libp2p.peerId)).tags.has(DHT_KEEP_ALIVE)) {
        if (Date.now() > deadline) throw new Error('kad-dht never tagged the member')
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      await keeper.stop()
      const again = await localNetwork(root, 'keeper', { privateKey: keeperKey })
      try {
        while (again.libp2p.getConnections(member.libp2p.peerId).length === 0) {
          if (Date.now() > deadline + 30_000)
            throw new Error('the restarted node never dialled the member')
          await new Promise((resolve) => setTimeout(resolve, 100))
        }
      } finally {
        await again.stop()
      }
    } finally {
      await member.stop()
      await keeper.stop()
    }
  }, 90_000)

  it('deletes at start a peer not seen within the expiry that nothing reads (untagged)', async () => {
    const root = await mkdtemp(join(tmpdir(), 'polder-net-persist-'))
    roots.push(root)
    const keeperKey = await generateKeyPair('Ed25519')
    const keeper = await localNetwork(root, 'keeper', { privateKey: keeperKey })
    // no DHT: kad-dht neither tags it nor reads it back at start
    const passer = await plainLibp2p()
    try {
      // the keeper stores the passer once identify has told it the passer's addresses
      const identified = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the keeper never identified it')), 10_000)
        keeper.libp2p.addEventListener('peer:identify', () => {
          clearTimeout(timer)
          resolve()
        })
      })
      await passer.dial(addressOf(keeper))
      await identified
      expect((await keeper.libp2p.peerStore.get(passer.peerId)).tags.size).toBe(0)
    } finally {
      await passer.stop()
      await keeper.stop()
    }
    const again = await localNetwork(root, 'keeper', {
      privateKey: keeperKey,
      peerExpiry: { addressAgeMs: 0, peerAgeMs: 0 },
    })
    // stop waits for the sweep
    await again.stop()
    const stored = new LevelDatastore(join(root, 'keeper', 'datastore'))
    await stored.open()
    const peers: string[] = []
    try {
      for await (const key of stored.queryKeys({ prefix: '/peers/' })) peers.push(key.toString())
    } finally {
      await stored.close()
    }
    // the keeper's own entry only
    expect(peers).toHaveLength(1)
  }, 60_000)
})
