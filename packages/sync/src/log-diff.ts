/**
 * The holder's side of moving a log in bulk: which entries a peer lacks (walking back
 * from our heads to what the peer has) and those entries read oldest first, in batches,
 * each with the identity blocks it names. Oldest first means every batch is closed under
 * its past: each entry's `next` and `refs` are in the batch or already held, so the
 * follower joins each batch on its own (the store's `joinSegment`).
 */
import * as dagCbor from '@ipld/dag-cbor'
import { readCanonicalDagCbor } from '@polder/schema'
import type { Segment, Store } from '@polder/store'
import { LogNotHeldError } from '@polder/store'

/** What walking a log needs of it: its heads and its stored blocks. */
export interface LogBlocks {
  /** The heads' hashes, without decoding the entries (OrgLog's, for one head). */
  headHashes(): Promise<readonly string[]>
  bytes(hash: string): Promise<Uint8Array | undefined>
  /** How many entries the log holds. */
  entryCount(): number
}

interface EntryLinks {
  /** The entries this one follows. */
  readonly next: readonly string[]
  /** Its Lamport time: greater than that of every entry it follows. */
  readonly time: number
  /** The hash of the identity block that signed it. */
  readonly identity: string | undefined
}

/**
 * Links of blocks decoded already, by the very bytes (the store's block cache hands out the
 * same array for a recent block): each announcement of a group commit walks the last few
 * entries again, and decoding a whole entry (tens of KiB of records) for its links was
 * most of that walk's cost.
 */
const decodedLinks = new WeakMap<Uint8Array, EntryLinks>()

/** The links of an entry block, read without verifying it (for walking a held log only). */
function entryLinks(bytes: Uint8Array): EntryLinks {
  let links = decodedLinks.get(bytes)
  if (links === undefined) {
    links = decodeLinks(bytes)
    decodedLinks.set(bytes, links)
  }
  return links
}

function decodeLinks(bytes: Uint8Array): EntryLinks {
  // read in one pass when canonical (as OrbitDB writes every entry), the records not copied
  const value = (readCanonicalDagCbor(bytes, { views: true }) ?? dagCbor.decode(bytes)) as {
    next?: unknown
    clock?: { time?: unknown }
    identity?: unknown
  }
  return {
    next: Array.isArray(value.next) ? value.next.filter((hash) => typeof hash === 'string') : [],
    time: typeof value.clock?.time === 'number' ? value.clock.time : 0,
    identity: typeof value.identity === 'string' ? value.identity : undefined,
  }
}

/** What a peer lacks of a log: the holder's heads and the missing entries, oldest first. */
export interface LogDiff {
  readonly heads: readonly string[]
  readonly missing: readonly string[]
  /**
   * The identity block each missing entry names, as the walk read it, so that sending the
   * entries reads each block once more and decodes none again.
   */
  readonly identities: ReadonlyMap<string, string | undefined>
  /**
   * Blocks of missing entries as the walk read them, the oldest (sent first) up to
   * {@link KEPT_BYTES}: sending them reads them from the store no second time. Reading the
   * batches takes each out as it is sent.
   */
  readonly blocks?: Map<string, Uint8Array>
}

/**
 * Bytes of the walk's blocks kept for sending: a log of 10,000 one-record entries (~13 MiB)
 * whole, of a larger log its oldest part (each block read twice was a third of a holder's
 * CPU in a cold sync).
 */
export const KEPT_BYTES = 16 * 1024 * 1024

/**
 * The entries of `log` that a peer holding `have` lacks: everything reachable from our
 * heads that is not in `have` or behind it (a peer that holds an entry holds its past).
 */
async function diffHeld(
  log: LogBlocks,
  have: readonly string[],
  from?: readonly string[],
): Promise<LogDiff> {
  const heads = [...(from ?? (await log.headHashes()))]
  const stop = new Set(have)
  const seen = new Set<string>()
  const found: { hash: string; time: number }[] = []
  const identities = new Map<string, string | undefined>()
  // in the order the walk found them (newest first), so the first are the first to go
  const blocks = new Map<string, Uint8Array>()
  let kept = 0
  const stack = heads.filter((hash) => !stop.has(hash))
  while (stack.length > 0) {
    const hash = stack.pop() as string
    if (seen.has(hash)) continue
    seen.add(hash)
    const block = await log.bytes(hash)
    if (block === undefined) continue
    const links = entryLinks(block)
    found.push({ hash, time: links.time })
    identities.set(hash, links.identity)
    blocks.set(hash, block)
    kept += block.byteLength
    while (kept > KEPT_BYTES) {
      const [newest, bytes] = blocks.entries().next().value as [string, Uint8Array]
      blocks.delete(newest)
      kept -= bytes.byteLength
    }
    for (const next of links.next) if (!seen.has(next) && !stop.has(next)) stack.push(next)
  }
  // Lamport time orders an entry after everything it points to
  found.sort((a, b) => a.time - b.time || (a.hash < b.hash ? -1 : 1))
  return { heads, missing: found.map((entry) => entry.hash), identities, blocks }
}

/**
 * The smallest batch: the first and the last of a pull are about this size. The follower
 * checks a batch on its worker while its main thread joins the one before, so the first
 * batch's check and the last one's join are the only parts that nothing overlaps: at 1 MiB
 * (~750 one-record entries) each took 0.1-0.2 s of a 3-s cold sync of 10,000 entries.
 */
export const FIRST_BATCH_BYTES = 64 * 1024

/**
 * How many bytes the next batch should carry: as many as were sent before it (doubling
 * from {@link FIRST_BATCH_BYTES}), at most half of what is left (halving towards the end),
 * and never more than `most`.
 */
export function batchTarget(sent: number, left: number, most: number): number {
  return Math.min(most, Math.max(FIRST_BATCH_BYTES, Math.min(sent, Math.ceil(left / 2))))
}

/**
 * Reads the missing entries in batches of about `batchBytes` at most, each with its
 * identities: small ones first and last ({@link batchTarget}), so that the follower's
 * check of one overlaps its join of the other from the start to the end.
 */
async function* batchesOf(
  log: LogBlocks,
  { missing, identities: identityOf, blocks }: Pick<LogDiff, 'missing' | 'identities' | 'blocks'>,
  batchBytes = 1024 * 1024,
): AsyncGenerator<Segment> {
  const sentIdentities = new Set<string>()
  let entries: Uint8Array[] = []
  let identities: Uint8Array[] = []
  let bytes = 0
  // bytes sent in earlier batches, and entries read so far: what is left is estimated
  // from the entries' average size
  let sent = 0
  let read = 0
  let target = batchTarget(0, Number.POSITIVE_INFINITY, batchBytes)
  for (const hash of missing) {
    const walked = blocks?.get(hash)
    blocks?.delete(hash)
    const block = walked ?? (await log.bytes(hash))
    read++
    if (block === undefined) continue
    // the walk decoded every missing entry already; one it did not is decoded here
    const identity = identityOf.has(hash) ? identityOf.get(hash) : entryLinks(block).identity
    if (identity !== undefined && !sentIdentities.has(identity)) {
      const identityBlock = await log.bytes(identity)
      if (identityBlock !== undefined) {
        sentIdentities.add(identity)
        identities.push(identityBlock)
      }
    }
    entries.push(block)
    bytes += block.byteLength
    if (bytes >= target) {
      yield { entries, identities }
      sent += bytes
      const left = ((missing.length - read) * sent) / read
      target = batchTarget(sent, left, batchBytes)
      entries = []
      identities = []
      bytes = 0
    }
  }
  if (entries.length > 0) yield { entries, identities }
}

/**
 * What a peer holding `have` lacks of `did`'s log: our heads (or the committed heads
 * `from`, read earlier) and the missing entries, oldest first, read under the writer's
 * lock (the heads and their past are committed). Undefined when this node does not hold
 * the log.
 */
export function diffLog(
  store: Pick<Store, 'readLog'>,
  did: string,
  have: readonly string[],
  from?: readonly string[],
): Promise<LogDiff | undefined> {
  return store.readLog(did, (log) => diffHeld(log, have, from))
}

/**
 * What a peer that holds nothing of `did`'s log lacks, without walking it: our heads and
 * how many entries the log holds (every one is behind a head). Undefined when this node
 * does not hold the log.
 */
export function logSummary(
  store: Pick<Store, 'readLog'>,
  did: string,
): Promise<{ heads: readonly string[]; entries: number } | undefined> {
  return store.readLog(did, async (log) => ({
    heads: await log.headHashes(),
    entries: log.entryCount(),
  }))
}

/** The blocks of the missing entries of a diff, in batches of about `batchBytes`. */
export function readBatches(
  store: Pick<Store, 'log'>,
  did: string,
  diff: Pick<LogDiff, 'missing' | 'identities' | 'blocks'>,
  batchBytes?: number,
): AsyncGenerator<Segment> {
  const log = store.log(did)
  if (log === undefined) throw new LogNotHeldError(did)
  return batchesOf(log, diff, batchBytes)
}
