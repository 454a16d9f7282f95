/**
 * Who may write an organisation's log: only the organisation's own key. Every entry,
 * ours or a peer's, is checked here before OrbitDB stores it, and its payload is
 * validated record by record, so nothing unverified reaches the state.
 */
import { createPublicKey, verify } from 'node:crypto'
import { setImmediate as nextTurn } from 'node:timers/promises'
import * as dagCbor from '@ipld/dag-cbor'
import type { Identities, LogEntry } from '@orbitdb/core'
import {
  decodeState,
  EncodingError,
  ed25519PublicKeyFromDid,
  LIMITS,
  type RecordState,
  RecordValidationError,
} from '@polder/schema'
import { logIdOf, MAX_ENTRY_PAYLOAD_BYTES, MAX_STATES_PER_ENTRY } from './constants.js'
import { InvalidEntryError } from './errors.js'
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

export interface Rejection {
  readonly entry: string | undefined
  readonly reason: string
}

/** Checks an entry's payload: the shape, the limits, and every state valid and by `did`. */
export async function checkPayload(
  payload: unknown,
  did: string,
): Promise<{ states: RecordState[] } | { problem: string }> {
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
    return { states: await decodePayloadYielding(payload as Payload, did) }
  } catch (err) {
    return { problem: (err as Error).message }
  }
}

/**
 * Verifies an entry's signature: the organisation's Ed25519 key over the entry's fields,
 * DAG-CBOR encoded as OrbitDB signs them. One node:crypto verify with a key object made
 * once per log.
 */
export function entrySignatureVerifier(did: string): (entry: LogEntry) => boolean {
  const publicKey = createPublicKey({
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      x: Buffer.from(ed25519PublicKeyFromDid(did)).toString('base64url'),
    },
    format: 'jwk',
  })
  return (entry) => {
    if (typeof entry.sig !== 'string' || !/^[0-9a-f]{128}$/.test(entry.sig)) return false
    const signed = dagCbor.encode({
      id: entry.id,
      payload: entry.payload,
      next: entry.next,
      refs: entry.refs,
      clock: entry.clock,
      v: entry.v,
    })
    return verify(null, signed, publicKey, Buffer.from(entry.sig, 'hex'))
  }
}

/** Whether a check verifies the entry's signature or its caller does (on a worker). */
export type SignatureCheck = 'verify' | 'checked-elsewhere'

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
  const signedByOrganisation = entrySignatureVerifier(did)
  // identity blocks are content-addressed: one that verified once verifies forever
  const verifiedIdentities = new Set<string>()
  const reasonFor = async (
    entry: LogEntry,
    signature: SignatureCheck,
  ): Promise<string | RecordState[]> => {
    if (entry.id !== logId) return 'the entry belongs to another log'
    // OrbitDB does not tie the signing key to the identity: we require both to be the org key
    if (entry.key !== key || entry.clock?.id !== key)
      return 'the entry is not signed by the organisation'
    if (!verifiedIdentities.has(entry.identity)) {
      const identity = await identities.getIdentity(entry.identity)
      if (identity === undefined) return 'the entry names an identity this node does not have'
      if (identity.id !== key || identity.publicKey !== key || identity.type !== 'publickey') {
        return 'the entry names an identity of another key'
      }
      if (!(await identities.verifyIdentity(identity))) return 'the identity does not verify'
      verifiedIdentities.add(entry.identity)
    }
    if (signature === 'verify' && !signedByOrganisation(entry))
      return 'the signature does not verify'
    const checked = await checkPayload(entry.payload, did)
    return 'problem' in checked ? checked.problem : checked.states
  }
  /**
   * Checks a peer's entry; the record states it carries, or undefined (and `onReject`).
   * With `signature: 'checked-elsewhere'` the caller verifies the signature itself.
   */
  const explain = async (
    entry: LogEntry,
    signature: SignatureCheck = 'verify',
  ): Promise<string | RecordState[]> => {
    let result: string | RecordState[]
    try {
      result = await reasonFor(entry, signature)
    } catch (err) {
      result = `the entry could not be checked: ${(err as Error).message}`
    }
    if (typeof result === 'string') onReject({ entry: entry.hash, reason: result })
    return result
  }
  const check = async (
    entry: LogEntry,
    signature: SignatureCheck = 'verify',
  ): Promise<RecordState[] | undefined> => {
    const result = await explain(entry, signature)
    return typeof result === 'string' ? undefined : result
  }
  // payloads this node is appending itself, validated and signed here a moment ago
  const own = new WeakSet<object>()
  return {
    type: 'polder',
    /** {@link check}, giving the reason of a refusal instead of undefined. */
    explain,
    /** Marks a payload this node is about to append with the organisation's key. */
    trust(payload: Payload): void {
      own.add(payload)
    },
    check,
    /** Reports an entry refused by a check made elsewhere. */
    refuse(entry: LogEntry, reason: string): void {
      onReject({ entry: entry.hash, reason })
    },
    async canAppend(entry: LogEntry): Promise<boolean> {
      if (own.has(entry.payload as object) && entry.key === key && entry.id === logId) return true
      return (await check(entry)) !== undefined
    },
  }
}
