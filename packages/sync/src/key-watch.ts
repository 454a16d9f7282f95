/**
 * The organisation's key in use on two machines at once: two writers of one log would
 * fork it. A message's signature proves the key that made it, so a message on one of the
 * collective's topics signed with this node's key that this node did not send is proof
 * that another machine runs the key. The store then refuses every further write to the
 * own log. A peer cannot fake this: it would need the key.
 *
 * Which messages this node sent: gossipsub numbers a process's messages from a counter
 * seeded with the clock (nanoseconds) when it loads, plus one a message. So this
 * process's messages are numbered from its start ({@link Epoch}) to a little after, and
 * so were those of the node's earlier processes on this data directory, whose epochs are
 * kept in a file. Peers may hand a node its own messages back late: after a restart from
 * gossip history, and on a loaded machine after gossipsub's seen cache (2 minutes) has
 * forgotten them; neither proves anything. A message numbered outside every epoch is
 * another machine's at once. Without the file (the first start on a data directory with
 * a copied key, or one written before epochs were kept) a message numbered from before
 * this process counts only once the gossip of a restart has passed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { Message } from '@libp2p/gossipsub'
import type { Store } from '@polder/store'
import type { SyncLibp2p } from './libp2p.js'

/** How long after its start a node may still hear its own messages of before (gossip history). */
export const STALE_GOSSIP_MS = 30_000
/**
 * Message numbers a process uses after its epoch's end, in nanoseconds of the counter's
 * seed: a hundred million messages, never reached. Another machine started within 0.1 s
 * of this one is taken for this one until it writes past it.
 */
export const OWN_NUMBERS = 100_000_000n
/** Earlier processes' epochs kept: restarts whose late gossip may still arrive. */
export const KEPT_EPOCHS = 16

/** A process of this node: its messages are numbered from `fromMs` to a little after `toMs`. */
export interface Epoch {
  readonly fromMs: number
  readonly toMs: number
}

const NS = 1_000_000n

const isOwn = (seqno: bigint, epoch: Epoch) =>
  seqno >= BigInt(Math.floor(epoch.fromMs)) * NS &&
  seqno <= BigInt(Math.ceil(epoch.toMs)) * NS + OWN_NUMBERS

/**
 * Whether a message signed with this node's key, numbered `seqno`, received `now`, can
 * only be another machine's. `epochs` are this process's and the earlier ones known;
 * `earlierKnown` says whether the earlier ones were read (else older numbers get the
 * grace of {@link STALE_GOSSIP_MS} after `startedAt`).
 */
export function provesKeyElsewhere(
  seqno: bigint | undefined,
  now: number,
  startedAt: number,
  epochs: readonly Epoch[] = [],
  earlierKnown = false,
): boolean {
  if (seqno === undefined) return now - startedAt >= STALE_GOSSIP_MS
  if (epochs.some((epoch) => isOwn(seqno, epoch))) return false
  if (seqno >= BigInt(startedAt) * NS || earlierKnown) return true
  return now - startedAt >= STALE_GOSSIP_MS
}

/** Reads the earlier epochs and adds this one; undefined when there was no readable file. */
export function recordEpoch(file: string, current: Epoch): Epoch[] | undefined {
  let earlier: Epoch[] | undefined
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (Array.isArray(parsed))
      earlier = parsed.filter(
        (e): e is Epoch =>
          typeof e?.fromMs === 'number' && typeof e?.toMs === 'number' && e.fromMs <= e.toMs,
      )
  } catch {
    earlier = undefined // none yet, or unreadable: treated as unknown
  }
  const kept = [...(earlier ?? []).slice(-(KEPT_EPOCHS - 1)), current]
  try {
    // written whole or not at all: a torn file would make earlier epochs unknown
    writeFileSync(`${file}.tmp`, JSON.stringify(kept))
    renameSync(`${file}.tmp`, file)
  } catch {
    // a read-only or full disk: this process's epoch is still known in memory
  }
  return earlier
}

export class KeyWatch {
  readonly #store: Store
  readonly #libp2p: SyncLibp2p
  readonly #prefix: string
  readonly #startedAt = Date.now()
  readonly #epochs: Epoch[]
  readonly #earlierKnown: boolean

  constructor(init: {
    store: Store
    libp2p: SyncLibp2p
    collective: string
    /** Where this node's processes' epochs are kept; without it only this process's is known. */
    epochsFile?: string
  }) {
    this.#store = init.store
    this.#libp2p = init.libp2p
    this.#prefix = `/polder/${init.collective}/`
    // the counter was seeded when gossipsub loaded, after this process began
    const current: Epoch = { fromMs: performance.timeOrigin, toMs: this.#startedAt }
    const earlier =
      init.epochsFile === undefined ? undefined : recordEpoch(init.epochsFile, current)
    this.#epochs = [...(earlier ?? []), current]
    this.#earlierKnown = earlier !== undefined
  }

  start(): void {
    this.#libp2p.services.pubsub.addEventListener('message', this.#onMessage)
  }

  stop(): void {
    this.#libp2p.services.pubsub.removeEventListener('message', this.#onMessage)
  }

  readonly #onMessage = (event: CustomEvent<Message>): void => {
    const message = event.detail
    if (message.type !== 'signed' || !message.topic.startsWith(this.#prefix)) return
    if (!message.from.equals(this.#libp2p.peerId)) return
    const proves = provesKeyElsewhere(
      message.sequenceNumber,
      Date.now(),
      this.#startedAt,
      this.#epochs,
      this.#earlierKnown,
    )
    if (!proves) return
    this.#store.refuseWrites(
      `a message on ${message.topic} signed with this node's key that this node did not send`,
    )
  }
}
