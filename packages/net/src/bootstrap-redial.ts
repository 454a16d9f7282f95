/**
 * Dials the bootstrap peers again while the node has no connection at all. libp2p's
 * bootstrap module dials them once, a second after the start: a node whose dials were
 * refused (a relay busy with many members' handshakes at once) or that later lost every
 * connection (a busy machine, a network outage) stayed alone, since discovery searches
 * the DHT through connected peers and had none to ask. Seen in the national-scale
 * simulation: members with no connection for minutes, their copies incomplete.
 */
import type { Libp2p } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'

export interface BootstrapRedialInit {
  readonly libp2p: Pick<
    Libp2p,
    'dial' | 'getConnections' | 'addEventListener' | 'removeEventListener'
  >
  /** Multiaddrs (with /p2p/ peer ids) of the bootstrap peers. */
  readonly bootstrap: readonly string[]
  /** The first wait before dialling again, doubled after each attempt that left the node alone. @default 5_000 */
  readonly minDelayMs?: number
  /** @default 60_000 */
  readonly maxDelayMs?: number
}

const DIAL_TIMEOUT_MS = 10_000

/** What the redials did since the start: an operator's (and the simulation's) view of why a node is alone. */
export interface BootstrapRedials {
  /** Rounds in which the node, alone, dialled every bootstrap peer. */
  readonly rounds: number
  /** Failed dials by error name (a refused socket, a timed-out handshake, a gater's no). */
  readonly failures: Readonly<Record<string, number>>
  /** The last failure's message, if any. */
  readonly lastFailure: string | undefined
}

export class BootstrapRedial {
  readonly #init: BootstrapRedialInit
  readonly #minDelayMs: number
  readonly #maxDelayMs: number
  #delayMs: number
  #timer: NodeJS.Timeout | undefined
  #stopped = false
  readonly #controller = new AbortController()
  #rounds = 0
  readonly #failures: Record<string, number> = {}
  #lastFailure: string | undefined

  get redials(): BootstrapRedials {
    return { rounds: this.#rounds, failures: { ...this.#failures }, lastFailure: this.#lastFailure }
  }

  constructor(init: BootstrapRedialInit) {
    this.#init = init
    this.#minDelayMs = init.minDelayMs ?? 5_000
    this.#maxDelayMs = init.maxDelayMs ?? 60_000
    this.#delayMs = this.#minDelayMs
  }

  start(): void {
    this.#init.libp2p.addEventListener('peer:disconnect', this.#onDisconnect)
    // the bootstrap module's own dials may all fail: look once they had their time
    this.#schedule()
  }

  stop(): void {
    this.#stopped = true
    this.#controller.abort()
    clearTimeout(this.#timer)
    this.#init.libp2p.removeEventListener('peer:disconnect', this.#onDisconnect)
  }

  readonly #onDisconnect = (): void => {
    if (this.#alone() && this.#timer === undefined) this.#schedule()
  }

  #alone(): boolean {
    return this.#init.libp2p.getConnections().length === 0
  }

  #schedule(): void {
    clearTimeout(this.#timer)
    this.#timer = setTimeout(() => void this.#check(), this.#delayMs)
    this.#timer.unref()
  }

  async #check(): Promise<void> {
    this.#timer = undefined
    if (this.#stopped) return
    if (!this.#alone()) {
      this.#delayMs = this.#minDelayMs
      return
    }
    const signal = AbortSignal.any([this.#controller.signal, AbortSignal.timeout(DIAL_TIMEOUT_MS)])
    this.#rounds++
    const dials = await Promise.allSettled(
      this.#init.bootstrap.map((address) => this.#init.libp2p.dial(multiaddr(address), { signal })),
    )
    for (const dial of dials) {
      if (dial.status === 'fulfilled') continue
      const error: unknown = dial.reason
      const name = error instanceof Error ? error.name : 'Error'
      this.#failures[name] = (this.#failures[name] ?? 0) + 1
      this.#lastFailure = error instanceof Error ? error.message : String(error)
    }
    if (this.#stopped || !this.#alone()) {
      this.#delayMs = this.#minDelayMs
      return
    }
    this.#delayMs = Math.min(this.#delayMs * 2, this.#maxDelayMs)
    this.#schedule()
  }
}
