/** Files in the data directory. */
export const KEY_FILE = 'identity.key'
export const STATE_FILE = 'state.sqlite'

/** Log id of an organisation's log: deterministic, so followers derive it from the DID. */
export const logIdOf = (did: string): string => `/polder/log/1/${did}`

/**
 * Encoded states per log entry. `publishMany` splits larger batches; every entry stays
 * well under the size at which OrbitDB's own head exchange breaks (~256 KiB).
 */
export const MAX_ENTRY_PAYLOAD_BYTES = 192 * 1024
/** Record states in one log entry at most. */
export const MAX_STATES_PER_ENTRY = 1_000
/**
 * Earlier entries each entry points at besides its heads (OrbitDB's `refs`). They only
 * speed up OrbitDB's entry-by-entry fetching over bitswap, which Polder's bulk sync
 * replaces; each costs a lookup on every append.
 */
export const REFERENCES_COUNT = 0
/** Blocks kept decoded-ready in memory: the heads and the entries appends look at. */
export const BLOCK_CACHE_SIZE = 512

/**
 * Live vouches an organisation may have: publishing one more is refused, and followers
 * count at most this many of any voucher's newest (fewer where they are configured so).
 * It bounds how many identities a member, or a ring of members, can make trusted.
 */
export const MAX_LIVE_VOUCHES = 1_000
