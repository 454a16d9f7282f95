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

export class BootstrapRedial {
  readonly #init: BootstrapRedialInit
  readonly #minDelayMs: number
  readonly #maxDelayMs: number
  #delayMs: number
  #timer: NodeJS.Timeout | undefined
  #stopped = false
  readonly #controller = new AbortController()

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
    await Promise.allSettled(
      this.#init.bootstrap.map((address) => this.#init.libp2p.dial(multiaddr(address), { signal })),
    )
    if (this.#stopped || !this.#alone()) {
      this.#delayMs = this.#minDelayMs
      return
    }
    this.#delayMs = Math.min(this.#delayMs * 2, this.#maxDelayMs)
    this.#schedule()
  }
}
