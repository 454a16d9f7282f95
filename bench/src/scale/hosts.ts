/**
 * The orchestrator's side of the host processes: forks them, sends requests over IPC and
 * gathers the arrivals they report.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { DILATION_ENV, ORIGIN_ENV, type SimClock } from './dilation.ts'
import type { Arrival, HostMemory, HostRequest, HostSample } from './host.ts'

interface Reply {
  readonly id?: number
  readonly result?: unknown
  readonly error?: string
  readonly arrivals?: Arrival[]
  readonly ready?: boolean
}

/** Simulated ms: a host's work runs on its dilated clock. */
const REQUEST_TIMEOUT_MS = 180_000

/** The preload that dilates a host's clocks and timers. */
const DILATE = new URL('./dilate.ts', import.meta.url).pathname

export class Host {
  readonly #child: ChildProcess
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >()
  #next = 0
  readonly ready: Promise<void>
  readonly #clock: SimClock

  /**
   * Forks a host whose clocks and timers run on `clock` (its dilation, from its origin).
   */
  constructor(onArrivals: (arrivals: Arrival[]) => void, clock: SimClock, execArgv: string[] = []) {
    this.#clock = clock
    this.#child = fork(new URL('./host.ts', import.meta.url), [], {
      execArgv: [...execArgv, '--import', DILATE],
      env: {
        ...process.env,
        [DILATION_ENV]: String(clock.dilation),
        [ORIGIN_ENV]: String(clock.originMs),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let ready: () => void = () => undefined
    this.ready = new Promise((resolve) => {
      ready = resolve
    })
    this.#child.on('message', (reply: Reply) => {
      if (reply.ready === true) ready()
      if (reply.arrivals !== undefined) onArrivals(reply.arrivals)
      if (reply.id === undefined) return
      const pending = this.#pending.get(reply.id)
      this.#pending.delete(reply.id)
      if (reply.error !== undefined) pending?.reject(new Error(reply.error))
      else pending?.resolve(reply.result)
    })
    this.#child.on('exit', (code) => {
      for (const { reject } of this.#pending.values())
        reject(new Error(`a host process exited with ${code}`))
      this.#pending.clear()
    })
  }

  request<T>(request: HostRequest): Promise<T> {
    const id = this.#next++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`host request ${request.cmd} timed out`))
      }, REQUEST_TIMEOUT_MS * this.#clock.dilation)
      this.#pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer)
          resolve(value as T)
        },
        reject: (err) => {
          clearTimeout(timer)
          reject(err)
        },
      })
      this.#child.send({ id, request })
    })
  }

  sample(): Promise<HostSample> {
    return this.request<HostSample>({ cmd: 'sample' })
  }

  /** The host process's memory: its V8 heap, and what lives outside it (buffers). */
  memory(): Promise<HostMemory> {
    return this.request<HostMemory>({ cmd: 'memory' })
  }

  async shutdown(): Promise<void> {
    const exited = new Promise((resolve) => this.#child.once('exit', resolve))
    await this.request({ cmd: 'shutdown' }).catch(() => undefined)
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 20_000)
    await exited
    clearTimeout(timer)
  }
}
