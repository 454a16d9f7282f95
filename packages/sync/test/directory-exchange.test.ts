/**
 * What a joining node takes from a peer's directory: announcements as their nodes signed
 * them (no byte changed), and frames it can decode; anything else is refused by name.
 */

import { generateKeyPair } from '@libp2p/crypto/keys'
import type { SignedMessage } from '@libp2p/gossipsub'
import { RPC } from '@libp2p/gossipsub/message'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeFrame, encodeFrame, HeardAnnouncements } from '../src/directory-frames.js'
import { ProtocolError } from '../src/errors.js'
import { encodeSigned, signGossip, verifySigned } from '../src/signed-gossip.js'

const TOPIC = '/polder/test/orgs/1.0.0'

/** A message on `topic` signed as gossipsub signs it. */
async function signedMessage(data: Uint8Array, topic = TOPIC): Promise<SignedMessage> {
  const key = await generateKeyPair('Ed25519')
  const from = peerIdFromPrivateKey(key)
  const seqno = new Uint8Array([0, 0, 1, 2, 3, 4, 5, 6])
  const unsigned = RPC.Message.encode({ from: from.toMultihash().bytes, data, seqno, topic })
  const prefix = new TextEncoder().encode('libp2p-pubsub:')
  const signature = await key.sign(new Uint8Array([...prefix, ...unsigned]))
  return {
    type: 'signed',
    from,
    data,
    topic,
    sequenceNumber: 0x010203040506n,
    signature,
    key: key.publicKey,
  }
}

describe('a signed announcement handed on', () => {
  it('verifies as its sender signed it', async () => {
    const message = await signedMessage(new Uint8Array([1, 2, 3]))
    const verified = await verifySigned(encodeSigned(message), TOPIC)
    expect(verified.from.equals(message.from)).toBe(true)
    expect([...verified.data]).toEqual([1, 2, 3])
  })

  it('verifies when this node signed it itself (its own announcement)', async () => {
    const key = await generateKeyPair('Ed25519')
    const verified = await verifySigned(await signGossip(key, TOPIC, new Uint8Array([7])), TOPIC)
    expect(verified.from.equals(peerIdFromPrivateKey(key))).toBe(true)
    expect([...verified.data]).toEqual([7])
  })

  it('is refused with a changed byte, on another topic, or with another signer', async () => {
    const message = await signedMessage(new Uint8Array([1, 2, 3]))
    const changed = await signedMessage(new Uint8Array([1, 2, 3]))
    await expect(
      verifySigned(encodeSigned({ ...message, data: new Uint8Array([1, 2, 4]) }), TOPIC),
    ).rejects.toThrow('signature does not verify')
    await expect(verifySigned(encodeSigned(message), '/polder/other/orgs/1.0.0')).rejects.toThrow(
      'another topic',
    )
    await expect(
      verifySigned(encodeSigned({ ...message, from: changed.from }), TOPIC),
    ).rejects.toThrow('signature does not verify')
  })

  it('refuses any bytes with a ProtocolError, never another error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), async (bytes) => {
        const error = await verifySigned(bytes, TOPIC).catch((err: unknown) => err)
        expect(error).toBeInstanceOf(ProtocolError)
      }),
      { numRuns: 300 },
    )
  })
})

describe('a directory frame', () => {
  it('decodes what was encoded, and refuses anything else with a ProtocolError', () => {
    const frame = { t: 'own', m: new Uint8Array([9]) } as const
    expect(decodeFrame(encodeFrame(frame))).toEqual(frame)
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        try {
          decodeFrame(bytes)
        } catch (err) {
          expect(err).toBeInstanceOf(ProtocolError)
        }
      }),
      { numRuns: 500 },
    )
  })
})

describe('the announcements kept to hand on', () => {
  it('keeps the newest per organisation within its byte budget, the oldest heard going first', () => {
    const heard = new HeardAnnouncements(10)
    heard.keep('a', new Uint8Array(4))
    heard.keep('b', new Uint8Array(4))
    heard.keep('a', new Uint8Array(5))
    expect(heard.has('a') && heard.has('b')).toBe(true)
    heard.keep('c', new Uint8Array(4))
    // 'b' was heard longest ago: it makes room
    expect([heard.has('a'), heard.has('b'), heard.has('c')]).toEqual([true, false, true])
  })
})
