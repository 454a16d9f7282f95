/**
 * Who may write an organisation's log: only the organisation's own key. Every entry,
 * ours or a peer's, is checked here before OrbitDB stores it, and its payload is
 * validated record by record, so nothing unverified reaches the state.
 */
import type { Identities, LogEntry } from '@orbitdb/core'
import { ed25519PublicKeyFromDid, type RecordState } from '@polder/schema'
import { logIdOf } from './constants.js'
import { ed25519Key, verifyEd25519 } from './ed25519.js'
import { signedBytes } from './entry-check.js'
import { publicKeyHexOf } from './identity.js'
import { checkPayload, type Payload, type PayloadCheck } from './payload-check.js'

export type { Payload, PayloadCheck } from './payload-check.js'
export { checkPayload, decodePayload } from './payload-check.js'

/**
 * An entry to check. Its payload may be left out when the caller brings the payload's check
 * and the signature's (a worker of the check pool made them and kept the bytes).
 */
export type EntryToCheck = Omit<LogEntry, 'payload'> & { readonly payload?: unknown }

const withPayload = (entry: EntryToCheck): entry is LogEntry => entry.payload !== undefined

export interface Rejection {
  readonly entry: string | undefined
  readonly reason: string
}

/**
 * Verifies an entry's signature: the organisation's Ed25519 key over the entry's fields,
 * DAG-CBOR encoded as OrbitDB signs them ({@link verifyEd25519}), with the key made once per
 * log.
 */
export function entrySignatureVerifier(did: string): (entry: LogEntry) => boolean {
  const publicKey = ed25519Key(ed25519PublicKeyFromDid(did))
  return (entry) => {
    if (typeof entry.sig !== 'string' || !/^[0-9a-f]{128}$/.test(entry.sig)) return false
    return verifyEd25519(publicKey, signedBytes(entry), Buffer.from(entry.sig, 'hex'))
  }
}

/**
 * Whether a check verifies the entry's signature or its caller did (on a worker); a
 * caller may also bring the check of the payload, made on a worker with the same rules.
 */
export type SignatureCheck = 'verify' | 'checked-elsewhere'

/** What a caller checked already, elsewhere (a worker of the {@link CheckPool}). */
export interface CheckedElsewhere {
  readonly signature: 'checked-elsewhere'
  readonly payload?: PayloadCheck | undefined
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
  const signedByOrganisation = entrySignatureVerifier(did)
  // identity blocks are content-addressed: one that verified once verifies forever
  const verifiedIdentities = new Set<string>()
  const reasonFor = async (
    entry: EntryToCheck,
    signature: SignatureCheck | CheckedElsewhere,
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
    if (signature === 'verify' && (!withPayload(entry) || !signedByOrganisation(entry)))
      return 'the signature does not verify'
    const checked =
      typeof signature === 'object' && signature.payload !== undefined
        ? signature.payload
        : await checkPayload(entry.payload, did)
    return 'problem' in checked ? checked.problem : checked.states
  }
  /**
   * Checks a peer's entry; the record states it carries, or undefined (and `onReject`).
   * With `signature: 'checked-elsewhere'` the caller verifies the signature itself.
   */
  const explain = async (
    entry: EntryToCheck,
    signature: SignatureCheck | CheckedElsewhere = 'verify',
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
    refuse(entry: EntryToCheck, reason: string): void {
      onReject({ entry: entry.hash, reason })
    },
    async canAppend(entry: LogEntry): Promise<boolean> {
      if (own.has(entry.payload as object) && entry.key === key && entry.id === logId) return true
      return (await check(entry)) !== undefined
    },
  }
}
