/**
 * `node bench/src/dht-flood.ts [--baseline <root>] [--repeat 3]`: what answering other nodes'
 * DHT walks costs a node. A Polder network (the tree's `createNetwork`, in a process of its
 * own) is asked by 24 peers, each 8 requests at a time as walks ask, 6,000 in all: half
 * FIND_NODE of random keys, half GET_PROVIDERS of 8 keys every peer provides (their answers
 * carry 24 providers and the closest peers). Figures of the answering process: CPU ms and the
 * peak of its V8 heap above its start (sampled every 5 ms) per 1,000 answers, and the requests
 * refused. Alternated with the tree at `--baseline` (alternate-trees.ts).
 */
import { type ChildProcess, fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { identify } from '@libp2p/identify'
import type { Stream } from '@libp2p/interface'
import { type TCPSocketOptions, tcp } from '@libp2p/tcp'
import { multiaddr } from '@multiformats/multiaddr'
import { ADD_PROVIDER, answerDht, askDht, FIND_NODE, GET_PROVIDERS } from '@polder/net'
import { createLibp2p, type Libp2p } from 'libp2p'
import { alternateTrees } from './alternate-trees.ts'
import type { FloodReport } from './dht-flood-server.ts'

const PEERS = 24
const AT_ONCE_PER_PEER = 8
const REQUESTS = 6_000
const PROVIDED_KEYS = 8
export const FLOOD_COLLECTIVE = 'flood'
const PROTOCOL = `/polder/${FLOOD_COLLECTIVE}/kad/1.0.0`

/** Answers libp2p's ping (32 bytes echoed): the server's DHT pings a contact before it keeps it. */
async function echo(stream: Stream): Promise<void> {
  for await (const chunk of stream) stream.send(chunk)
  await stream.close()
}

/**
 * A peer with just what the server's DHT needs to keep it: identify, ping and the protocol; on
 * a loopback address of its own, as libp2p takes at most five inbound connections a second
 * from one address.
 */
async function asker(index: number): Promise<Libp2p> {
  const ip = `127.0.3.${index + 1}`
  const node = await createLibp2p({
    privateKey: await generateKeyPair('Ed25519'),
    addresses: { listen: [`/ip4/${ip}/tcp/0`] },
    transports: [tcp({ dialOpts: { localAddress: ip } as TCPSocketOptions })],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionMonitor: { enabled: false },
    services: { identify: identify() },
  })
  await node.handle('/ipfs/ping/1.0.0', echo)
  // the server's own walks are told of nobody
  await node.handle(PROTOCOL, (stream) => answerDht(stream, () => ({ closer: [], providers: [] })))
  return node
}

function ask(server: ChildProcess, message: string): Promise<unknown> {
  server.send(message)
  return once(server, 'message').then(([reply]) => reply)
}

async function flood(root: string): Promise<object> {
  const server = fork(fileURLToPath(new URL('./dht-flood-server.ts', import.meta.url)), [root], {
    // DHT_FLOOD_CPU_PROF=DIR: a CPU profile of the answering process
    execArgv: [
      '--expose-gc',
      ...(process.env.DHT_FLOOD_CPU_PROF === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env.DHT_FLOOD_CPU_PROF}`]),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  const ready = once(server, 'message')
  const peers = await Promise.all(Array.from({ length: PEERS }, (_, index) => asker(index)))
  try {
    const { address } = (await ready)[0] as { address: string }
    const target = multiaddr(address)
    for (const peer of peers) await peer.dial(target)
    for (;;) {
      const { table } = (await ask(server, 'table')) as { table: number }
      if (table >= PEERS - 2) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    const provided = Array.from({ length: PROVIDED_KEYS }, () =>
      Uint8Array.from([0x01, 0x55, 0x12, 0x20, ...randomBytes(32)]),
    )
    for (const peer of peers)
      for (const key of provided)
        await askDht(peer, target, PROTOCOL, {
          type: ADD_PROVIDER,
          key,
          providers: [
            {
              id: peer.peerId.toMultihash().bytes,
              multiaddrs: peer.getMultiaddrs().map((ma) => ma.bytes),
            },
          ],
        })
    await ask(server, 'start')
    let sent = 0
    let answered = 0
    let refused = 0
    const loop = async (peer: Libp2p) => {
      while (sent < REQUESTS) {
        const n = sent++
        const request =
          n % 2 === 0
            ? { type: FIND_NODE, key: randomBytes(32) }
            : { type: GET_PROVIDERS, key: provided[n % PROVIDED_KEYS] as Uint8Array }
        await askDht(peer, target, PROTOCOL, request).then(
          () => answered++,
          () => refused++,
        )
      }
    }
    await Promise.all(
      peers.flatMap((peer) => Array.from({ length: AT_ONCE_PER_PEER }, () => loop(peer))),
    )
    const report = (await ask(server, 'stop')) as FloodReport
    const perThousand = 1000 / Math.max(1, answered)
    return {
      answered,
      refused,
      cpuMsPer1000: Math.round(report.cpuMs * perThousand),
      peakHeapMbAboveStart: Number((report.peakHeapMb - report.startHeapMb).toFixed(1)),
      serving: report.serving,
    }
  } finally {
    await Promise.allSettled(peers.map((peer) => peer.stop()))
    server.send('exit')
  }
}

if (import.meta.main) await alternateTrees(import.meta.url, flood)
