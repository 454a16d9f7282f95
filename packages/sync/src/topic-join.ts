/**
 * When a node speaks up because a peer subscribed to a topic. Gossipsub reports a
 * subscription on every new connection (and again whenever a peer re-sends its
 * subscriptions), so in a collective where connections come and go (the DHT dialling,
 * relays, churn) "a peer subscribed" happens many times a minute. Answering each by
 * publishing to the whole topic made idle traffic grow with the connection events of
 * every member: at 20 nodes announcements came 50 times as often as their timer gives.
 * Only a node that had nobody on the topic until now speaks up (it just joined, or came
 * back from being cut off); the collective learns of new peers from their hello.
 */
import type { PeerId } from '@libp2p/interface'
import type { SyncLibp2p } from './libp2p.js'

export interface SubscriptionChange {
  readonly peerId: PeerId
  readonly subscriptions: readonly { readonly topic: string; readonly subscribe: boolean }[]
}

/**
 * Whether `change` is the first peer this node has on `topic`: it subscribed, and no
 * other peer is subscribed (gossipsub has recorded the subscription before it reports it).
 */
export function joinedAlone(
  libp2p: SyncLibp2p,
  topic: string,
  change: SubscriptionChange,
): boolean {
  if (!change.subscriptions.some((s) => s.topic === topic && s.subscribe)) return false
  const others = libp2p.services.pubsub
    .getSubscribers(topic)
    .filter((peer) => !peer.equals(change.peerId))
  return others.length === 0
}
