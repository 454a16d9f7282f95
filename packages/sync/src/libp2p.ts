/**
 * What the collective needs of the node's libp2p: gossipsub as its `pubsub` service, and
 * libp2p's own routing, dialling and protocol handling. The network package assembles a
 * node that has this and more.
 */
import type { GossipSub } from '@libp2p/gossipsub'
import type { Libp2p } from '@libp2p/interface'

// a type alias, not an interface: libp2p's ServiceMap needs an index signature
export type SyncLibp2p = Libp2p<{ pubsub: GossipSub }>
