/**
 * Who is a member of the collective, for the relay service: a peer whose organisation
 * announced itself with a valid signature (the announcer adds it to the directory only
 * then) and that this node has not blocked.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { PeerId } from '@libp2p/interface'
import { didFromEd25519PublicKey } from '@polder/schema'
import type { Store } from '@polder/store'

const POLL_MS = 250

/** The organisation (DID) of a peer: both come from the same Ed25519 key. */
export function didOfPeer(peer: PeerId): string | undefined {
  return peer.type === 'Ed25519' ? didFromEd25519PublicKey(peer.publicKey.raw) : undefined
}

/** The store's directory, as far as membership needs it. */
export type MemberDirectory = Pick<Store['directory'], 'has' | 'isBlocked'>

/**
 * A membership check on the store's directory. A peer not in it is waited for while the
 * asker's `signal` lets it: a node behind a NAT asks a relay for a slot within a second of
 * connecting, while its announcement comes through gossip a moment later. The relay service
 * bounds that wait so that libp2p's client gets its answer (`RELAY_MEMBER_WAIT_MS` of
 * @polder/net, 2.5 s); without a signal the directory answers at once. `directory` is
 * undefined while the store is still opening (the network starts before it, as the state
 * file is checked): a peer then waits as for its announcement.
 */
export function membership(
  directory: () => MemberDirectory | undefined,
): (peer: PeerId, options?: { signal?: AbortSignal }) => Promise<boolean> {
  const isMember = (did: string): boolean => {
    const members = directory()
    return members?.has(did) === true && !members.isBlocked(did)
  }
  return async (peer, options) => {
    const did = didOfPeer(peer)
    if (did === undefined) return false
    const signal = options?.signal
    while (!isMember(did)) {
      if (directory()?.isBlocked(did) === true || signal === undefined || signal.aborted)
        return false
      // aborted: the next turn of the loop answers from the directory as it is then
      await sleep(POLL_MS, undefined, { signal }).catch(() => undefined)
    }
    return true
  }
}
