/**
 * A node whose bootstrap peer was not there when it started, or that lost every
 * connection, dials its bootstrap peers again (bootstrap-redial.ts): before, it stayed
 * alone, since libp2p's bootstrap module dials once and discovery needs a connected peer.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { afterAll, describe, expect, it } from 'vitest'
import { createNetwork, type Network } from '../src/index.js'

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        resolve(typeof address === 'object' && address !== null ? address.port : 0),
      )
    })
  })

/** Resolves once `condition` holds (checked every 100 ms); rejects after `ms`. */
function until(condition: () => boolean, what: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (!condition()) return
      clearInterval(timer)
      clearTimeout(timeout)
      resolve()
    }, 100)
    const timeout = setTimeout(() => {
      clearInterval(timer)
      reject(new Error(`${what}: not within ${ms} ms`))
    }, ms)
  })
}

const connectedTo = (network: Network, peer: Network) =>
  until(
    () => network.libp2p.getConnections(peer.libp2p.peerId).length > 0,
    'connected to the bootstrap peer',
    30_000,
  )

describe('bootstrap redial', () => {
  const roots: string[] = []
  const networks: Network[] = []
  afterAll(async () => {
    for (const network of networks) await network.stop().catch(() => undefined)
    for (const root of roots) await rm(root, { recursive: true, force: true })
  })

  const start = async (key: Ed25519PrivateKey, listen: string[], bootstrap: string[]) => {
    const home = await mkdtemp(join(tmpdir(), 'polder-net-redial-'))
    roots.push(home)
    const network = await createNetwork({
      home,
      privateKey: key,
      listen,
      bootstrap,
      collective: 'test',
      mdns: false,
    })
    networks.push(network)
    return network
  }

  it('connects to a bootstrap peer that came up after the node, and again after losing it', async () => {
    const port = await freePort()
    const relayKey = await generateKeyPair('Ed25519')
    const listen = [`/ip4/127.0.0.1/tcp/${port}`]
    // the bootstrap peer's address, learned from a first start; then it goes away
    let relay = await start(relayKey, listen, [])
    const address = `${listen[0]}/p2p/${relay.libp2p.peerId}`
    await relay.stop()

    const member = await start(
      await generateKeyPair('Ed25519'),
      ['/ip4/127.0.0.1/tcp/0'],
      [address],
    )
    // the bootstrap module's one dial (after a second) finds nobody
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    expect(member.libp2p.getConnections()).toHaveLength(0)
    // its first redial (after 5 s) fails too, and says why: what an operator reads of a lone node
    await until(() => (member.bootstrapRedials?.rounds ?? 0) > 0, 'a redial', 15_000)
    const { failures, lastFailure } = member.bootstrapRedials ?? {}
    expect(Object.values(failures ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    expect(lastFailure).toEqual(expect.any(String))

    relay = await start(relayKey, listen, [])
    await connectedTo(member, relay)

    // every connection lost: dialled again once the bootstrap peer is back
    await relay.stop()
    await until(() => member.libp2p.getConnections().length === 0, 'disconnected', 10_000)
    relay = await start(relayKey, listen, [])
    await connectedTo(member, relay)
  }, 90_000)
})
