/**
 * A gossip message as its sender signed it, to pass on outside gossip: the bytes of
 * gossipsub's own `RPC.Message` (sender, data, number, topic, signature). Whoever hands
 * it on cannot change a byte of it: the receiver checks the signature as gossipsub does
 * (`libp2p-pubsub:` + the message without its signature, against the sender's key).
 */
import type { SignedMessage } from '@libp2p/gossipsub'
import { RPC } from '@libp2p/gossipsub/message'
import type { PeerId, PrivateKey } from '@libp2p/interface'
import { peerIdFromMultihash, peerIdFromPrivateKey } from '@libp2p/peer-id'
import * as Digest from 'multiformats/hashes/digest'
import { ProtocolError } from './errors.js'

const SIGN_PREFIX = new TextEncoder().encode('libp2p-pubsub:')

/** The message's sequence number as gossipsub sends it: 8 bytes, big-endian. */
function seqnoBytes(sequenceNumber: bigint): Uint8Array {
  const bytes = new Uint8Array(8)
  new DataView(bytes.buffer).setBigUint64(0, sequenceNumber, false)
  return bytes
}

/** The signed message's bytes (without the sender's key, which its peer id holds). */
export function encodeSigned(message: SignedMessage): Uint8Array {
  return RPC.Message.encode({
    from: message.from.toMultihash().bytes,
    data: message.data,
    seqno: seqnoBytes(message.sequenceNumber),
    topic: message.topic,
    signature: message.signature,
  })
}

/** `prefix` and `bytes`, one after the other. */
function concat(prefix: Uint8Array, bytes: Uint8Array): Uint8Array {
  const joined = new Uint8Array(prefix.byteLength + bytes.byteLength)
  joined.set(prefix)
  joined.set(bytes, prefix.byteLength)
  return joined
}

/**
 * A message on `topic` signed by `key` as gossipsub signs one, without sending it: this
 * node's own announcement handed to a joining node, which can pass it on in turn.
 * Numbered as gossipsub numbers (the clock in nanoseconds).
 */
export async function signGossip(
  key: PrivateKey,
  topic: string,
  data: Uint8Array,
  sequenceNumber = BigInt(Date.now()) * 1_000_000n,
): Promise<Uint8Array> {
  const from = peerIdFromPrivateKey(key).toMultihash().bytes
  const seqno = seqnoBytes(sequenceNumber)
  const signature = await key.sign(
    concat(SIGN_PREFIX, RPC.Message.encode({ from, data, seqno, topic })),
  )
  return RPC.Message.encode({ from, data, seqno, topic, signature })
}

/** A verified signed message: who signed it, on which topic, what it says. */
export interface VerifiedMessage {
  readonly from: PeerId
  readonly topic: string
  readonly data: Uint8Array
}

/**
 * Decodes and verifies `bytes` of {@link encodeSigned} on `topic`; throws a
 * {@link ProtocolError} saying why not. Only senders whose peer id holds their key
 * (Ed25519, as every Polder node's) are taken.
 */
export async function verifySigned(bytes: Uint8Array, topic: string): Promise<VerifiedMessage> {
  let message: RPC.Message
  try {
    message = RPC.Message.decode(bytes)
  } catch {
    throw new ProtocolError('not a gossip message')
  }
  if (message.topic !== topic) throw new ProtocolError('another topic')
  const { from, data, seqno, signature } = message
  if (from === undefined || data === undefined || signature === undefined)
    throw new ProtocolError('not signed')
  if (seqno?.byteLength !== 8) throw new ProtocolError('no sequence number')
  let sender: PeerId
  try {
    sender = peerIdFromMultihash(Digest.decode(from))
  } catch {
    throw new ProtocolError('from: not a peer id')
  }
  if (sender.publicKey === undefined) throw new ProtocolError('from: a peer id without its key')
  const signed = concat(SIGN_PREFIX, RPC.Message.encode({ from, data, seqno, topic }))
  let valid = false
  try {
    valid = await sender.publicKey.verify(signed, signature)
  } catch {
    valid = false
  }
  if (!valid) throw new ProtocolError('signature does not verify')
  return { from: sender, topic, data }
}
