/**
 * One real Polder node process: `polder start` on 127.0.0.1 with its own data directory,
 * free ports, and its API at hand. Stop, kill and restart it; its data stays until the
 * network is disposed of.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import {
  type ApiClient,
  ApiError,
  createClient,
  type InputOf,
  type OutputOf,
  type Routes,
} from '@polder/api'
import { nodeFlags } from './node-flags.js'

type PublishBody = InputOf<Routes['publishRecords']>['body']
/** A record or tombstone, as the API answers with it. */
export type RecordState = OutputOf<Routes['getRecord']>

const BIN = join(dirname(createRequire(import.meta.url).resolve('@polder/node/bin')), 'bin.js')

export interface TestNodeOptions {
  /** Extra environment (POLDER_* options) for this node. */
  readonly env?: Readonly<Record<string, string>>
  /** Extra `polder start` arguments, such as `--demo`. */
  readonly args?: readonly string[]
  /** The built viewer for the node to serve (`POLDER_VIEWER`), such as `@polder/viewer`'s dist. */
  readonly viewer?: string
  /** Use this data directory (for example one filled beforehand) instead of a fresh one. */
  readonly home?: string
  /**
   * A command the node process runs under, such as `ip netns exec <namespace>` to start it
   * on a host of a {@link SmallInternet}. @default none
   */
  readonly command?: readonly string[]
  /** The IP address its libp2p address ({@link TestNode.address}) is taken on. @default 127.0.0.1 */
  readonly host?: string
  /** How long start may take. @default 30 s */
  readonly startTimeoutMs?: number
}

type Status = OutputOf<Routes['getStatus']>

export class TestNode {
  readonly name: string
  readonly home: string
  #options: TestNodeOptions
  #child: ChildProcess | undefined
  #output = ''
  /** Set while this harness stops the process, so that only an exit of its own is reported. */
  #stopping = false
  #url: string | undefined
  #token: string | undefined
  #status: Status | undefined
  #client: ApiClient | undefined

  constructor(name: string, home: string, options: TestNodeOptions = {}) {
    this.name = name
    this.home = home
    this.#options = options
  }

  get url(): string {
    return this.#need(this.#url, 'url')
  }
  get token(): string {
    return this.#need(this.#token, 'token')
  }
  /**
   * The node's API through the contract's typed client, with its token; every answer is
   * checked against the contract (a mismatch throws a ResponseValidationError). Checked
   * here rather than in each node (`POLDER_CHECK_RESPONSES`): the schemas' first use costs
   * a second of compiling, which twenty node processes would each pay.
   */
  get client(): ApiClient {
    return this.#need(this.#client, 'client')
  }
  get did(): string {
    return this.#need(this.#status, 'did').did
  }
  get peerId(): string {
    return this.#need(this.#status, 'peerId').peerId
  }
  /** The node's libp2p TCP address on 127.0.0.1 (or its `host`), with its peer id. */
  get address(): string {
    const status = this.#need(this.#status, 'address')
    const host = this.#options.host ?? '127.0.0.1'
    const address = status.addresses.find(
      (a) => a.startsWith(`/ip4/${host}/tcp/`) && !a.includes('/ws'),
    )
    if (address === undefined) throw new Error(`${this.name} has no ${host} address`)
    return address.includes('/p2p/') ? address : `${address}/p2p/${status.peerId}`
  }
  /** The process id while running (to read its memory from /proc in fault tests). */
  get pid(): number {
    return this.#need(this.#child?.pid, 'pid')
  }
  get running(): boolean {
    return (
      this.#child !== undefined && this.#child.exitCode === null && this.#child.signalCode === null
    )
  }
  /** Everything the process wrote (for failure messages). */
  get output(): string {
    return this.#output
  }

  #need<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`${this.name} is not started: no ${what}`)
    return value
  }

  /** Starts the process (again, on the same data directory) and waits for its API. */
  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`)
    const timeoutMs = this.#options.startTimeoutMs ?? 30_000
    // V8's heap limit as `pnpm start` sets it: three quarters of POLDER_MEMORY_LIMIT (MiB),
    // here at least 128 MiB so that a node given a tiny limit still starts (and warns)
    const limit = Number(this.#options.env?.POLDER_MEMORY_LIMIT ?? 512)
    const heap = `--max-old-space-size=${Math.max(128, Math.round(limit * 0.75))}`
    const args = [...(await nodeFlags(BIN)), heap, BIN, 'start', ...(this.#options.args ?? [])]
    const [command, ...prefix] = [...(this.#options.command ?? []), process.execPath]
    const child = spawn(command ?? process.execPath, [...prefix, ...args], {
      env: {
        ...process.env,
        POLDER_HOME: this.home,
        POLDER_API: '127.0.0.1:0',
        POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
        POLDER_BOOTSTRAP: '',
        POLDER_MDNS: 'false',
        POLDER_LOG_LEVEL: 'info',
        // tests and benchmarks are the one client; the per-client write limit is for others
        POLDER_WRITE_LIMIT: '1000000',
        ...(this.#options.viewer === undefined ? {} : { POLDER_VIEWER: this.#options.viewer }),
        ...this.#options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.#child = child
    this.#output = ''
    this.#stopping = false
    // a node that dies in the middle of a test otherwise shows only as "fetch failed" later
    child.once('exit', (code, signal) => {
      if (this.#stopping) return
      process.stderr.write(
        `${this.name} (pid ${child.pid}) exited by itself: code ${code}, signal ${signal}; its last output:\n${this.#output.slice(-4000)}\n`,
      )
    })
    child.stderr?.on('data', (chunk) => (this.#output += chunk))
    this.#url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`${this.name} did not start within ${timeoutMs} ms\n${this.#output}`))
      }, timeoutMs)
      const onExit = (code: number | null) => {
        clearTimeout(timer)
        reject(new Error(`${this.name} exited with ${code} while starting\n${this.#output}`))
      }
      child.once('exit', onExit)
      let pending = ''
      child.stdout?.on('data', (chunk) => {
        this.#output += chunk
        pending += chunk
        const lines = pending.split('\n')
        pending = lines.pop() ?? ''
        for (const line of lines) {
          if (!line.includes('"Polder node started"')) continue
          clearTimeout(timer)
          child.off('exit', onExit)
          resolve((JSON.parse(line) as { url: string }).url)
        }
      })
    })
    const token = (await readFile(join(this.home, 'api-token'), 'utf8')).trim()
    this.#token = token
    this.#client = createClient({ baseUrl: this.#url, token, validate: true })
    this.#status = await this.#client.getStatus()
  }

  /** Stops with SIGTERM (a clean shutdown); SIGKILL if it hangs. */
  async stop(timeoutMs = 10_000): Promise<void> {
    await this.#signal('SIGTERM', timeoutMs)
  }

  /** Kills the process outright (`kill -9`). */
  async kill(): Promise<void> {
    await this.#signal('SIGKILL', 5_000)
  }

  /** Stops and starts again, with `env` added to its environment from now on. */
  async restart(env: Readonly<Record<string, string>> = {}): Promise<void> {
    await this.stop()
    this.#options = { ...this.#options, env: { ...this.#options.env, ...env } }
    await this.start()
  }

  async #signal(signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
    const child = this.#child
    if (child === undefined || !this.running) return
    this.#stopping = true
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      child.once('exit', () => {
        clearTimeout(timer)
        resolve()
      })
      child.kill(signal)
    })
  }

  /** Publishes records of this node's organisation; returns them as stored. */
  async publish(records: readonly unknown[]): Promise<RecordState[]> {
    const body = (records.length === 1 ? records[0] : records) as PublishBody
    // tests publish look-alike records on purpose: a repeat is not the mistake it is for a user
    const answer = await this.client.publishRecords({ body, query: { force: 'true' } })
    return 'records' in answer ? answer.records : [answer]
  }

  /** Runs the `polder` CLI against this node; resolves with its exit code and output. */
  cli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const api = new URL(this.url).host
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        env: { ...process.env, POLDER_HOME: this.home, POLDER_API: api },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => (stdout += chunk))
      child.stderr.on('data', (chunk) => (stderr += chunk))
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`polder ${args.join(' ')} timed out\n${stdout}${stderr}`))
      }, 30_000)
      child.on('error', reject)
      child.on('close', (code) => {
        clearTimeout(timer)
        resolve({ code, stdout, stderr })
      })
    })
  }

  /**
   * Connects to another node (a libp2p dial through the API). A dial that times out (a
   * machine busy starting twenty processes, or shared with other work) is tried again, up
   * to five times in all, a little later each time; any other refusal is thrown at once.
   */
  async connect(other: TestNode): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.connectPeer({ body: { address: other.address } })
        return
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 502) || attempt === 5) throw err
        await new Promise((resolve) => setTimeout(resolve, attempt * 500))
      }
    }
  }

  async follow(other: TestNode | string): Promise<void> {
    await this.client.follow({ params: { did: typeof other === 'string' ? other : other.did } })
  }

  /** How many live records of `author` this node holds. */
  async count(author: string): Promise<number> {
    const { total } = await this.client.listRecords({ query: { author, limit: 1 } })
    return total
  }
}
