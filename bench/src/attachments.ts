/**
 * Attachments on loopback: upload and fetch throughput (MB/s) for 5 MB and 100 MB files
 * between two real node processes, and the uploading node's resident memory during a
 * 100 MB upload (sampled from /proc). Run alone: `node bench/src/attachments.ts`.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RunningDaemon, rssMb, startDaemon } from './daemon.ts'

export interface AttachmentFigures {
  /** Upload through the API (raw body, streamed) into the node, MB/s (1 MB = 10^6 bytes). */
  readonly uploadMBps: Record<'5MB' | '100MB', number>
  /** Download through the API of a second node that fetches it over bitswap, MB/s. */
  readonly fetchMBps: Record<'5MB' | '100MB', number>
  /** Resident set size of the uploading node: idle before, and the peak during a 100 MB upload, MB. */
  readonly uploadRssMb: { readonly idle: number; readonly peak: number }
}

const SIZES = { '5MB': 5_000_000, '100MB': 100_000_000 } as const

/** The file in 1 MiB pieces, made as they are sent: the bench itself holds little. */
function* pieces(size: number): Generator<Uint8Array> {
  const piece = randomBytes(1024 * 1024)
  for (let sent = 0; sent < size; sent += piece.length) {
    piece[0] = (piece[0] ?? 0) ^ (sent & 0xff) // every piece different
    yield piece.subarray(0, Math.min(piece.length, size - sent))
  }
}

async function upload(node: RunningDaemon, token: string, size: number): Promise<string> {
  const response = await fetch(`${node.url}/v1/attachments?name=bench.bin`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: ReadableStream.from(pieces(size)),
    duplex: 'half',
    signal: AbortSignal.timeout(600_000),
  } as RequestInit)
  if (response.status !== 201)
    throw new Error(`upload: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { cid: string }).cid
}

async function drain(node: RunningDaemon, cid: string): Promise<number> {
  const response = await fetch(`${node.url}/v1/attachments/${cid}`, {
    signal: AbortSignal.timeout(600_000),
  })
  if (!response.ok || response.body === null) throw new Error(`fetch: ${response.status}`)
  let bytes = 0
  for await (const chunk of response.body) bytes += chunk.length
  return bytes
}

/** Measures upload and fetch throughput and upload memory on two fresh nodes. */
export async function measureAttachments(): Promise<AttachmentFigures> {
  const root = await mkdtemp(join(tmpdir(), 'polder-bench-attachments-'))
  const env = { POLDER_PEERS: '0', POLDER_MAX_ATTACHMENT: '200' }
  const nodes: RunningDaemon[] = []
  try {
    const a = await startDaemon(join(root, 'a'), env)
    nodes.push(a)
    const b = await startDaemon(join(root, 'b'), env)
    nodes.push(b)
    const tokenA = (await readFile(join(root, 'a', 'api-token'), 'utf8')).trim()
    const tokenB = (await readFile(join(root, 'b', 'api-token'), 'utf8')).trim()
    const status = (await (await fetch(`${a.url}/v1/status`)).json()) as {
      peerId: string
      addresses: string[]
    }
    const address = status.addresses.find((item) => item.startsWith('/ip4/127.0.0.1/'))
    const connect = await fetch(`${b.url}/v1/peers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenB}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        address: address?.includes('/p2p/') ? address : `${address}/p2p/${status.peerId}`,
      }),
    })
    if (!connect.ok) throw new Error(`connect: ${connect.status} ${await connect.text()}`)

    const uploadMBps = { '5MB': 0, '100MB': 0 }
    const fetchMBps = { '5MB': 0, '100MB': 0 }
    const idle = await rssMb(a.pid)
    let peak = idle
    for (const [label, size] of Object.entries(SIZES) as ['5MB' | '100MB', number][]) {
      const sampler = setInterval(() => {
        void rssMb(a.pid).then((mb) => {
          if (label === '100MB') peak = Math.max(peak, mb)
        })
      }, 50)
      let started = performance.now()
      const cid = await upload(a, tokenA, size).finally(() => clearInterval(sampler))
      uploadMBps[label] = size / 1e6 / ((performance.now() - started) / 1000)
      started = performance.now()
      const bytes = await drain(b, cid)
      if (bytes !== size) throw new Error(`fetched ${bytes} of ${size} bytes`)
      fetchMBps[label] = size / 1e6 / ((performance.now() - started) / 1000)
    }
    const round = (value: number) => Math.round(value * 10) / 10
    return {
      uploadMBps: { '5MB': round(uploadMBps['5MB']), '100MB': round(uploadMBps['100MB']) },
      fetchMBps: { '5MB': round(fetchMBps['5MB']), '100MB': round(fetchMBps['100MB']) },
      uploadRssMb: { idle: round(idle), peak: round(peak) },
    }
  } finally {
    for (const node of nodes) await node.stop()
    await rm(root, { recursive: true, force: true })
  }
}

if (import.meta.main) {
  process.stdout.write(`${JSON.stringify(await measureAttachments(), null, 2)}\n`)
}
