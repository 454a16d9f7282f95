/**
 * Gossipsub's fast message id: a hash of every byte of a message as it arrived (sender,
 * sequence number, topic, data, signature, key). Gossipsub checks a message's signature
 * before it looks the message id up in its seen-cache, so without this each copy of a
 * message (one from every mesh peer) is verified again: Ed25519 verification was the
 * largest cost of an idle node in a network of twenty. A copy byte for byte of a message
 * already accepted is the same message; any changed byte, a forged signature included,
 * gives another id and is verified as before. Only accepted messages enter the cache.
 */
import { createHash } from 'node:crypto'
import type { gossipsub } from '@libp2p/gossipsub'

type FastMsgIdFn = NonNullable<NonNullable<Parameters<typeof gossipsub>[0]>['fastMsgIdFn']>
type RpcMessage = Parameters<FastMsgIdFn>[0]

export const fastMessageId: FastMsgIdFn = (message: RpcMessage): string => {
  const hash = createHash('sha256')
  const length = new Uint32Array(1)
  const field = (bytes: Uint8Array | undefined) => {
    // each field length-prefixed, so that bytes cannot move from one field to the next
    length[0] = bytes === undefined ? 0xffffffff : bytes.byteLength
    hash.update(new Uint8Array(length.buffer))
    if (bytes !== undefined) hash.update(bytes)
  }
  field(message.from)
  field(message.seqno)
  field(new TextEncoder().encode(message.topic))
  field(message.data)
  field(message.signature)
  field(message.key)
  return hash.digest('base64')
}
