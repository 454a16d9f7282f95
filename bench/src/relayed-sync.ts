/**
 * Cold sync through a relay: on a small internet of network namespaces (@polder/testnet's
 * SmallInternet), a follower behind one NAT follows a publisher behind another; they
 * reach each other only through a public relay. Timed from the follow until every record
 * is applied, as the loopback cold sync is. Needs root (ip netns, nftables).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type NetnsHost, netnsUnavailable, SmallInternet, TestNode } from '@polder/testnet'
import { fillOneByOne, tempHome } from './store.ts'

export interface RelayedSyncFigures {
  readonly seconds: number
  readonly recordsPerSecond: number
  /** How the follower was connected to the publisher at the end, by remote address. */
  readonly connections: readonly string[]
}

export interface RelayedSyncOptions {
  /** How long the sync may take before the run fails, ms. @default 600_000 */
  readonly timeoutMs?: number
  /** The nodes' log level (POLDER_LOG_LEVEL). @default 'info' */
  readonly logLevel?: string
  /** A directory to write each node's output into at the end (whether or not it synced). */
  readonly logsDir?: string
}

const node = (host: NetnsHost, home: string, env: Record<string, string>, logLevel: string) =>
  new TestNode(host.name, home, {
    command: host.command,
    host: host.ip,
    startTimeoutMs: 120_000,
    env: {
      POLDER_API: `${host.managementIp}:7878`,
      POLDER_LISTEN: `/ip4/${host.ip}/tcp/4011`,
      // a long repair interval: only the follow itself may start the sync
      POLDER_SYNC_INTERVAL: '600',
      POLDER_LOG_LEVEL: logLevel,
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
  options: RelayedSyncOptions = {},
): Promise<RelayedSyncFigures | { skipped: string }> {
  const logLevel = options.logLevel ?? 'info'
  const missing = netnsUnavailable()
  if (missing !== undefined) return { skipped: missing }
  const root = await tempHome()
  const internet = await SmallInternet.create()
  const nodes: TestNode[] = []
  try {
    const publisherHome = join(root, 'publisher')
    await fillOneByOne(publisherHome, count)
    const relayHost = await internet.publicHost('relay')
    const relay = node(relayHost, join(root, 'relay'), { POLDER_RELAY: 'true' }, logLevel)
    nodes.push(relay)
    await relay.start()
    const bootstrap = { POLDER_BOOTSTRAP: `/ip4/${relayHost.ip}/tcp/4011/p2p/${relay.peerId}` }
    const publisher = node(
      await internet.homeHost('publisher', { nat: 'port-preserving' }),
      publisherHome,
      bootstrap,
      logLevel,
    )
    const follower = node(
      await internet.homeHost('follower', { nat: 'port-preserving' }),
      join(root, 'follower'),
      bootstrap,
      logLevel,
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
      options.timeoutMs ?? 600_000,
    ).catch(async (err: unknown) => {
      // what the follower knew of the log and how it was connected, to tell why
      const sync = await follower.client.getSyncOf({ params: { did: publisher.did } })
      const { peers } = await follower.client.listPeers()
      throw new Error(
        `${(err as Error).message}\nfollower's sync: ${JSON.stringify(sync)}\nfollower's peers: ${JSON.stringify(peers)}`,
      )
    })
    const seconds = (performance.now() - start) / 1000
    const { peers } = await follower.client.listPeers()
    const connections = peers.filter((p) => p.peerId === publisher.peerId).map((p) => p.address)
    return { seconds, recordsPerSecond: count / seconds, connections }
  } finally {
    await Promise.allSettled(nodes.map((n) => n.stop()))
    const { logsDir } = options
    if (logsDir !== undefined) {
      await mkdir(logsDir, { recursive: true })
      await Promise.all(nodes.map((n) => writeFile(join(logsDir, `${n.name}.log`), n.output)))
    }
    await internet.dispose()
    await rm(root, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  // node bench/src/relayed-sync.ts [records] [--timeout S] [--log-level L] [--logs DIR]:
  // this figure alone (root only); DEBUG=libp2p:* passes on to the nodes
  const option = (name: string) => {
    const i = process.argv.indexOf(`--${name}`)
    return i < 0 ? undefined : process.argv[i + 1]
  }
  const timeout = option('timeout')
  const first = process.argv[2]
  const records = first === undefined || first.startsWith('--') ? 2000 : Number(first)
  const figures = await relayedSync(records, {
    ...(timeout === undefined ? {} : { timeoutMs: Number(timeout) * 1000 }),
    ...(option('log-level') === undefined ? {} : { logLevel: option('log-level') }),
    ...(option('logs') === undefined ? {} : { logsDir: option('logs') }),
  })
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`)
}
