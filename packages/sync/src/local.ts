/**
 * What of the collective a node uses without its network (`@polder/sync/local`): its API
 * serves while the network starts, and this entry loads none of libp2p or gossipsub.
 */
import type { RecordState } from '@polder/schema'
import type { Store } from '@polder/store'

export { RateLimit } from './rate-limit.js'

/** An organisation's newest `organization` record this node holds, if any. */
export function latestProfile(store: Store, did: string): RecordState | undefined {
  const profiles = store.list({ kind: 'organization', author: did, limit: 1_000 })
  return profiles.sort((a, b) => (a.updated < b.updated ? 1 : -1))[0]
}
