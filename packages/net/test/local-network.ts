/** A node's network for tests: on loopback, a new key, no peers; `init` overrides any of it. */
import { mkdtemp, rm } from 'node:fs/promises'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Connection } from '@libp2p/interface'
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
