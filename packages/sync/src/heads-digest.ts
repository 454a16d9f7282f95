/**
 * The periodic heads digest, kept from growing with every log of every member. Each node
 * used to send the heads of every log it holds every interval, and every node received
 * all of them: N x F log heads an interval in a collective of N organisations following F
 * each (60,000 at 1,000 following 60). A log's heads need saying once an interval, by
 * anyone: a node leaves a replicated log out when another peer (its organisation's node,
 * or another holder) announced the same heads lately, as the profile relay does for
 * profiles (profile-relay.ts). And the messages themselves, one per member per interval,
 * were nearly all of a quiet collective's idle gossip: a node says its own logs' heads
 * when they changed since its digest last said them (a change also goes out live at once)
 * and otherwise every few intervals; "lately" above is that cadence, and followers skip
 * the check round trip while the organisation's node said its heads within it
 * (replicator.ts, OWN_QUIET_INTERVALS).
 *
 * What stays: a liar's claim of heads nobody holds silences nobody (an honest holder
 * holds other heads and still speaks), and a liar that claims the real heads and does not
 * serve them is an offence at the first pull, is ignored, and the holders it silenced
 * speak again at their next digest. A follower that knows the heads but no connected
 * holder finds one through the DHT (discovery.ts), as when the holders are offline.
 */

/** The newest heads of a log announced on the heads topic by another peer. */
export interface HeardHeads {
  /** The heads, sorted and joined. */
  readonly heads: string
  readonly at: number
}

export const headsKey = (heads: readonly string[]): string => [...heads].sort().join(',')

/**
 * Whether this node still says a replicated log's `heads` in its digest: not when another
 * peer announced the same heads since `since`.
 */
export function stillToDigest(
  heard: HeardHeads | undefined,
  heads: string,
  since: number,
): boolean {
  return heard === undefined || heard.heads !== heads || heard.at < since
}

/**
 * Heads said per log that are remembered. While a log changes (live messages, a few a
 * second when its organisation publishes in a row) a holder's heads may match any of the
 * last few said, not only the newest: remembering only the newest made every holder a
 * step behind or ahead say its heads in every digest, and its hearers say theirs in turn.
 */
const SAID_PER_LOG = 8

/** The heads lately said per log, from other peers' heads messages. */
export class HeardDigests {
  /** Per log: heads key -> when last said, oldest first. */
  readonly #heard = new Map<string, Map<string, number>>()

  /** `heads` of `did`'s log, announced by another peer now. */
  heard(did: string, heads: readonly string[], at = Date.now()): void {
    let said = this.#heard.get(did)
    if (said === undefined) {
      said = new Map()
      this.#heard.set(did, said)
    }
    const key = headsKey(heads)
    said.delete(key)
    said.set(key, at)
    if (said.size > SAID_PER_LOG) said.delete(said.keys().next().value as string)
  }

  stillToSay(did: string, heads: readonly string[], since: number): boolean {
    const key = headsKey(heads)
    const at = this.#heard.get(did)?.get(key)
    return stillToDigest(at === undefined ? undefined : { heads: key, at }, key, since)
  }

  /** Forgets logs no longer held. */
  keepOnly(held: ReadonlySet<string>): void {
    for (const did of this.#heard.keys()) if (!held.has(did)) this.#heard.delete(did)
  }
}
