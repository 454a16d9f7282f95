/**
 * Finds silently dead peers with yamux's ping frame, in place of libp2p's connection monitor.
 *
 * libp2p's monitor pings each connection by opening a stream (`/ipfs/ping/1.0.0`): a protocol
 * negotiation, 32 bytes each way and the closes, a peer-store write at both ends, a logger
 * scope and two abort timers (10 s and 30 s) at the answering end that wake its event loop
 * again long after the ping. Yamux carries a ping of its own, a 12-byte frame its muxer
 * answers as it reads it, which its keep-alive sent but never acted on (no timeout, no
 * close). Here each connection's muxer is pinged every interval; a connection whose answer
 * has not come within the timeout is closed, as libp2p's monitor did. The round trip is
 * noted on the connection's muxer (`rtt`), as before on the connection by the monitor; nothing
 * in libp2p or Polder reads either.
 */
import {
  type AbortOptions,
  type MessageStream,
  type StreamMuxer,
  type StreamMuxerFactory,
  TimeoutError,
} from '@libp2p/interface'

/** What of a muxer the watch uses: yamux's ping, its status and its abort. */
export interface PingableMuxer {
  readonly status: StreamMuxer['status']
  ping(options?: AbortOptions): Promise<number>
  abort(err: Error): void
}

export interface ConnectionWatchInit {
  /** How often each connection is pinged. */
  readonly intervalMs: number
  /** How long an answer may take before the connection is closed. */
  readonly timeoutMs: number
}

export class ConnectionWatch {
  readonly #init: ConnectionWatchInit
  /** Each open connection's muxer, with the (encrypted) connection it runs on. */
  readonly #watched = new Map<PingableMuxer, MessageStream>()
  #timer: NodeJS.Timeout | undefined

  constructor(init: ConnectionWatchInit) {
    this.#init = init
  }

  start(): void {
    // one timer for every connection: a node wakes once an interval, not once a connection
    this.#timer = setInterval(() => this.pingAll(), this.#init.intervalMs)
    this.#timer.unref()
  }

  stop(): void {
    clearInterval(this.#timer)
  }

  /** Watches `muxer` until `connection` closes; pings it once at once. */
  add(muxer: PingableMuxer, connection: MessageStream): void {
    this.#watched.set(muxer, connection)
    connection.addEventListener('close', () => this.#watched.delete(muxer), { once: true })
    // yamux grows a stream's receive window (256 KiB at first) only once it knows the
    // connection's round trip, which its keep-alive measured with a ping at the start: without
    // one, windows would not grow until the watch's first round a minute later. A first
    // ping's failure closes nothing.
    muxer.ping({ signal: AbortSignal.timeout(this.#init.timeoutMs) }).catch(() => undefined)
  }

  /** One round: pings every watched connection (what the timer runs; exposed for tests). */
  pingAll(): void {
    const signal = AbortSignal.timeout(this.#init.timeoutMs)
    for (const [muxer, connection] of this.#watched) {
      if (muxer.status !== 'open') continue
      muxer.ping({ signal }).catch((err: unknown) => {
        // a muxer closing meanwhile is not the peer's silence
        if (muxer.status !== 'open' || connection.status !== 'open') return
        // libp2p's monitor closed with a TimeoutError too (`polder_connections_closed_total`)
        const reason = signal.aborted
          ? new TimeoutError(`No answer to a ping within ${this.#init.timeoutMs} ms`)
          : (err as Error)
        // as the muxer does with a connection it cannot read: libp2p closes the connection
        muxer.abort(reason)
        connection.abort(reason)
      })
    }
  }
}

/** The muxers `factory` makes, each watched by `watch` from its creation until its connection closes. */
export function watchedMuxers<C, M extends StreamMuxer & PingableMuxer>(
  factory: (components: C) => StreamMuxerFactory<M>,
  watch: ConnectionWatch,
): (components: C) => StreamMuxerFactory<M> {
  return (components) => {
    const muxers = factory(components)
    const create = muxers.createStreamMuxer.bind(muxers)
    muxers.createStreamMuxer = (connection: MessageStream): M => {
      const muxer = create(connection)
      watch.add(muxer, connection)
      return muxer
    }
    return muxers
  }
}
