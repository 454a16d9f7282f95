/**
 * Counts the bytes one simulated node sends and receives: a libp2p `metrics` hook that
 * wraps `send` and `onData` of every connection libp2p upgrades (the raw TCP bytes, noise
 * and yamux included) and of every protocol stream (the payload per protocol: gossipsub,
 * the DHT, sync, identify …). It observes only: no listener is added, so no stream's data
 * is consumed or reordered. Every other metric libp2p registers is a no-op.
 */
import type { Metrics, MultiaddrConnection, Stream } from '@libp2p/interface'

export interface Traffic {
  /** Bytes on the node's connections, both ways. */
  in: number
  out: number
  /** Payload bytes per protocol (protocol streams), both ways. */
  readonly protocols: Record<string, { in: number; out: number }>
}

/** What `send` and `onData` are handed: bytes or a list of them (Uint8ArrayList). */
interface Sized {
  readonly byteLength: number
}

/** The two methods of libp2p's AbstractMessageStream the meter wraps. */
interface Metered {
  send(data: Sized): boolean
  onData(data: Sized): void
}

const noop = (): void => undefined
const timer = () => noop
const metric = {
  update: noop,
  increment: noop,
  decrement: noop,
  reset: noop,
  observe: noop,
  timer,
}

export class ByteMeter {
  readonly traffic: Traffic = { in: 0, out: 0, protocols: {} }

  /** The `metrics` option of createLibp2p. */
  readonly metrics = (): Metrics => {
    const register = (_name: string, options?: { calculate?: unknown }) =>
      options?.calculate === undefined ? metric : undefined
    const metrics = {
      trackMultiaddrConnection: (connection: MultiaddrConnection) =>
        this.#wrap(connection, (bytes, way) => {
          this.traffic[way] += bytes
        }),
      trackProtocolStream: (stream: Stream) => {
        const protocol = stream.protocol ?? 'unknown'
        const counts = this.traffic.protocols
        this.#wrap(stream, (bytes, way) => {
          counts[protocol] ??= { in: 0, out: 0 }
          counts[protocol][way] += bytes
        })
      },
      registerMetric: register,
      registerMetricGroup: register,
      registerCounter: register,
      registerCounterGroup: register,
      registerHistogram: register,
      registerHistogramGroup: register,
      registerSummary: register,
      registerSummaryGroup: register,
      createTrace: () => undefined,
      traceFunction: <F>(_name: string, fn: F) => fn,
    }
    // the register* overloads (a metric, or nothing for a calculated one) are not
    // expressible on one arrow function; each returns what its overload promises
    return metrics as unknown as Metrics
  }

  #wrap(target: MultiaddrConnection | Stream, count: (bytes: number, way: 'in' | 'out') => void) {
    const stream = target as unknown as Metered
    if (typeof stream.send !== 'function' || typeof stream.onData !== 'function') return
    const send = stream.send.bind(stream)
    const onData = stream.onData.bind(stream)
    stream.send = (data) => {
      count(data.byteLength, 'out')
      return send(data)
    }
    stream.onData = (data) => {
      count(data.byteLength, 'in')
      onData(data)
    }
  }
}
