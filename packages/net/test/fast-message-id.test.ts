/**
 * Gossipsub's fast message id names a message by all of its bytes: copies of one message
 * share it (and are dropped before their signature is checked again), while any changed
 * byte, in any field, gives another id (and a full check).
 */
import { describe, expect, it } from 'vitest'
import { fastMessageId } from '../src/fast-message-id.js'

const bytes = (...values: number[]) => new Uint8Array(values)

const message = () => ({
  from: bytes(1, 2, 3),
  seqno: bytes(0, 0, 0, 7),
  topic: '/polder/test/heads/1.0.0',
  data: bytes(10, 11, 12),
  signature: bytes(20, 21, 22, 23),
  key: bytes(30, 31),
})

describe('fast message id', () => {
  it('is the same for a copy of a message, byte for byte', () => {
    expect(fastMessageId(message())).toBe(fastMessageId(message()))
  })

  it('differs when any field differs: data, signature, sender, sequence number, topic, key', () => {
    const id = fastMessageId(message())
    const changed = [
      { ...message(), data: bytes(10, 11, 13) },
      { ...message(), signature: bytes(20, 21, 22, 24) },
      { ...message(), from: bytes(1, 2, 4) },
      { ...message(), seqno: bytes(0, 0, 0, 8) },
      { ...message(), topic: '/polder/test/orgs/1.0.0' },
      { ...message(), key: bytes(30, 32) },
      { ...message(), signature: undefined },
    ]
    const ids = changed.map((each) => fastMessageId(each))
    for (const other of ids) expect(other).not.toBe(id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('does not let bytes move from one field to the next', () => {
    const a = { ...message(), from: bytes(1, 2), seqno: bytes(3, 0, 0, 0, 7) }
    const b = { ...message(), from: bytes(1, 2, 3), seqno: bytes(0, 0, 0, 7) }
    expect(fastMessageId(a)).not.toBe(fastMessageId(b))
    const empty = { ...message(), data: bytes() }
    const missing = { ...message(), data: undefined }
    expect(fastMessageId(empty)).not.toBe(fastMessageId(missing))
  })
})
