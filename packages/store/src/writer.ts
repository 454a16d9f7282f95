/**
 * Writes record states to a log with group commit: operations that arrive in the same turn
 * of the event loop (the HTTP requests read together), in the turns right after it while
 * each still brings more (requests read one by one as their clients send them), or while
 * a write is in flight, go into the next log entry together, so many concurrent publishes
 * cost a handful of entries, signatures and heads announcements. Each operation is
 * prepared on its own (a refusal fails only its own), seeing the ones before it in the
 * batch; the batch commits its entries and their state in one transaction; a publish
 * resolves only after that commit.
 */
import type { DatabaseSync } from 'node:sqlite'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { encodeCanonical, type RecordState } from '@polder/schema'
import { MAX_ENTRY_PAYLOAD_BYTES, MAX_STATES_PER_ENTRY } from './constants.js'
import type { Mutex } from './mutex.js'
import type { OrgLog } from './org-log.js'
import { asyncTransaction } from './sqlite.js'
import type { Change, RecordTable } from './state.js'

/** Reads the current state of a record, seeing earlier operations of the same batch. */
export type Lookup = (id: string) => RecordState | undefined

/** A validated state to write, with its canonical encoding. */
export interface Staged {
  readonly state: RecordState
  readonly bytes: Uint8Array
}

/** Stages a state that validation has passed (createRecord, editRecord, retractRecord). */
export function stage(state: RecordState): Staged {
  return { state, bytes: encodeCanonical(state) }
}

/**
 * Turns one operation into the states to write; throws to refuse just this operation.
 * `earlier` are the states the batch's earlier operations staged, in order (the same
 * array, growing, for every operation of one batch).
 */
export type Prepare = (lookup: Lookup, earlier: readonly RecordState[]) => Staged[]

interface Pending {
  readonly prepare: Prepare
  resolve(states: RecordState[]): void
  reject(err: unknown): void
}

interface Prepared {
  readonly pending: Pending
  readonly staged: Staged[]
}

export interface WriterInit {
  readonly db: DatabaseSync
  readonly log: OrgLog
  readonly records: RecordTable
  readonly mutex: Mutex
  readonly onChanges: (changes: Change[]) => void
}

/** Operations drained into one batch at most (a batch may span several entries). */
const MAX_BATCH_OPERATIONS = 10_000

/**
 * A batch is held open for more turns of the event loop while each brings new operations,
 * until it holds this many: beyond that a group's fixed cost (entry, signature, transaction,
 * search commit, gossip) is a small share of its records', and waiting would only delay
 * the answers of those already in it.
 */
export const GATHER_OPERATIONS = 64

/**
 * Nor for longer than this much of the thread's CPU time (ms) since the batch opened: long
 * turns of other work (a replicated log applied a slice a turn) each bringing one publish
 * must not hold the first for 64 of them. CPU time, not wall time: a process the machine
 * does not schedule for a while has done no other work meanwhile.
 */
export const GATHER_CPU_MS = 20

export class LogWriter {
  readonly #init: WriterInit
  #queue: Pending[] = []
  /** The running drain, if any; cleared in the same tick the queue is seen empty. */
  #draining: Promise<void> | undefined

  constructor(init: WriterInit) {
    this.#init = init
  }

  /** Queues an operation; resolves with its states once they are committed. */
  write(prepare: Prepare): Promise<RecordState[]> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ prepare, resolve, reject })
      this.#draining ??= this.#drain()
    })
  }

  async #drain(): Promise<void> {
    try {
      for (;;) {
        await this.#gather()
        if (this.#queue.length === 0) break
        const batch = this.#queue.splice(0, MAX_BATCH_OPERATIONS)
        await this.#init.mutex.run(() => this.#commit(batch))
      }
    } finally {
      // synchronous with the empty-queue check: a write after this starts a new drain
      this.#draining = undefined
    }
  }

  /**
   * Waits for the rest of this turn of the event loop (requests read in it join the batch),
   * then for one more turn, and more while each brings new operations. Without the turn
   * after, the first request of a burst, read alone (the other clients' not sent yet),
   * committed alone: a group of one costs a whole entry, signature, transaction and search
   * commit, and over HTTP such groups came between the large ones. An idle turn costs a
   * lone publish microseconds: no timer, the loop polls without blocking while an immediate
   * waits.
   */
  async #gather(): Promise<void> {
    const opened = process.threadCpuUsage()
    await nextTurn()
    let seen: number
    do {
      seen = this.#queue.length
      if (seen === 0 || seen >= GATHER_OPERATIONS || cpuMsSince(opened) >= GATHER_CPU_MS) return
      await nextTurn()
    } while (this.#queue.length > seen)
  }

  async #commit(batch: Pending[]): Promise<void> {
    const { db, log, records, onChanges } = this.#init
    const overlay = new Map<string, RecordState>()
    /** Ids found without a stored row, not yet written: `apply` need not read them again. */
    const unstored = new Set<string>()
    const lookup: Lookup = (id) => {
      const staged = overlay.get(id)
      if (staged !== undefined) return staged
      const stored = records.get(log.did, id)
      if (stored === undefined) unstored.add(id)
      return stored
    }
    // the mutex holds other writes off until this batch has committed
    const knownNew = (state: RecordState) => state.author === log.did && unstored.delete(state.id)
    const prepared: Prepared[] = []
    let changes: Change[]
    try {
      // the batch is prepared inside its transaction: outside one, every lookup of a record's
      // row is a read transaction of its own (SQLite takes and drops its WAL read lock for
      // each statement: ~5 µs a lookup against ~0.5 µs in one transaction, measured), and
      // what the operations saw is then the snapshot their states are written on
      changes = await asyncTransaction(db, async () => {
        prepareAll(batch, lookup, (item) => {
          prepared.push(item)
          for (const { state } of item.staged) overlay.set(state.id, state)
        })
        const applied: Change[] = []
        for (const chunk of chunks(prepared)) {
          const entry = await log.append({ v: 1, states: chunk.map(({ bytes }) => bytes) })
          applied.push(
            ...records.apply(
              entry.hash,
              chunk.map(({ state }) => state),
              { knownNew },
            ),
          )
        }
        return applied
      })
    } catch (err) {
      // every operation of the batch fails with it (one refused already stays refused)
      for (const pending of batch) pending.reject(err)
      return
    }
    if (prepared.length === 0) return
    for (const { pending, staged } of prepared) pending.resolve(staged.map(({ state }) => state))
    onChanges(changes)
  }

  /** Resolves when everything queued so far is written (or refused). */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining
  }
}

/**
 * Prepares each operation of a batch in order, each seeing the states the ones before it
 * staged; one that throws is refused alone (its promise rejected), the rest go on.
 */
function prepareAll(batch: Pending[], lookup: Lookup, onPrepared: (item: Prepared) => void): void {
  const earlier: RecordState[] = []
  for (const pending of batch) {
    let staged: Staged[]
    try {
      staged = pending.prepare(lookup, earlier)
    } catch (err) {
      pending.reject(err)
      continue
    }
    onPrepared({ pending, staged })
    for (const { state } of staged) earlier.push(state)
  }
}

/** CPU time (user + system) this thread spent since `start`, in ms. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.threadCpuUsage(start)
  return (user + system) / 1000
}

/** Splits the batch's states into entry payloads within the entry limits. */
function* chunks(prepared: Prepared[]): Generator<Staged[]> {
  let chunk: Staged[] = []
  let bytes = 0
  for (const item of prepared) {
    for (const staged of item.staged) {
      const size = staged.bytes.byteLength
      const full = chunk.length >= MAX_STATES_PER_ENTRY || bytes + size > MAX_ENTRY_PAYLOAD_BYTES
      if (chunk.length > 0 && full) {
        yield chunk
        chunk = []
        bytes = 0
      }
      chunk.push(staged)
      bytes += size
    }
  }
  if (chunk.length > 0) yield chunk
}
