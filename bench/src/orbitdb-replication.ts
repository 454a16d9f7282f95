/**
 * The replication baseline: raw OrbitDB 4 `documents` replication between two plain
 * Helia + OrbitDB processes on this machine (127.0.0.1 only). The writer puts `count` docs one
 * by one; only then does a reader with an empty directory start, dial the writer and open the
 * database by its address. The figure is the time from the reader opening the database until its
 * `db.all()` holds all `count` docs, measured in the reader.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PeerMessage } from './orbitdb-peer.ts'

const PEER = new URL('./orbitdb-peer.ts', import.meta.url).pathname
/** How long the writer may take to put its docs, and the reader to start and dial. */
const SETUP_MS_PER_DOC = 50
const SETUP_MS = 60_000

export async function orbitdbReplicationSeconds(
  count: number,
  options: { timeoutMs?: number } = {},
): Promise<{ seconds: number; replicated: number; timedOut: boolean }> {
  const timeoutMs = options.timeoutMs ?? 300_000
  const root = await mkdtemp(join(tmpdir(), 'polder-bench-orbitdb-replication-'))
  const peers: Peer[] = []
  try {
    const writer = new Peer(['writer', join(root, 'writer'), String(count)])
    peers.push(writer)
    const ready = await writer.next('ready', SETUP_MS + count * SETUP_MS_PER_DOC)
    if (ready === undefined) throw new Error(`the OrbitDB writer did not put ${count} docs in time`)

    const reader = new Peer(['reader', join(root, 'reader'), ready.address, ready.multiaddr])
    peers.push(reader)
    if ((await reader.next('opening', SETUP_MS)) === undefined) {
      throw new Error('the OrbitDB reader did not start and dial the writer in time')
    }
    const deadline = performance.now() + timeoutMs
    let replicated = 0
    while (replicated < count) {
      const progress = await reader.next('progress', deadline - performance.now())
      if (progress === undefined) return { seconds: timeoutMs / 1000, replicated, timedOut: true }
      replicated = progress.replicated
      if (replicated >= count) return { seconds: progress.seconds, replicated, timedOut: false }
    }
    return { seconds: 0, replicated, timedOut: false }
  } finally {
    await Promise.all(peers.map((peer) => peer.kill()))
    await rm(root, { recursive: true, force: true })
  }
}

type Message<T extends PeerMessage['type']> = Extract<PeerMessage, { type: T }>

/** A child process running orbitdb-peer.ts, read one message at a time. */
class Peer {
  readonly #child: ChildProcess
  readonly #exited: Promise<void>
  readonly #queue: PeerMessage[] = []
  #wake: (() => void) | undefined
  #exit: string | undefined
  #stderr = ''

  constructor(args: string[]) {
    this.#child = fork(PEER, args, {
      execPath: process.execPath,
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    })
    this.#child.stderr?.setEncoding('utf8')
    this.#child.stderr?.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-4_000)
    })
    this.#child.on('message', (message: PeerMessage) => {
      this.#queue.push(message)
      this.#wake?.()
    })
    this.#exited = new Promise((resolve) => {
      this.#child.on('exit', (code, signal) => {
        this.#exit = `exited with ${signal ?? `code ${code}`}`
        this.#wake?.()
        resolve()
      })
      this.#child.on('error', (error) => {
        this.#exit ??= `failed: ${error.message}`
        this.#wake?.()
        if (this.#child.pid === undefined) resolve()
      })
    })
  }

  /**
   * The next message, which must be of type `type`; undefined once `ms` have passed. Throws if
   * the peer reports an error, sends something else, or exits.
   */
  async next<T extends PeerMessage['type']>(type: T, ms: number): Promise<Message<T> | undefined> {
    const until = performance.now() + ms
    for (;;) {
      const message = this.#queue.shift()
      if (message?.type === 'error') throw new Error(`OrbitDB peer failed: ${message.message}`)
      if (message !== undefined) {
        if (message.type !== type) throw new Error(`OrbitDB peer sent ${message.type}, not ${type}`)
        return message as Message<T>
      }
      if (this.#exit !== undefined) {
        throw new Error(`OrbitDB peer ${this.#exit} before ${type}:\n${this.#stderr}`)
      }
      const left = until - performance.now()
      if (left <= 0) return undefined
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.#wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.#wake = undefined
    }
  }

  async kill(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) {
      this.#child.kill('SIGKILL')
    }
    await this.#exited
  }
}
