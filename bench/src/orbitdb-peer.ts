/**
 * One side of the OrbitDB replication baseline, run as its own process by
 * orbitdb-replication.ts and talking to it over the IPC channel:
 *
 *   node orbitdb-peer.ts writer <dir> <count>
 *     puts `count` docs one by one, then sends { type: 'ready', address, multiaddr }
 *     and stays up, serving the blocks, until it is killed or the parent goes away.
 *   node orbitdb-peer.ts reader <dir> <address> <multiaddr>
 *     dials the writer, sends { type: 'opening' }, opens the database by address and sends
 *     { type: 'progress', replicated, seconds } each time the docs it holds change; it
 *     measures `seconds` itself, from just before `open` to the count read from `db.all()`.
 *
 * Anything that goes wrong is sent as { type: 'error', message } before the process exits.
 */
import type { EventEmitter } from 'node:events'
import { multiaddr } from '@multiformats/multiaddr'
import { startOrbitDB } from './orbitdb-helia.ts'

declare module '@orbitdb/core' {
  export interface OrbitDBDatabase {
    address: string
    events: EventEmitter
    all(): Promise<unknown[]>
  }
}

export type PeerMessage =
  | { type: 'ready'; address: string; multiaddr: string }
  | { type: 'opening' }
  | { type: 'progress'; replicated: number; seconds: number }
  | { type: 'error'; message: string }

const send = (message: PeerMessage) =>
  new Promise<void>((resolve) => {
    if (process.send === undefined || !process.connected) return resolve()
    process.send(message, undefined, {}, () => resolve())
  })

/** About 500 characters of text, a little different for every doc. */
function body(i: number): string {
  const sentence =
    `Practice ${i} dims the street lights of a district at night and brightens them when ` +
    'sensors see someone walking or cycling by, which saves energy and keeps streets safe. '
  return sentence.repeat(Math.ceil(500 / sentence.length)).slice(0, 500)
}

async function writer(dir: string, count: number): Promise<void> {
  const peer = await startOrbitDB(dir, { id: 'writer', listen: true })
  const db = await peer.orbitdb.open('bench-replication', { type: 'documents' })
  for (let i = 0; i < count; i++) {
    await db.put({ _id: `doc-${i}`, title: `Practice ${i}`, body: body(i) })
  }
  const address = peer.helia.libp2p
    .getMultiaddrs()
    .map(String)
    .find((ma) => ma.startsWith('/ip4/127.0.0.1/tcp/'))
  if (address === undefined) throw new Error('the writer listens on no 127.0.0.1 TCP address')
  await send({ type: 'ready', address: db.address, multiaddr: address })
}

async function reader(dir: string, address: string, writerAddress: string): Promise<void> {
  const peer = await startOrbitDB(dir, { id: 'reader', listen: true })
  await peer.helia.libp2p.dial(multiaddr(writerAddress))
  await send({ type: 'opening' })
  const start = performance.now()
  const db = await peer.orbitdb.open(address, { type: 'documents' })
  let last = -1
  let counting = Promise.resolve()
  const count = () => {
    counting = counting.then(async () => {
      const replicated = (await db.all()).length
      const seconds = (performance.now() - start) / 1000
      if (replicated !== last) {
        last = replicated
        await send({ type: 'progress', replicated, seconds })
      }
    })
  }
  // OrbitDB joins the writer's whole log in one go, then emits one 'update'.
  db.events.on('update', count)
  count()
}

const fail = (error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
  void send({ type: 'error', message }).finally(() => process.exit(1))
}

// The parent kills this process; if the parent itself dies, go too.
process.on('disconnect', () => process.exit(0))
process.on('unhandledRejection', fail)

const [role, dir, ...args] = process.argv.slice(2)
if (role === 'writer' && dir !== undefined && args[0] !== undefined) {
  writer(dir, Number(args[0])).catch(fail)
} else if (role === 'reader' && dir !== undefined && args[0] && args[1]) {
  reader(dir, args[0], args[1]).catch(fail)
} else {
  fail(
    new Error('usage: orbitdb-peer.ts writer <dir> <count> | reader <dir> <address> <multiaddr>'),
  )
}
