/** Polder nodes on the hosts of a small internet of network namespaces (see @polder/testnet's netns.ts). */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type NetnsHost, netnsUnavailable, SmallInternet, TestNode, waitFor } from '@polder/testnet'
import { afterAll, beforeAll } from 'vitest'

export const TCP_PORT = 4011
export const WS_PORT = 4012

/**
 * Why these tests cannot run here, or undefined. Outside CI they skip with this hint; in
 * CI (which runs as root) they must run, so there it is thrown.
 */
export function skipReason(): string | undefined {
  const missing = netnsUnavailable()
  if (missing === undefined) return undefined
  if (process.env.CI !== undefined) throw new Error(`CI must run the network tests: ${missing}`)
  console.warn(
    `tests/network skipped: a small internet of network namespaces ${missing}; run as root (CI does)`,
  )
  return missing
}

/** Data directories of the nodes of one test file, removed at the end. */
export class Homes {
  #root: string | undefined
  async dir(name: string): Promise<string> {
    this.#root ??= await mkdtemp(join(tmpdir(), 'polder-netns-'))
    return join(this.#root, name)
  }
  async remove(): Promise<void> {
    if (this.#root !== undefined) await rm(this.#root, { recursive: true, force: true })
  }
}

/** A node on `host`: libp2p on its own address (TCP and WebSocket), its API on the management link. */
export async function nodeOn(
  host: NetnsHost,
  homes: Homes,
  env: Record<string, string> = {},
): Promise<TestNode> {
  const node = new TestNode(host.name, await homes.dir(host.name), {
    command: host.command,
    host: host.ip,
    startTimeoutMs: 60_000,
    env: {
      POLDER_API: `${host.managementIp}:7878`,
      POLDER_LISTEN: `/ip4/${host.ip}/tcp/${TCP_PORT},/ip4/${host.ip}/tcp/${WS_PORT}/ws`,
      POLDER_SYNC_INTERVAL: '2',
      ...env,
    },
  })
  await node.start()
  return node
}

/**
 * The small internet of one test file and the nodes started on it: `dispose` stops every
 * node, removes the namespaces and the nodes' homes.
 */
export class Testbed {
  readonly internet: SmallInternet
  readonly #homes = new Homes()
  readonly #nodes: TestNode[] = []

  private constructor(internet: SmallInternet) {
    this.internet = internet
  }

  static async create(): Promise<Testbed> {
    return new Testbed(await SmallInternet.create())
  }

  /** A node on `host` (see `nodeOn`), stopped by `dispose`. */
  async node(host: NetnsHost, env: Record<string, string> = {}): Promise<TestNode> {
    const node = await nodeOn(host, this.#homes, env)
    this.#nodes.push(node)
    return node
  }

  /** A relay on a public host named `name`, and the bootstrap address that reaches it. */
  async relay(
    name = 'relay',
    env: Record<string, string> = {},
  ): Promise<{ host: NetnsHost; node: TestNode; bootstrap: string }> {
    const host = await this.internet.publicHost(name)
    const node = await this.node(host, { POLDER_RELAY: 'true', ...env })
    return { host, node, bootstrap: `/ip4/${host.ip}/tcp/${TCP_PORT}/p2p/${node.peerId}` }
  }

  async dispose(): Promise<void> {
    await Promise.allSettled(this.#nodes.map((node) => node.stop()))
    await this.internet.dispose()
    await this.#homes.remove()
  }
}

/**
 * Called in a `describe`: one Testbed with a relay for its tests, and `member`, a node
 * behind a home router's NAT of its own that bootstraps from the relay, with `env`.
 */
export function relayedMembers(env: Record<string, string> = {}): {
  member(name: string): Promise<TestNode>
} {
  let testbed: Testbed | undefined
  let bootstrap = ''
  beforeAll(async () => {
    testbed = await Testbed.create()
    ;({ bootstrap } = await testbed.relay())
  }, 180_000)
  afterAll(async () => {
    await testbed?.dispose()
  }, 60_000)
  return {
    async member(name) {
      if (testbed === undefined) throw new Error('the testbed did not start')
      const host = await testbed.internet.homeHost(name, { nat: 'port-preserving' })
      return testbed.node(host, { POLDER_BOOTSTRAP: bootstrap, ...env })
    },
  }
}

/** The node's addresses now (relayed ones appear once it holds a reservation). */
export async function addressesOf(node: TestNode): Promise<string[]> {
  return (await node.client.getStatus()).addresses
}

/** Waits until `node` holds a reservation on a relay: it has a `/p2p-circuit` address. */
export async function relayedAddress(node: TestNode, timeoutMs = 60_000): Promise<string> {
  return waitFor(async () => (await addressesOf(node)).find((a) => a.includes('/p2p-circuit')), {
    timeoutMs,
    what: `a relayed address of ${node.name}`,
  })
}

/** `node`'s open connections to `peer`, by remote address. */
export async function connectionsTo(node: TestNode, peer: TestNode): Promise<string[]> {
  const { peers } = await node.client.listPeers()
  return peers.filter((p) => p.peerId === peer.peerId).map((p) => p.address)
}
