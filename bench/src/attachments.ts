/**
 * Attachments on loopback, between two real node processes, on a fresh pair of nodes per
 * trial: a 5 MB file uploaded to the first and fetched by a user of the second (time to
 * the first byte and to the last), then a 100 MB file up and across (MB/s), and the
 * uploading node's resident memory during the 100 MB upload (sampled from /proc).
 *
 * Run alone: `node bench/src/attachments.ts [trials]` (default 3). With
 * `POLDER_BENCH_PROFILE=dir` both nodes write CPU profiles there (`--cpu-prof`).
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RunningDaemon, rssMb, startDaemon } from './daemon.ts'

/** One fresh pair of nodes. Rates in MB/s (1 MB = 10^6 bytes), times in ms. */
export interface AttachmentTrial {
  /** 5 MB upload through the API (raw body, streamed) into the first node. */
  readonly upload5MBps: number
  /** 5 MB fetched by the second node's user: to the first byte of the answer, and to its end. */
  readonly fetch5FirstByteMs: number
  readonly fetch5DoneMs: number
  readonly upload100MBps: number
  /** 100 MB through the second node's API, fetched over bitswap. */
  readonly fetch100MBps: number
  /**
   * CPU time of both nodes (every thread, from /proc) while 100 MB goes up, and while it
   * goes across, ms: steadier than a rate on a busy machine.
   */
  readonly upload100CpuMs: number
  readonly fetch100CpuMs: number
  /**
   * The same for each node, and for each node's main thread alone (the event loop: a
   * node's serial bound; its other threads are V8's GC and compilers and libuv's pool).
   */
  readonly fetch100ServingCpuMs: number
  readonly fetch100FetchingCpuMs: number
  readonly fetch100ServingMainCpuMs: number
  readonly fetch100FetchingMainCpuMs: number
  /**
   * CPU time of this bench process while it reads the 100 MB answer (Node's `fetch`), ms: it
   * shares the two cores with the nodes, so it bounds the MB/s too.
   */
  readonly fetch100ClientCpuMs: number
  /** Resident set size of the uploading node: idle before, and the peak during the 100 MB upload, MB. */
  readonly rssIdleMb: number
  readonly rssPeakMb: number
}

export interface AttachmentFigures {
  /** Medians over the trials. */
  readonly median: AttachmentTrial
  readonly trials: AttachmentTrial[]
}

const MB5 = 5_000_000
const MB100 = 100_000_000

const BLOCK = 262_144

/**
 * The file in 1 MiB pieces, made as they are sent: the bench itself holds little. Every
 * 256 KiB block of it differs (a counter at the start of each), as in a real file: repeated
 * blocks are stored once, which would make the figures those of a smaller file.
 */
function* pieces(size: number): Generator<Uint8Array> {
  const piece = randomBytes(1024 * 1024)
  let block = 0
  for (let sent = 0; sent < size; sent += piece.length) {
    for (let at = 0; at < piece.length; at += BLOCK) piece.writeUInt32BE(block++, at)
    // a copy: the sender may still hold the previous piece while this one is made
    yield Uint8Array.prototype.slice.call(piece, 0, Math.min(piece.length, size - sent))
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

/** Downloads the file; the time to its first byte and to its end, from the request. */
async function drain(
  node: RunningDaemon,
  cid: string,
  size: number,
): Promise<{ firstByteMs: number; doneMs: number }> {
  const started = performance.now()
  const response = await fetch(`${node.url}/v1/attachments/${cid}`, {
    signal: AbortSignal.timeout(600_000),
  })
  if (!response.ok || response.body === null) throw new Error(`fetch: ${response.status}`)
  let bytes = 0
  let firstByteMs = 0
  for await (const chunk of response.body) {
    if (bytes === 0 && chunk.length > 0) firstByteMs = performance.now() - started
    bytes += chunk.length
  }
  const doneMs = performance.now() - started
  if (bytes !== size) throw new Error(`fetched ${bytes} of ${size} bytes`)
  return { firstByteMs, doneMs }
}

/**
 * CPU time a process has used, ms: utime + stime of /proc/<pid>/stat, in clock ticks of
 * 10 ms; with `mainThread`, that of its main thread alone (its task of the same id).
 */
async function cpuMs(pid: number, mainThread = false): Promise<number> {
  const stat = await readFile(
    mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`,
    'utf8',
  )
  // the fields after the command name, which is in parentheses and may hold spaces
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 10
}

const bothCpuMs = async (nodes: RunningDaemon[]) =>
  (await Promise.all(nodes.map((node) => cpuMs(node.pid)))).reduce((sum, ms) => sum + ms, 0)

/** CPU of each node and of each node's main thread, ms, in the order of `nodes`. */
const cpuByNode = (nodes: RunningDaemon[]) =>
  Promise.all(nodes.flatMap((node) => [cpuMs(node.pid), cpuMs(node.pid, true)]))

const profileEnv = (): Record<string, string> => {
  const dir = process.env.POLDER_BENCH_PROFILE
  return dir === undefined ? {} : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` }
}

async function connect(a: RunningDaemon, b: RunningDaemon, tokenB: string): Promise<void> {
  const status = (await (await fetch(`${a.url}/v1/status`)).json()) as {
    peerId: string
    addresses: string[]
  }
  const address = status.addresses.find((item) => item.startsWith('/ip4/127.0.0.1/'))
  const response = await fetch(`${b.url}/v1/peers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenB}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      address: address?.includes('/p2p/') ? address : `${address}/p2p/${status.peerId}`,
    }),
  })
  if (!response.ok) throw new Error(`connect: ${response.status} ${await response.text()}`)
}

/** One trial on a fresh pair of nodes. */
async function trial(): Promise<AttachmentTrial> {
  const root = await mkdtemp(join(tmpdir(), 'polder-bench-attachments-'))
  const env = { POLDER_PEERS: '0', POLDER_MAX_ATTACHMENT: '200', ...profileEnv() }
  const nodes: RunningDaemon[] = []
  try {
    const a = await startDaemon(join(root, 'a'), env)
    nodes.push(a)
    const b = await startDaemon(join(root, 'b'), env)
    nodes.push(b)
    const tokenA = (await readFile(join(root, 'a', 'api-token'), 'utf8')).trim()
    const tokenB = (await readFile(join(root, 'b', 'api-token'), 'utf8')).trim()
    await connect(a, b, tokenB)

    let started = performance.now()
    const small = await upload(a, tokenA, MB5)
    const upload5MBps = MB5 / 1e3 / (performance.now() - started)
    const fetch5 = await drain(b, small, MB5)

    const rssIdleMb = await rssMb(a.pid)
    let rssPeakMb = rssIdleMb
    const sampler = setInterval(() => {
      void rssMb(a.pid).then((mb) => {
        rssPeakMb = Math.max(rssPeakMb, mb)
      })
    }, 50)
    started = performance.now()
    const cpuBeforeUpload = await bothCpuMs(nodes)
    const large = await upload(a, tokenA, MB100).finally(() => clearInterval(sampler))
    const upload100MBps = MB100 / 1e3 / (performance.now() - started)
    const cpuBeforeFetch = await bothCpuMs(nodes)
    const byNodeBefore = await cpuByNode(nodes)
    const clientBefore = process.cpuUsage()
    const fetch100 = await drain(b, large, MB100)
    const client = process.cpuUsage(clientBefore)
    const fetch100CpuMs = (await bothCpuMs(nodes)) - cpuBeforeFetch
    const [servingMs, servingMainMs, fetchingMs, fetchingMainMs] = (await cpuByNode(nodes)).map(
      (ms, i) => ms - (byNodeBefore[i] ?? 0),
    )
    return {
      upload5MBps,
      fetch5FirstByteMs: fetch5.firstByteMs,
      fetch5DoneMs: fetch5.doneMs,
      upload100MBps,
      fetch100MBps: MB100 / 1e3 / fetch100.doneMs,
      upload100CpuMs: cpuBeforeFetch - cpuBeforeUpload,
      fetch100CpuMs,
      fetch100ServingCpuMs: servingMs ?? 0,
      fetch100FetchingCpuMs: fetchingMs ?? 0,
      fetch100ServingMainCpuMs: servingMainMs ?? 0,
      fetch100FetchingMainCpuMs: fetchingMainMs ?? 0,
      fetch100ClientCpuMs: (client.user + client.system) / 1000,
      rssIdleMb,
      rssPeakMb,
    }
  } finally {
    for (const node of nodes) await node.stop()
    await rm(root, { recursive: true, force: true })
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((x, y) => x - y)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const round = (value: number) => Math.round(value * 10) / 10

/** Runs `trials` trials, each on a fresh pair of nodes; the medians and every trial. */
export async function measureAttachments(trials = 3): Promise<AttachmentFigures> {
  const all: AttachmentTrial[] = []
  for (let i = 0; i < trials; i++) all.push(await trial())
  const keys = Object.keys(all[0] ?? {}) as (keyof AttachmentTrial)[]
  const rounded = (t: AttachmentTrial) =>
    Object.fromEntries(keys.map((key) => [key, round(t[key])])) as unknown as AttachmentTrial
  const mid = Object.fromEntries(
    keys.map((key) => [key, median(all.map((t) => t[key]))]),
  ) as unknown as AttachmentTrial
  return { median: rounded(mid), trials: all.map(rounded) }
}

if (import.meta.main) {
  const trials = Number(process.argv[2] ?? 3)
  process.stdout.write(`${JSON.stringify(await measureAttachments(trials), null, 2)}\n`)
}
