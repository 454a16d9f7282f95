/**
 * The collective's kad-dht with what answering other nodes costs bounded: its reads of the
 * peer store go through {@link DhtPeerStore} (each peer decoded once, not once an answer) and
 * its answers through {@link AnswerGate} (a few at a time across all connections, a bounded
 * number waiting). The store is handed to kad-dht as its `peerStore` component (its public
 * factory); the gate wraps kad-dht's internal `rpc.handleMessage`, which every inbound request
 * passes through, and the node refuses to start if a later kad-dht lacks it.
 */
import { type KadDHT, type KadDHTComponents, type KadDHTInit, kadDHT } from '@libp2p/kad-dht'
import { AnswerGate } from './dht-answer-gate.js'
import { DhtPeerStore } from './dht-peer-store.js'

/** Answers to other nodes' DHT requests made at once. */
export const DHT_ANSWERS_AT_ONCE = 4

/**
 * Requests held waiting for their turn beyond those; more are refused. A waiting request holds
 * its decoded message (a key of ~40 bytes) and its stream: 256 cost well under a megabyte, and
 * take an unstarved node a fraction of a second to answer.
 */
export const DHT_REQUESTS_WAITING = 256

/**
 * How long kad-dht waits for a request and its answer before it resets the stream (its
 * `incomingMessageTimeout`, whose default this is, set here so that the gate's wait is the same).
 */
export const DHT_REQUEST_TIMEOUT_MS = 10_000

export interface DhtServingInit {
  /** @default {@link DHT_ANSWERS_AT_ONCE} */
  readonly atOnce?: number
  /** @default {@link DHT_REQUESTS_WAITING} */
  readonly waiting?: number
}

/** What answering other nodes costs the node now, and has cost since it started. */
export class DhtServing {
  readonly #gate: AnswerGate
  #peers: DhtPeerStore | undefined
  readonly #requests: Record<string, number> = {}

  constructor(init: DhtServingInit = {}) {
    this.#gate = new AnswerGate({
      atOnce: init.atOnce ?? DHT_ANSWERS_AT_ONCE,
      waiting: init.waiting ?? DHT_REQUESTS_WAITING,
      waitMs: DHT_REQUEST_TIMEOUT_MS,
    })
  }

  /** Answers in the making now. */
  get answering(): number {
    return this.#gate.answering
  }

  /** Requests waiting for their turn now. */
  get waiting(): number {
    return this.#gate.waiting
  }

  /** Requests refused since start: too many waited when they came. */
  get refused(): number {
    return this.#gate.refused
  }

  /** Requests refused since start when their turn came: they had waited past their timeout. */
  get expired(): number {
    return this.#gate.expired
  }

  /** Requests answered since start. */
  get answered(): number {
    return this.#gate.answered
  }

  /** The most answers in the making at once since start. */
  get mostAtOnce(): number {
    return this.#gate.mostAtOnce
  }

  /**
   * Other nodes' requests since start by kad-dht's message type (`FIND_NODE`, `GET_PROVIDERS`,
   * `ADD_PROVIDER`, …), counted as they come, whether answered or refused: what the
   * collective's walks ask of this node.
   */
  get requests(): Readonly<Record<string, number>> {
    return this.#requests
  }

  /** Reads of libp2p's peer store the DHT made (each a decode); the rest came decoded. */
  get peerReads(): number {
    return this.#peers?.reads ?? 0
  }

  /** kad-dht's factory for libp2p's services, with `init` and the bounds above. */
  service(init: KadDHTInit): (components: KadDHTComponents) => KadDHT {
    const create = kadDHT({ ...init, incomingMessageTimeout: DHT_REQUEST_TIMEOUT_MS })
    return (components) => {
      const peerStore = new DhtPeerStore(components.peerStore, components.events)
      this.#peers = peerStore
      // the components libp2p hands the DHT, with our view of the peer store in place of its own
      // (read now: libp2p makes services in the order named, `ping` before `dht`)
      const dht = create({
        peerId: components.peerId,
        privateKey: components.privateKey,
        registrar: components.registrar,
        addressManager: components.addressManager,
        peerStore,
        connectionManager: components.connectionManager,
        datastore: components.datastore,
        events: components.events,
        logger: components.logger,
        ping: components.ping,
        metrics: components.metrics,
      })
      const rpc = (dht as unknown as { rpc?: { handleMessage?: unknown } }).rpc
      if (rpc === undefined || typeof rpc.handleMessage !== 'function')
        throw new Error(
          '@libp2p/kad-dht no longer has rpc.handleMessage: dht-serving.ts needs updating',
        )
      // kad-dht's `handleMessage(peerId, message)`, the message decoded with its type named
      type Handle = (peer: unknown, message: { readonly type?: unknown }) => Promise<unknown>
      const handle = (rpc.handleMessage as Handle).bind(rpc)
      rpc.handleMessage = ((peer, message) => {
        const type = String(message?.type)
        this.#requests[type] = (this.#requests[type] ?? 0) + 1
        return this.#gate.answer(() => handle(peer, message))
      }) satisfies Handle
      return dht
    }
  }

  stop(): void {
    this.#gate.stop()
    this.#peers?.stop()
  }
}
