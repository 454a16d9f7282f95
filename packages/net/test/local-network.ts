/** A node's network for tests: on loopback, a new key, no peers; `init` overrides any of it. */
import { mkdtemp, rm } from 'node:fs/promises'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { type Identify, identify } from '@libp2p/identify'
import type { Connection } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { createLibp2p, type Libp2p, type Libp2pOptions } from 'libp2p'
import { createNetwork, type Network, type NetworkInit } from '../src/index.js'

export async function localNetwork(
  root: string,
  name: string,
  init: Partial<NetworkInit> = {},
): Promise<Network> {
  return createNetwork({
    home: join(root, name),
    privateKey: await generateKeyPair('Ed25519'),
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: [],
    collective: 'test',
    mdns: false,
    ...init,
  })
}

/** Loopback networks started in one temp dir, and what stops them all. */
export interface LocalNetworks {
  /** Starts a network named `name` (its home under the temp dir). */
  start(name: string, init?: Partial<NetworkInit>): Promise<Network>
  /** Stops every network started, and whatever `also` holds, and removes the temp dir. */
  stop(also?: readonly { stop(): void | Promise<void> }[]): Promise<void>
}

export async function localNetworks(prefix: string): Promise<LocalNetworks> {
  const root = await mkdtemp(join(tmpdir(), prefix))
  const started: Network[] = []
  return {
    async start(name, init = {}) {
      const network = await localNetwork(root, name, init)
      started.push(network)
      return network
    },
    async stop(also = []) {
      await Promise.allSettled([...started, ...also].map(async (node) => node.stop()))
      await rm(root, { recursive: true, force: true })
    },
  }
}

/**
 * A libp2p node with no code of ours: TCP on loopback, noise, yamux and identify, as
 * libp2p's own examples assemble it, with `transports` beside TCP. A peer of another build
 * or implementation, or one speaking a protocol by hand.
 */
export async function plainLibp2p(
  transports: NonNullable<Libp2pOptions['transports']> = [],
): Promise<Libp2p<{ identify: Identify }>> {
  return createLibp2p({
    addresses: { listen: ['/ip4/127.0.0.1/tcp/0'] },
    transports: [tcp(), ...transports],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    services: { identify: identify() },
  })
}

/** Two loopback networks, not yet connected, with their homes in one temp dir. */
export interface NetworkPair {
  a: Network
  b: Network
  /** Stops both and removes their homes. */
  stop(): Promise<void>
}

export async function networkPair(
  name: string,
  initA: Partial<NetworkInit> = {},
  initB: Partial<NetworkInit> = {},
): Promise<NetworkPair> {
  const root = await mkdtemp(join(tmpdir(), `polder-${name}-`))
  const a = await localNetwork(root, 'a', initA)
  const b = await localNetwork(root, 'b', initB).catch(async (error: unknown) => {
    await a.stop()
    throw error
  })
  return {
    a,
    b,
    async stop() {
      await Promise.all([a.stop(), b.stop()])
      await rm(root, { recursive: true, force: true })
    },
  }
}

/**
 * libp2p's connection keeps its muxer and its raw connection in fields its interface leaves
 * out; yamux's `rtt` is -1 until one of its pings is answered, then the last one's round trip,
 * and `keepAlive` holds its keep-alive's repeating task when it runs one.
 */
export const connectionInternals = (connection: Connection) =>
  connection as unknown as {
    muxer: { rtt: number; keepAlive?: unknown }
    maConn: { socket: Socket }
  }
