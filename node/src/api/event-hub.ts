/**
 * Fans live events out to server-sent-event clients with bounded memory, whatever the
 * clients do. Each event is serialised once into a shared ring of recent events (at most
 * `ringBytes`); every client reads the ring from its own cursor and is written to only
 * while its socket takes data (backpressure), so a client never holds more than its
 * socket's buffer. A burst (a bulk of 10,000 records is ~4 MB of events at once) waits in
 * the ring for a reader that keeps up. A client so slow that the ring moved past its
 * cursor is dropped with a last `stream:dropped` event. At most `maxClients` streams.
 */
import type { ServerResponse } from 'node:http'

export interface EventHubLimits {
  /** Streams open at once; one more is refused (503). */
  readonly maxClients: number
  /** Bytes of recent events kept for clients that are behind, shared by all of them. */
  readonly ringBytes: number
  /**
   * How long a dropped client gets to read its last event before its socket is destroyed.
   * It counts against `maxClients` until then, so reconnecting cannot pile up sockets.
   */
  readonly dropGraceMs: number
}

export const EVENT_HUB_DEFAULTS: EventHubLimits = {
  maxClients: 100,
  ringBytes: 16 * 1024 * 1024,
  dropGraceMs: 60_000,
}

/** Bytes a client's response may hold unsent before the hub stops writing to it. */
const PENDING_BYTES = 64 * 1024

/** Recent serialised events, numbered; the oldest go once the ring holds too many bytes. */
class EventRing {
  readonly #maxBytes: number
  #chunks: Buffer[] = []
  /** Sequence number of `#chunks[#head]`. */
  #first = 0
  #head = 0
  #bytes = 0

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes
  }

  /** The sequence number the next event gets. */
  get next(): number {
    return this.#first + this.#chunks.length - this.#head
  }

  push(chunk: Buffer): void {
    this.#chunks.push(chunk)
    this.#bytes += chunk.byteLength
    while (this.#bytes > this.#maxBytes && this.#head < this.#chunks.length - 1) {
      this.#bytes -= (this.#chunks[this.#head] as Buffer).byteLength
      this.#head++
      this.#first++
    }
    // compact now and then rather than shifting on every eviction
    if (this.#head > 1_024 && this.#head * 2 > this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#head)
      this.#head = 0
    }
  }

  /** The sequence number of the oldest event still held. */
  get first(): number {
    return this.#first
  }

  /** The event numbered `seq`; undefined when it has left the ring. */
  get(seq: number): Buffer | undefined {
    return seq < this.#first ? undefined : this.#chunks[this.#head + seq - this.#first]
  }
}

export class EventHub {
  readonly limits: EventHubLimits
  readonly #ring: EventRing
  readonly #clients = new Set<EventClient>()
  #dropped = 0

  constructor(limits: Partial<EventHubLimits> = {}) {
    this.limits = { ...EVENT_HUB_DEFAULTS, ...limits }
    this.#ring = new EventRing(this.limits.ringBytes)
  }

  /** Streams open now (dropped ones until their socket is gone). */
  get clients(): number {
    return this.#clients.size
  }

  /** Slow clients dropped since start. */
  get dropped(): number {
    return this.#dropped
  }

  /** Takes a response as a stream of the events from now on; undefined when full. */
  admit(out: ServerResponse): EventClient | undefined {
    if (this.#clients.size >= this.limits.maxClients) return undefined
    const client = new EventClient(out, this.#ring, this.limits, {
      onDrop: () => this.#dropped++,
      onClose: () => this.#clients.delete(client),
    })
    this.#clients.add(client)
    return client
  }

  /** Sends one event to every client; serialised once. */
  broadcast(event: string, data: unknown): void {
    if (this.#clients.size === 0) return
    this.#ring.push(Buffer.from(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`))
    for (const client of this.#clients) client.pump()
  }

  /** Sends a comment to idle clients (keeps proxies from closing quiet streams). */
  heartbeat(): void {
    for (const client of this.#clients) client.comment('heartbeat')
  }
}

interface ClientHooks {
  onDrop(): void
  onClose(): void
}

export class EventClient {
  readonly #out: ServerResponse
  readonly #ring: EventRing
  readonly #limits: EventHubLimits
  readonly #hooks: ClientHooks
  #cursor: number
  #dropped = false
  /** Bytes handed to the response whose write has not completed (reached the kernel). */
  #pending = 0

  constructor(out: ServerResponse, ring: EventRing, limits: EventHubLimits, hooks: ClientHooks) {
    this.#out = out
    this.#ring = ring
    this.#limits = limits
    this.#hooks = hooks
    this.#cursor = ring.next
    out.on('close', hooks.onClose)
    out.on('error', () => undefined)
  }

  /** Writes what the client has not had yet, as long as its socket takes it. */
  pump(): void {
    if (this.#dropped) return
    // checked even while the socket is full: a client that stopped reading is found here
    if (this.#cursor < this.#ring.first) {
      this.#drop(this.#ring.next - this.#cursor)
      return
    }
    while (!this.#full() && this.#cursor < this.#ring.next) {
      const chunk = this.#ring.get(this.#cursor) as Buffer
      this.#cursor++
      this.#send(chunk)
    }
  }

  comment(text: string): void {
    if (this.#full() || this.#dropped) return
    this.#send(Buffer.from(`: ${text}\n\n`))
  }

  /**
   * Writes and counts the bytes until their write completes. Neither write()'s answer nor
   * the response's writableLength tells reliably what waits in the socket (Node.js 26
   * queues below both), the completion callback does.
   */
  #send(chunk: Buffer): void {
    this.#pending += chunk.byteLength
    this.#out.write(chunk, () => {
      this.#pending -= chunk.byteLength
      if (this.#pending < PENDING_BYTES / 2) this.pump()
    })
  }

  #full(): boolean {
    return this.#pending >= PENDING_BYTES
  }

  #drop(missed: number): void {
    this.#dropped = true
    this.#hooks.onDrop()
    const data = JSON.stringify({
      reason: 'slow-client',
      missed,
      detail: `This client read too slowly: ${missed} events left the node's buffer before it read them. Reconnect and fetch what changed.`,
    })
    this.#out.end(`event: stream:dropped\ndata: ${data}\n\n`)
    // the socket closes once the client has read it all (ending only the response would
    // keep the connection alive); a client that never reads never gets there: its socket
    // goes after a grace
    this.#out.socket?.end()
    setTimeout(() => this.#out.destroy(), this.#limits.dropGraceMs).unref()
  }
}
