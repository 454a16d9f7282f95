/**
 * The node `dht-flood.ts` floods, in a process of its own so that its CPU and heap are its
 * own: the Polder network of the tree given as the first argument, on loopback. Told over IPC:
 * `table` (its routing table's size), `start` (collects garbage, then counts CPU and samples the
 * heap), `stop` (its {@link FloodReport}), `exit`.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { DhtServing } from '@polder/net'

export interface FloodReport {
  readonly cpuMs: number
  readonly startHeapMb: number
  readonly peakHeapMb: number
  /** The tree's DHT serving figures, where it has them (`Network.dhtServing`). */
  readonly serving?: object
}

const MB = 1024 * 1024
const SAMPLE_MS = 5

if (import.meta.main) {
  const root = process.argv[2]
  if (root === undefined || process.send === undefined) throw new Error('usage: fork with the tree')
  const net = (await import(
    pathToFileURL(join(root, 'packages/net/dist/index.js')).href
  )) as typeof import('@polder/net')
  const home = await mkdtemp(join(tmpdir(), 'polder-dht-flood-'))
  const network = await net.createNetwork({
    home,
    privateKey: await generateKeyPair('Ed25519'),
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: [],
    collective: 'flood',
    mdns: false,
  })
  const send = (message: unknown) => process.send?.(message)
  const dht = network.libp2p.services.dht as unknown as { routingTable: { size: number } }
  const serving = () => {
    // absent on trees before dht-r14
    const figures = (network as { dhtServing?: Partial<DhtServing> }).dhtServing
    if (figures === undefined) return undefined
    const { answered, refused, expired, mostAtOnce, peerReads } = figures
    return { answered, refused, expired, mostAtOnce, peerReads }
  }
  let cpu = process.cpuUsage()
  let startHeap = 0
  let peakHeap = 0
  let sampler: NodeJS.Timeout | undefined
  process.on('message', async (message) => {
    if (message === 'table') send({ table: dht.routingTable.size })
    else if (message === 'start') {
      globalThis.gc?.()
      startHeap = process.memoryUsage().heapUsed
      peakHeap = startHeap
      sampler = setInterval(() => {
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
      }, SAMPLE_MS)
      cpu = process.cpuUsage()
      send('started')
    } else if (message === 'stop') {
      const used = process.cpuUsage(cpu)
      clearInterval(sampler)
      const report: FloodReport = {
        cpuMs: (used.user + used.system) / 1000,
        startHeapMb: startHeap / MB,
        peakHeapMb: peakHeap / MB,
        ...(serving() === undefined ? {} : { serving: serving() }),
      }
      send(report)
    } else if (message === 'exit') {
      await network.stop()
      await rm(home, { recursive: true, force: true })
      process.disconnect?.()
    }
  })
  send({ address: network.libp2p.getMultiaddrs()[0]?.toString() })
}
