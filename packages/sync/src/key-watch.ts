/**
 * The organisation's key in use on two machines at once: two writers of one log would
 * fork it. Gossipsub never hands a node its own messages back (their ids are in its seen
 * cache), and a message's signature proves the key that made it, so a message on one of
 * the collective's topics signed with this node's key is proof that another machine
 * runs the key. The store then refuses every further write to the own log. A peer cannot
 * fake this: it would need the key.
 *
 * One exception: this same node's messages from before a restart, which peers may still
 * gossip for a few seconds (gossipsub keeps 5 s of history) and which the new process has
 * not seen. Gossipsub numbers a process's messages from its start time in nanoseconds, so
 * a message numbered from after this process started is another machine's at once; one
 * numbered from before counts only once that history has passed ({@link STALE_GOSSIP_MS}).
 */
import type { Message } from '@libp2p/gossipsub'
import type { Store } from '@polder/store'
import type { SyncLibp2p } from './libp2p.js'

/** How long after its start a node may still hear its own messages of before (gossip history). */
export const STALE_GOSSIP_MS = 30_000

/**
 * Whether a message signed with this node's key, numbered `seqno`, received `now`, can
 * only be another machine's, for a process that started at `startedAt` (ms).
 */
export function provesKeyElsewhere(
  seqno: bigint | undefined,
  now: number,
  startedAt: number,
): boolean {
  if (seqno !== undefined && seqno >= BigInt(startedAt) * 1_000_000n) return true
  return now - startedAt >= STALE_GOSSIP_MS
}

export class KeyWatch {
  readonly #store: Store
  readonly #libp2p: SyncLibp2p
  readonly #prefix: string
  readonly #startedAt = Date.now()

  constructor(init: { store: Store; libp2p: SyncLibp2p; collective: string }) {
    this.#store = init.store
    this.#libp2p = init.libp2p
    this.#prefix = `/polder/${init.collective}/`
  }

  start(): void {
    this.#libp2p.services.pubsub.addEventListener('message', this.#onMessage)
  }

  stop(): void {
    this.#libp2p.services.pubsub.removeEventListener('message', this.#onMessage)
  }

  readonly #onMessage = (event: CustomEvent<Message>): void => {
    const message = event.detail
    if (message.type !== 'signed' || !message.topic.startsWith(this.#prefix)) return
    if (!message.from.equals(this.#libp2p.peerId)) return
    if (!provesKeyElsewhere(message.sequenceNumber, Date.now(), this.#startedAt)) return
    this.#store.refuseWrites(
      `a message on ${message.topic} signed with this node's key that this node did not send`,
    )
  }
}
