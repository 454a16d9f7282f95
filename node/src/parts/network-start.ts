/**
 * The network's start, seen from the parts that do not need it: the API listens as soon as
 * the store and the search index are open, and the network (libp2p, Helia, the collective,
 * attachments: most of the node's code, a chunk of its own) is loaded and started once the
 * API has answered what came as it opened (`api-settled.ts`). Routes that need it begin it
 * at once if it has not begun, and wait for it here, with a bound, then answer 503.
 */
import { access } from 'node:fs/promises'
import type { Attachments } from '@polder/attachments'
import type { Network } from '@polder/net'
import type { Collective } from '@polder/sync'

/** The parts of a node that run over the network, once started. */
export interface NetworkParts {
  readonly network: Network
  readonly collective: Collective
  readonly attachments: Attachments
}

export type NetworkState = 'starting' | 'started' | 'failed'

/** How long a request that needs the network waits for it to start before a 503. */
export const NETWORK_WAIT_MS = 10_000
/** The `Retry-After` of that 503, in seconds. */
export const NETWORK_RETRY_AFTER_S = 5

/** A request needs the network, which is still starting (503, with `Retry-After`). */
export class NetworkStartingError extends Error {
  override readonly name = 'NetworkStartingError'
  readonly retryAfterSeconds = NETWORK_RETRY_AFTER_S
  constructor(
    message = 'The node is still starting its network: try again in a few seconds. ' +
      'De node start zijn netwerk nog: probeer het over een paar seconden opnieuw.',
  ) {
    super(message)
  }
}

/** The network could not start (the process ends; requests meanwhile get a 503). */
export class NetworkFailedError extends Error {
  override readonly name = 'NetworkFailedError'
}

export class NetworkStart {
  #state: NetworkState = 'starting'
  #parts: NetworkParts | undefined
  readonly #started: Promise<NetworkParts>
  readonly #demand: () => void

  /**
   * `starting`: the promise of the parts, begun by the caller (see `AppContext.listen`);
   * `demand`: begins it at once, when a request waits for it ({@link wait}).
   */
  constructor(starting: Promise<NetworkParts>, demand: () => void = () => {}) {
    this.#demand = demand
    this.#started = starting.then(
      (parts) => {
        this.#state = 'started'
        this.#parts = parts
        return parts
      },
      (error: unknown) => {
        this.#state = 'failed'
        throw error
      },
    )
    // its failure is the daemon's to report (Daemon.run); a request only sees a 503
    this.#started.catch(() => {})
  }

  get state(): NetworkState {
    return this.#state
  }

  /** The parts, once started; undefined before. */
  get parts(): NetworkParts | undefined {
    return this.#parts
  }

  /** Resolves with the parts once started; rejects with the start's error. */
  get started(): Promise<NetworkParts> {
    return this.#started
  }

  /** The parts, for a handler behind {@link wait}: throws if the network is not started. */
  current(): NetworkParts {
    if (this.#parts === undefined) throw new NetworkStartingError()
    return this.#parts
  }

  /** Runs `use` with the parts once started (at once if they are); never if the start fails. */
  onStarted(use: (parts: NetworkParts) => void): void {
    if (this.#parts !== undefined) use(this.#parts)
    else this.#started.then(use, () => {})
  }

  /** Waits up to `ms` for the network; {@link NetworkStartingError} after that. */
  async wait(ms = NETWORK_WAIT_MS): Promise<NetworkParts> {
    if (this.#parts !== undefined) return this.#parts
    this.#demand() // a start held for the API to settle would wait for this request
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NetworkStartingError()), ms)
    })
    try {
      return await Promise.race([
        this.#started.catch((error: unknown) => {
          throw new NetworkFailedError(
            'The node could not start its network. De node kon zijn netwerk niet starten.',
            { cause: error },
          )
        }),
        timeout,
      ])
    } finally {
      clearTimeout(timer)
    }
  }
}

/** How often, and how long at most, a held start looks for its file. */
const HOLD_POLL_MS = 50
const HOLD_MAX_MS = 120_000

/**
 * Test only (`POLDER_FAULT_HOLD_NETWORK`): waits until `file` exists before the network's
 * chunk is even imported, so that a test sees the node serving while its network starts.
 */
export async function holdNetwork(file: string, signal: AbortSignal): Promise<void> {
  for (const deadline = Date.now() + HOLD_MAX_MS; Date.now() < deadline; ) {
    signal.throwIfAborted()
    try {
      await access(file)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, HOLD_POLL_MS))
    }
  }
  throw new Error(`POLDER_FAULT_HOLD_NETWORK: ${file} did not appear in ${HOLD_MAX_MS} ms`)
}

/**
 * Resolves after the event loop's next I/O phase: the network's start runs in steps that
 * each hold the thread (loading its chunk, libp2p's start, the collective's), and between
 * them the API answers what came meanwhile.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
