/**
 * Who may write an organisation's log: only the organisation's own key. Every entry,
 * ours or a peer's, is checked here before OrbitDB stores it, and its payload is
 * validated record by record, so nothing unverified reaches the state.
 */
import { Entry, type Identities, type LogEntry } from '@orbitdb/core'
import {
  decodeState,
  EncodingError,
  LIMITS,
  type RecordState,
  RecordValidationError,
} from '@polder/schema'
import { logIdOf, MAX_ENTRY_PAYLOAD_BYTES, MAX_STATES_PER_ENTRY } from './constants.js'
import { publicKeyHexOf } from './identity.js'

/**
 * What a log entry of Polder carries: record states (new versions and tombstones), each
 * as its canonical DAG-CBOR bytes. Each state stays verifiable and hashable on its own,
 * and an entry costs no second encoding of its records.
 */
export interface Payload {
  readonly v: 1
  readonly states: readonly Uint8Array[]
}

/** The states of a payload, decoded and validated; throws on the first bad one. */
export function decodePayload(payload: Payload, did: string): RecordState[] {
  return payload.states.map((bytes, index) => {
    let state: RecordState
    try {
      state = decodeState(bytes)
    } catch (err) {
      if (err instanceof RecordValidationError) {
        const problem = err.problems[0]
        throw new Error(`state ${index} is invalid: ${problem?.path} ${problem?.message.en}`)
      }
      if (err instanceof EncodingError)
        throw new Error(`state ${index} is malformed: ${err.message}`)
      throw err
    }
    if (state.author !== did) throw new Error(`state ${index} is by another author`)
    return state
  })
}

export interface Rejection {
  readonly entry: string | undefined
  readonly reason: string
}

/** Checks an entry's payload: the shape, the limits, and every state valid and by `did`. */
export function checkPayload(
  payload: unknown,
  did: string,
): { states: RecordState[] } | { problem: string } {
  if (payload === null || typeof payload !== 'object')
    return { problem: 'the payload is not an object' }
  const { v, states } = payload as { v?: unknown; states?: unknown }
  if (v !== 1) return { problem: `unknown payload version ${String(v)}` }
  if (!Array.isArray(states) || states.length === 0)
    return { problem: 'the payload has no record states' }
  if (states.length > MAX_STATES_PER_ENTRY)
    return { problem: `more than ${MAX_STATES_PER_ENTRY} states` }
  let bytes = 0
  for (const state of states) {
    if (!(state instanceof Uint8Array)) return { problem: 'a state is not bytes' }
    bytes += state.byteLength
  }
  // one record may be up to its own limit even when alone in an entry
  if (bytes > MAX_ENTRY_PAYLOAD_BYTES + LIMITS.recordBytes)
    return { problem: 'the payload is too large' }
  try {
    return { states: decodePayload(payload as Payload, did) }
  } catch (err) {
    return { problem: (err as Error).message }
  }
}

/**
 * The access controller of `did`'s log. `onReject` hears why an entry was refused (OrbitDB
 * itself only says "not allowed").
 */
export function accessFor(
  did: string,
  identities: Identities,
  onReject: (rejection: Rejection) => void,
) {
  const key = publicKeyHexOf(did)
  const logId = logIdOf(did)
  // identity blocks are content-addressed: one that verified once verifies forever
  const verifiedIdentities = new Set<string>()
  // states of entries that passed, decoded once: the join applies them without decoding again
  const checkedStates = new Map<string, RecordState[]>()
  const reasonFor = async (entry: LogEntry): Promise<string | RecordState[]> => {
    if (entry.id !== logId) return 'the entry belongs to another log'
    // OrbitDB does not tie the signing key to the identity: we require both to be the org key
    if (entry.key !== key || entry.clock?.id !== key)
      return 'the entry is not signed by the organisation'
    const identity = await identities.getIdentity(entry.identity)
    if (identity === undefined) return 'the entry names an identity this node does not have'
    if (identity.id !== key || identity.publicKey !== key || identity.type !== 'publickey') {
      return 'the entry names an identity of another key'
    }
    if (!verifiedIdentities.has(entry.identity)) {
      if (!(await identities.verifyIdentity(identity))) return 'the identity does not verify'
      verifiedIdentities.add(entry.identity)
    }
    // OrbitDB checks access before the signature: check the signature here too
    if (!(await Entry.verify(identities, entry))) return 'the signature does not verify'
    const checked = checkPayload(entry.payload, did)
    return 'problem' in checked ? checked.problem : checked.states
  }
  // payloads this node is appending itself, validated and signed here a moment ago
  const own = new WeakSet<object>()
  return {
    type: 'polder',
    /** Marks a payload this node is about to append with the organisation's key. */
    trust(payload: Payload): void {
      own.add(payload)
    },
    async canAppend(entry: LogEntry): Promise<boolean> {
      if (own.has(entry.payload as object) && entry.key === key && entry.id === logId) return true
      let result: string | RecordState[]
      try {
        result = await reasonFor(entry)
      } catch (err) {
        result = `the entry could not be checked: ${(err as Error).message}`
      }
      if (typeof result === 'string') {
        onReject({ entry: entry.hash, reason: result })
        return false
      }
      if (entry.hash !== undefined) checkedStates.set(entry.hash, result)
      return true
    },
    /** The decoded states of an entry that passed (once; undefined if not checked here). */
    takeStates(hash: string): RecordState[] | undefined {
      const states = checkedStates.get(hash)
      checkedStates.delete(hash)
      return states
    },
    /** Forgets checked states (after a join that rolled back). */
    forgetStates(): void {
      checkedStates.clear()
    },
  }
}
