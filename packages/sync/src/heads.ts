/**
 * Heads announcements on the collective's heads topic: "I hold these logs at these
 * heads". Gossipsub signs every message with the sender's key, so a message names the
 * peer that holds the logs; a follower that lacks some heads pulls from that peer. An
 * organisation's node sends one on every change of its log, carrying the new entries
 * when they are small (a live update then needs no pull: every subscriber relays it);
 * every node sends one periodically for all logs it holds (the repair).
 */
import * as dagCbor from '@ipld/dag-cbor'
import { publicKeyFromRaw } from '@libp2p/crypto/keys'
import type { PeerId } from '@libp2p/interface'
import { peerIdFromPublicKey } from '@libp2p/peer-id'
import { ed25519PublicKeyFromDid, isDid } from '@polder/schema'
import { ProtocolError } from './errors.js'
import { MAX_HAVE } from './wire.js'

export const headsTopic = (collective: string): string => `/polder/${collective}/heads/1.0.0`

/** Largest heads message accepted: a few hundred logs, or a few new entries. */
export const MAX_HEADS_MESSAGE_BYTES = 256 * 1024
/** New entries a heads message carries at most (else followers pull them). */
export const MAX_PUSHED_BYTES = 128 * 1024
/** Logs per message; a node holding more sends several. */
export const LOGS_PER_MESSAGE = 200

export interface LogHeads {
  readonly did: string
  readonly heads: readonly string[]
  /** The entry blocks that lead to `heads` from the previous heads, oldest first. */
  readonly entries?: readonly Uint8Array[]
}

export const encodeHeads = (logs: readonly LogHeads[]): Uint8Array =>
  dagCbor.encode({
    v: 1,
    logs: logs.map(({ did, heads, entries }) => ({
      did,
      heads,
      ...(entries === undefined || entries.length === 0 ? {} : { entries }),
    })),
  })

export function decodeHeads(bytes: Uint8Array): LogHeads[] {
  if (bytes.byteLength > MAX_HEADS_MESSAGE_BYTES) throw new ProtocolError('too large')
  let value: unknown
  try {
    value = dagCbor.decode(bytes)
  } catch {
    throw new ProtocolError('not DAG-CBOR')
  }
  const message = value as { v?: unknown; logs?: unknown }
  if (message?.v !== 1 || !Array.isArray(message.logs) || message.logs.length > LOGS_PER_MESSAGE)
    throw new ProtocolError('not a heads message')
  return message.logs.map((entry: unknown) => {
    const { did, heads, entries } = (entry ?? {}) as {
      did?: unknown
      heads?: unknown
      entries?: unknown
    }
    if (typeof did !== 'string' || !isDid(did)) throw new ProtocolError('did: not a did:key')
    if (
      !Array.isArray(heads) ||
      heads.length === 0 ||
      heads.length > MAX_HAVE ||
      !heads.every((hash) => typeof hash === 'string' && hash.length <= 128)
    )
      throw new ProtocolError('heads: 1 to 64 hashes')
    if (entries === undefined) return { did, heads }
    if (!Array.isArray(entries) || !entries.every((block) => block instanceof Uint8Array))
      throw new ProtocolError('entries: a list of byte strings')
    return { did, heads, entries }
  })
}

/** Peer ids of organisations' nodes by DID, made once: the replicator asks after every update. */
const peerIds = new Map<string, PeerId>()
/** DIDs whose peer ids are kept; a collective has a few hundred to a thousand members. */
const MAX_PEER_IDS = 4096

/** The peer id of an organisation's own node: both come from the organisation's key. */
export function peerIdOfDid(did: string): PeerId {
  let peer = peerIds.get(did)
  if (peer === undefined) {
    peer = peerIdFromPublicKey(publicKeyFromRaw(ed25519PublicKeyFromDid(did)))
    if (peerIds.size >= MAX_PEER_IDS) peerIds.clear()
    peerIds.set(did, peer)
  }
  return peer
}
