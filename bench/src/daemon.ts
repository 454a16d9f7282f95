/** The daemon's figures: start to API ready, and resident memory, of a real node process. */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { nodeFlags, rssMb } from '@polder/testnet'

const BIN = fileURLToPath(import.meta.resolve('@polder/node/bin'))

export interface DaemonFigures {
  /** Milliseconds from spawning `polder start` to its API answering. */
  readonly readyMs: number
  /** CPU milliseconds the process used until then (all its threads): steadier under load. */
  readonly readyCpuMs: number
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
/** Logged once the API listens, before the network has started (builds since round 6). */
const LISTENING = '"msg":"API listening"'

/**
 * Starts `polder start` on `home` (loopback only) and resolves once its API answers; `bin`
 * runs another build of the node (a baseline, in the start-up benchmark). With `readyAt:
 * 'api'`, once the API answers `/v1/status` (a build that logs no "API listening" starts its
 * API last: then at "Polder node started" as before).
 */
export async function startDaemon(
  home: string,
  env: Record<string, string> = {},
  bin = BIN,
  readyAt: ReadyAt = 'network',
): Promise<RunningDaemon> {
  const start = performance.now()
  const child = spawn(process.execPath, [...(await nodeFlags(bin)), bin, 'start'], {
    env: {
      ...process.env,
      POLDER_HOME: home,
      POLDER_API: '127.0.0.1:0',
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
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start in 60 s:\n${output}`)), 60_000)
      let listening = false
      child.stdout.on('data', (chunk) => {
        output += chunk
        // once started, only kept: splitting all the output again for every chunk of a
        // node logging each request cost this process 0.2 s of CPU per 2,000 requests,
        // taken from the cores the node and the load generator share
        if (network !== undefined) return
        const lines = output.split('\n')
        const started = lines.find((l) => l.includes(STARTED))
        if (started !== undefined) {
          network = { ms: performance.now() - start, cpuMs: cpuMs(child.pid as number) }
          networkSeen?.()
        }
        if (listening) return
        const line =
          readyAt === 'api' ? (lines.find((l) => l.includes(LISTENING)) ?? started) : started
        if (line === undefined) return
        listening = true
        clearTimeout(timer)
        resolve((JSON.parse(line) as { url: string }).url)
      })
      child.on('exit', (code) => reject(new Error(`polder exited with ${code}:\n${output}`)))
    })
    const response = await fetch(`${url}${readyAt === 'api' ? '/v1/status' : '/health'}`)
    if (!response.ok) throw new Error('the API is not ready')
    await response.arrayBuffer()
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
 * Starts a node on `home`, runs `during` against it (once ready), lets it idle, measures its
 * RSS, and stops it.
 */
export async function measureDaemon<T>(
  home: string,
  options: { idleMs?: number; during?: (url: string) => Promise<T> } = {},
): Promise<DaemonFigures & { during: T | undefined }> {
  const daemon = await startDaemon(home)
  const idle = () => new Promise((resolve) => setTimeout(resolve, options.idleMs ?? 3_000))
  try {
    await idle()
    const idleRss = await rssMb(daemon.pid)
    const during = await options.during?.(daemon.url)
    if (options.during !== undefined) await idle()
    return {
      readyMs: daemon.readyMs,
      readyCpuMs: daemon.readyCpuMs,
      rssMb: idleRss,
      rssAfterMb: options.during === undefined ? undefined : await rssMb(daemon.pid),
      during,
    }
  } finally {
    await daemon.stop()
  }
}
