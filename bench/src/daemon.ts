/** The daemon's figures: start to API ready, and resident memory, of a real node process. */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { type AddressInfo, createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { nodeFlags, rssMb } from '@polder/testnet'

const BIN = fileURLToPath(import.meta.resolve('@polder/node/bin'))

export interface DaemonFigures {
  /** Milliseconds from spawning `polder start` to its API answering (see `readyAt`). */
  readonly readyMs: number
  /** CPU milliseconds the process used until then (all its threads): steadier under load. */
  readonly readyCpuMs: number
  /** Milliseconds from spawning to "Polder node started": the network too. */
  readonly networkReadyMs: number
  /** CPU milliseconds the process used until then. */
  readonly networkReadyCpuMs: number
  /** Resident set size once ready and idle, before any request, in MB. */
  readonly rssMb: number
  /** The same after `during` and the idle time after it (undefined without `during`). */
  readonly rssAfterMb: number | undefined
}

export { nodeFlags, rssMb }

export interface RunningDaemon {
  readonly url: string
  readonly pid: number
  /** Milliseconds from spawning to the API answering (/health, or /v1/status with `readyAt: 'api'`). */
  readonly readyMs: number
  /** CPU milliseconds the process used until then. */
  readonly readyCpuMs: number
  /** Milliseconds from spawning to "Polder node started" (every part, the network too). */
  networkReady(): Promise<{ readonly ms: number; readonly cpuMs: number }>
  /** Everything it logged so far. */
  output(): string
  stop(): Promise<void>
}

/** What "ready" waits for: every part started (the default), or the API answering. */
export type ReadyAt = 'network' | 'api'

const STARTED = 'Polder node started'
/** How often `readyAt: 'api'` asks the API for its status until it answers. */
const POLL_MS = 5

/** A TCP port free on 127.0.0.1 a moment ago. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Asks `url` for its status every POLL_MS until it answers 200; rejects once `failed` does. */
async function firstStatus(url: string, failed: Promise<never>): Promise<void> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const answered = await Promise.race([
      fetch(`${url}/v1/status`).then(
        async (response) => {
          await response.arrayBuffer()
          return response.ok
        },
        () => false, // not listening yet
      ),
      failed,
    ])
    if (answered) return
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
  throw new Error('the API did not answer in 60 s')
}

/**
 * Starts `polder start` on `home` (loopback only) and resolves once its API answers; `bin`
 * runs another build of the node (a baseline, in the start-up benchmark). With `readyAt:
 * 'api'` the API gets a port chosen here and is asked for `/v1/status` every 5 ms from the
 * spawn: ready is its first answer, whatever the build logs (since round 6 the API answers
 * before the network has started).
 */
export async function startDaemon(
  home: string,
  env: Record<string, string> = {},
  bin = BIN,
  readyAt: ReadyAt = 'network',
): Promise<RunningDaemon> {
  const api = readyAt === 'api' ? `127.0.0.1:${await freePort()}` : '127.0.0.1:0'
  const flags = await nodeFlags(bin)
  const start = performance.now()
  const child = spawn(process.execPath, [...flags, bin, 'start'], {
    env: {
      ...process.env,
      POLDER_HOME: home,
      POLDER_API: api,
      POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
      POLDER_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const stop = async () => {
    if (child.exitCode !== null) return
    child.kill('SIGTERM')
    await new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.once('exit', () => resolve(clearTimeout(timer)))
    })
  }
  let output = ''
  let network: { ms: number; cpuMs: Promise<number> } | undefined
  let networkSeen: (() => void) | undefined
  const networkStarted = new Promise<void>((resolve) => {
    networkSeen = resolve
  })
  try {
    const exited = new Promise<never>((_, reject) =>
      child.on('exit', (code) => reject(new Error(`polder exited with ${code}:\n${output}`))),
    )
    exited.catch(() => {})
    const logged = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start in 60 s:\n${output}`)), 60_000)
      child.stdout.on('data', (chunk) => {
        output += chunk
        // once started, only kept: splitting all the output again for every chunk of a
        // node logging each request cost this process 0.2 s of CPU per 2,000 requests,
        // taken from the cores the node and the load generator share
        if (network !== undefined) return
        const started = output.split('\n').find((l) => l.includes(STARTED))
        if (started === undefined) return
        network = { ms: performance.now() - start, cpuMs: cpuMs(child.pid as number) }
        networkSeen?.()
        clearTimeout(timer)
        resolve((JSON.parse(started) as { url: string }).url)
      })
      exited.catch(reject)
    })
    logged.catch(() => {})
    let url: string
    if (readyAt === 'api') {
      url = `http://${api}`
      await firstStatus(url, exited)
    } else {
      url = await logged
      const response = await fetch(`${url}/health`)
      if (!response.ok) throw new Error('the API is not ready')
    }
    const readyMs = performance.now() - start
    const readyCpuMs = await cpuMs(child.pid as number)
    const networkReady = async () => {
      const deadline = AbortSignal.timeout(60_000)
      await Promise.race([
        networkStarted,
        new Promise((_, reject) =>
          deadline.addEventListener('abort', () => reject(new Error('no network in 60 s'))),
        ),
      ])
      const seen = network as { ms: number; cpuMs: Promise<number> }
      return { ms: seen.ms, cpuMs: await seen.cpuMs }
    }
    return {
      url,
      pid: child.pid as number,
      readyMs,
      readyCpuMs,
      networkReady,
      output: () => output,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** CPU time (user + system, every thread) a process used so far, in ms: Linux's /proc. */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
  // the fields after the command name, which is in parentheses and may hold spaces
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12]) // utime, stime
  return ticks * 10 // USER_HZ is 100 on Linux
}

/** Waits for the node's search index rebuild to end; returns how long it took, from its log. */
export async function searchRebuildMs(daemon: RunningDaemon, timeoutMs = 300_000): Promise<number> {
  const start = performance.now()
  for (;;) {
    const line = daemon
      .output()
      .split('\n')
      .find((l) => l.includes('search index rebuilt'))
    if (line !== undefined) return (JSON.parse(line) as { ms: number }).ms
    if (performance.now() - start > timeoutMs) throw new Error('the search index was not rebuilt')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Starts a node on `home`, runs `during` against it (once every part has started), lets it
 * idle, measures its RSS, and stops it. Ready is `readyAt` (default: every part started);
 * `'api'`: `/v1/status` answered, as `startup.ts` measures it (the API listens before the
 * network starts).
 */
export async function measureDaemon<T>(
  home: string,
  options: { idleMs?: number; during?: (url: string) => Promise<T>; readyAt?: ReadyAt } = {},
): Promise<DaemonFigures & { during: T | undefined }> {
  const daemon = await startDaemon(home, {}, BIN, options.readyAt)
  const idle = () => new Promise((resolve) => setTimeout(resolve, options.idleMs ?? 3_000))
  try {
    // the idle RSS and `during` with every part started, whatever ready means
    const network = await daemon.networkReady()
    await idle()
    const idleRss = await rssMb(daemon.pid)
    const during = await options.during?.(daemon.url)
    if (options.during !== undefined) await idle()
    return {
      readyMs: daemon.readyMs,
      readyCpuMs: daemon.readyCpuMs,
      // a build that starts its API last logs "started" before its API answers
      networkReadyMs: Math.max(network.ms, daemon.readyMs),
      networkReadyCpuMs: Math.max(network.cpuMs, daemon.readyCpuMs),
      rssMb: idleRss,
      rssAfterMb: options.during === undefined ? undefined : await rssMb(daemon.pid),
      during,
    }
  } finally {
    await daemon.stop()
  }
}
