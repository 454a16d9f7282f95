/**
 * How long the peer store keeps a peer and its addresses on disk, and the sweep that removes
 * the expired ones.
 *
 * libp2p's peer store drops an address not observed (merged, as identify does) within
 * `maxAddressAge` whenever it reads a peer, and deletes a peer not updated within
 * `maxPeerAge` that has no such address left, but only when it reads that peer
 * (`@libp2p/peer-store` store.js `#peerIsExpired`): its own reads at start (the reconnect
 * queue's, kad-dht's) filter first, so a peer met once, untagged and never seen again, was
 * never read and stayed in the LevelDB for good. The sweep reads every peer once at start.
 */
import type { PeerStore } from '@libp2p/interface'

export interface PeerExpiry {
  /** An address not observed for this long is forgotten. */
  readonly addressAgeMs: number
  /** A peer not updated for this long, with no address left, is deleted. */
  readonly peerAgeMs: number
}

/**
 * A week for both (libp2p's: an hour and six hours, made for a store in memory): a member
 * offline for a weekend, or a node stopped that long, still finds the others at the
 * addresses it knew. Stale addresses cost a failed dial each; a member's server rarely moves.
 */
export const PEER_EXPIRY: PeerExpiry = {
  addressAgeMs: 7 * 24 * 3_600_000,
  peerAgeMs: 7 * 24 * 3_600_000,
}

/** Reads every peer once, which deletes the expired (libp2p's rule); how many are left. */
export async function sweepExpiredPeers(peerStore: PeerStore): Promise<number> {
  return (await peerStore.all()).length
}
