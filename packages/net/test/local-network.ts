/** A node's network for tests: on loopback, a new key, no peers; `init` overrides any of it. */
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
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
