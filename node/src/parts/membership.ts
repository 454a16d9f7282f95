/**
 * Who is a member of the collective, for the relay service: a peer whose organisation
 * announced itself with a valid signature (the announcer adds it to the directory only
 * then) and that this node has not blocked.
 */
import type { PeerId } from '@libp2p/interface'
import { didFromEd25519PublicKey } from '@polder/schema'
import type { Store } from '@polder/store'

/**
 * How long a reservation waits for the announcement of a peer that just connected: a
 * node behind a NAT asks the relay for a slot within a second of connecting, while its
 * announcement comes through gossip a moment later.
 */
export const ANNOUNCEMENT_WAIT_MS = 15_000
const POLL_MS = 250

/** The organisation (DID) of a peer: both come from the same Ed25519 key. */
export function didOfPeer(peer: PeerId): string | undefined {
  return peer.type === 'Ed25519' ? didFromEd25519PublicKey(peer.publicKey.raw) : undefined
}

/** The store's directory, as far as membership needs it. */
export type MemberDirectory = Pick<Store['directory'], 'has' | 'isBlocked'>

/**
 * A membership check on the store's directory, waiting up to `waitMs` for an announcement.
 * `directory` is undefined while the store is still opening (the network starts before it,
 * as the state file is checked): a peer then waits as for its announcement.
 */
export function membership(
  directory: () => MemberDirectory | undefined,
  waitMs = ANNOUNCEMENT_WAIT_MS,
): (peer: PeerId) => Promise<boolean> {
  const isMember = (did: string): boolean => {
    const members = directory()
    return members?.has(did) === true && !members.isBlocked(did)
  }
  return async (peer) => {
    const did = didOfPeer(peer)
    if (did === undefined) return false
    for (const deadline = Date.now() + waitMs; !isMember(did); ) {
      if (directory()?.isBlocked(did) === true || Date.now() >= deadline) return false
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
    return true
  }
}
