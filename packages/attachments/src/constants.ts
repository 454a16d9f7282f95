/** Defaults of the attachment service. Sizes in bytes, times in milliseconds. */

export const MIB = 1024 * 1024

/** Largest file accepted for upload. */
export const DEFAULT_MAX_BYTES = 200 * MIB

/** Bytes of followed organisations' attachments pinned automatically. */
export const DEFAULT_PIN_BUDGET = 2048 * MIB

/** Bytes of files fetched on demand (not pinned) kept until garbage collection runs early. */
export const DEFAULT_CACHE_BUDGET = 1024 * MIB

/** Share of the pin budget one followed organisation may take. */
export const ORG_PIN_SHARE = 0.25

/**
 * How long to look for a file's root block (locally, at connected peers, then through
 * the DHT) before calling it unavailable.
 */
export const DEFAULT_FIND_TIMEOUT = 30_000

/** How long one block of a file being read may take to arrive from peers. */
export const DEFAULT_BLOCK_TIMEOUT = 30_000

/** How often the pin policy is applied again (new follows, retried fetches). */
export const DEFAULT_RECONCILE_INTERVAL = 60_000

/** How often unpinned blocks (on-demand fetches, aborted uploads) are deleted. */
export const DEFAULT_GC_INTERVAL = 3_600_000

/**
 * Import settings that give the CID kubo gives with `ipfs add --cid-version=1`: CIDv1,
 * raw leaves, 256 KiB fixed-size chunks, a balanced DAG of at most 174 links per node.
 * (`@helia/unixfs` defaults to 1 MiB chunks and 1024 links, which no kubo default makes.)
 */
export const CHUNK_SIZE = 262_144
export const MAX_LINKS = 174

/**
 * Bytes of a file asked for at a time (32 blocks of 256 KiB), and how many such steps are
 * asked for ahead of the reader: the next step's wants leave as soon as the reader has
 * taken a step, while the step after it is still arriving, so the serving node always has
 * wants to answer (with one step, the fetch waited a want-list's round trip every 8 MiB).
 * Together they bound what a slow client makes the node hold.
 */
export const READ_STEP = 8 * MIB
export const READ_AHEAD_STEPS = 2
