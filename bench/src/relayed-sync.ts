/**
 * Cold sync through a relay: on a small internet of network namespaces (@polder/testnet's
 * SmallInternet), a follower behind one NAT follows a publisher behind another; they
 * reach each other only through a public relay. Timed from the follow until every record
 * is applied, as the loopback cold sync is. Needs root (ip netns, nftables).
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { type NetnsHost, netnsUnavailable, SmallInternet, TestNode } from '@polder/testnet'
import { fillOneByOne, tempHome } from './store.ts'

export interface RelayedSyncFigures {
  readonly seconds: number
  readonly recordsPerSecond: number
  /** How the follower was connected to the publisher at the end, by remote address. */
  readonly connections: readonly string[]
}

const node = (host: NetnsHost, home: string, env: Record<string, string>) =>
  new TestNode(host.name, home, {
    command: host.command,
    host: host.ip,
    startTimeoutMs: 120_000,
    env: {
      POLDER_API: `${host.managementIp}:7878`,
      POLDER_LISTEN: `/ip4/${host.ip}/tcp/4011`,
      // a long repair interval: only the follow itself may start the sync
      POLDER_SYNC_INTERVAL: '600',
      ...env,
    },
  })

async function until(check: () => Promise<boolean>, what: string, timeoutMs: number) {
  const deadline = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** `{ skipped }` with the reason where namespaces cannot be made (not root). */
export async function relayedSync(
  count: number,
): Promise<RelayedSyncFigures | { skipped: string }> {
  const missing = netnsUnavailable()
  if (missing !== undefined) return { skipped: missing }
  const root = await tempHome()
  const internet = await SmallInternet.create()
  const nodes: TestNode[] = []
  try {
    const publisherHome = join(root, 'publisher')
    await fillOneByOne(publisherHome, count)
    const relayHost = await internet.publicHost('relay')
    const relay = node(relayHost, join(root, 'relay'), { POLDER_RELAY: 'true' })
    nodes.push(relay)
    await relay.start()
    const bootstrap = { POLDER_BOOTSTRAP: `/ip4/${relayHost.ip}/tcp/4011/p2p/${relay.peerId}` }
    const publisher = node(
      await internet.homeHost('publisher', { nat: 'port-preserving' }),
      publisherHome,
      bootstrap,
    )
    const follower = node(
      await internet.homeHost('follower', { nat: 'port-preserving' }),
      join(root, 'follower'),
      bootstrap,
    )
    nodes.push(publisher, follower)
    await Promise.all([publisher.start(), follower.start()])
    const relayed = async (n: TestNode) =>
      (await n.client.getStatus()).addresses.some((a) => a.includes('/p2p-circuit'))
    await until(() => relayed(publisher), 'a relay reservation of the publisher', 120_000)
    await until(() => relayed(follower), 'a relay reservation of the follower', 120_000)
    const start = performance.now()
    await follower.follow(publisher)
    await until(
      async () => (await follower.count(publisher.did)) >= count,
      'relayed cold sync',
      600_000,
    )
    const seconds = (performance.now() - start) / 1000
    const { peers } = await follower.client.listPeers()
    const connections = peers.filter((p) => p.peerId === publisher.peerId).map((p) => p.address)
    return { seconds, recordsPerSecond: count / seconds, connections }
  } finally {
    await Promise.allSettled(nodes.map((n) => n.stop()))
    await internet.dispose()
    await rm(root, { recursive: true, force: true })
  }
}
