/**
 * The checks of a log entry's payload: its shape and size, and every record state in it
 * decoded, valid, canonical and by the organisation. No I/O and nothing of OrbitDB, so the
 * workers of the check pool run them as the access controller does.
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import {
  decodeState,
  EncodingError,
  LIMITS,
  type RecordState,
  RecordValidationError,
} from '@polder/schema'
import { MAX_ENTRY_PAYLOAD_BYTES, MAX_STATES_PER_ENTRY } from './constants.js'
import { InvalidEntryError } from './errors.js'

/**
 * What a log entry of Polder carries: record states (new versions and tombstones), each
 * as its canonical DAG-CBOR bytes. Each state stays verifiable and hashable on its own,
 * and an entry costs no second encoding of its records.
 */
export interface Payload {
  readonly v: 1
  readonly states: readonly Uint8Array[]
}

/** States validated between two turns of the event loop when checking a peer's entry. */
const STATES_PER_TURN = 64

/** One state of a payload, decoded and validated; throws with its index. */
function decodeOne(bytes: Uint8Array, index: number, did: string): RecordState {
  let state: RecordState
  try {
    state = decodeState(bytes)
  } catch (err) {
    if (err instanceof RecordValidationError) {
      const problem = err.problems[0]
      throw new InvalidEntryError(
        `state ${index} is invalid: ${problem?.path} ${problem?.message.en}`,
      )
    }
    if (err instanceof EncodingError)
      throw new InvalidEntryError(`state ${index} is malformed: ${err.message}`)
    throw err
  }
  if (state.author !== did) throw new InvalidEntryError(`state ${index} is by another author`)
  return state
}

/** The states of a payload, decoded and validated; throws on the first bad one. */
export function decodePayload(payload: Payload, did: string): RecordState[] {
  return payload.states.map((bytes, index) => decodeOne(bytes, index, did))
}

/**
 * {@link decodePayload} for a peer's entry, checked outside any transaction: it gives the
 * event loop a turn every few states, so an entry of 1,000 records (~0.3 s of validation)
 * never holds up the API.
 */
async function decodePayloadYielding(payload: Payload, did: string): Promise<RecordState[]> {
  const states: RecordState[] = []
  for (const [index, bytes] of payload.states.entries()) {
    if (index > 0 && index % STATES_PER_TURN === 0) await nextTurn()
    states.push(decodeOne(bytes, index, did))
  }
  return states
}

/** What a check of an entry's payload found: its record states, or why it is refused. */
export type PayloadCheck = { states: RecordState[] } | { problem: string }

/** Why a payload's shape or size is refused (before any state is decoded), or undefined. */
function payloadShapeProblem(payload: unknown): string | undefined {
  if (payload === null || typeof payload !== 'object') return 'the payload is not an object'
  const { v, states } = payload as { v?: unknown; states?: unknown }
  if (v !== 1) return `unknown payload version ${String(v)}`
  if (!Array.isArray(states) || states.length === 0) return 'the payload has no record states'
  if (states.length > MAX_STATES_PER_ENTRY) return `more than ${MAX_STATES_PER_ENTRY} states`
  let bytes = 0
  for (const state of states) {
    if (!(state instanceof Uint8Array)) return 'a state is not bytes'
    bytes += state.byteLength
  }
  // one record may be up to its own limit even when alone in an entry
  if (bytes > MAX_ENTRY_PAYLOAD_BYTES + LIMITS.recordBytes) return 'the payload is too large'
  return undefined
}

/** Checks an entry's payload: the shape, the limits, and every state valid and by `did`. */
export async function checkPayload(payload: unknown, did: string): Promise<PayloadCheck> {
  const problem = payloadShapeProblem(payload)
  if (problem !== undefined) return { problem }
  try {
    return { states: await decodePayloadYielding(payload as Payload, did) }
  } catch (err) {
    return { problem: (err as Error).message }
  }
}

/**
 * {@link checkPayload} without turns in between, for a worker thread (no API to keep
 * answering there).
 */
export function checkPayloadNow(payload: unknown, did: string): PayloadCheck {
  const problem = payloadShapeProblem(payload)
  if (problem !== undefined) return { problem }
  try {
    return { states: decodePayload(payload as Payload, did) }
  } catch (err) {
    return { problem: (err as Error).message }
  }
}
