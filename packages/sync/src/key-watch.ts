/**
 * The organisation's key in use on two machines at once: two writers of one log would
 * fork it. Gossipsub never hands a node its own messages back (their ids are in its seen
 * cache), and a message's signature proves the key that made it, so a message on one of
 * the collective's topics signed with this node's key is proof that another machine
 * runs the key. The store then refuses every further write to the own log. A peer cannot
 * fake this: it would need the key.
 */
import type { Message } from '@libp2p/gossipsub'
import type { Store } from '@polder/store'
import type { SyncLibp2p } from './libp2p.js'

export class KeyWatch {
  readonly #store: Store
  readonly #libp2p: SyncLibp2p
  readonly #prefix: string

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
    this.#store.refuseWrites(
      `a message on ${message.topic} signed with this node's key that this node did not send`,
    )
  }
}
