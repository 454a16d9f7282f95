/**
 * The codecs of peer bytes: the sync protocol's messages, heads messages and
 * announcements. Whatever encodes decodes to the same value; whatever else arrives —
 * random bytes, valid CBOR of the wrong shape, a valid message with one byte changed, a
 * message over its size limit — is refused with a `ProtocolError`, never anything else.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PeerId } from '@libp2p/interface'
import { createRecord, type Did, didFromEd25519PublicKey } from '@polder/schema'
import { logIdOf } from '@polder/store'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeAnnouncement, encodeAnnouncement, MAX_ANNOUNCEMENT_BYTES } from '../src/announce.js'
import {
  decodeHeads,
  encodeHeads,
  type LogHeads,
  MAX_HEADS_MESSAGE_BYTES,
  peerIdOfDid,
} from '../src/heads.js'
import {
  decodeProfileRelay,
  encodeProfileRelay,
  MAX_RELAYED_ENTRY_BYTES,
} from '../src/profile-relay.js'
import {
  decodeAck,
  decodeMessage,
  decodeRequest,
  encodeMessage,
  MAX_HAVE,
  MAX_MESSAGE_BYTES,
  type SyncMessage,
  type SyncRequest,
} from '../src/wire.js'

const dids: Did[] = await Promise.all(
  [1, 2, 3].map(async () =>
    didFromEd25519PublicKey((await generateKeyPair('Ed25519')).publicKey.raw),
  ),
)
const [did, otherDid] = dids as [Did, Did]
const peer: PeerId = peerIdOfDid(did)
const otherPeer: PeerId = peerIdOfDid(otherDid)

const hash = fc.string({ minLength: 1, maxLength: 128 })
const hashes = (max: number, min = 0) => fc.array(hash, { minLength: min, maxLength: max })
const blocks = fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 })

const request: fc.Arbitrary<SyncRequest> = fc.record({
  v: fc.constant(1 as const),
  log: fc.string({ maxLength: 128 }),
  have: hashes(MAX_HAVE),
})

const message: fc.Arbitrary<SyncMessage> = fc.oneof(
  fc.record({
    t: fc.constant('meta' as const),
    heads: hashes(MAX_HAVE),
    entries: fc.nat(),
  }),
  fc.record({ t: fc.constant('batch' as const), entries: blocks, identities: blocks }),
  fc.constant({ t: 'end' as const }),
  fc.record({
    t: fc.constant('refused' as const),
    code: fc.constantFrom('unknown-log' as const, 'bad-request' as const, 'unavailable' as const),
    message: fc.string({ maxLength: 500 }),
  }),
)

const logHeads: fc.Arbitrary<LogHeads> = fc.record(
  {
    did: fc.constantFrom(...dids),
    heads: hashes(MAX_HAVE, 1),
    entries: fc.array(fc.uint8Array({ maxLength: 64 }), { minLength: 1, maxLength: 4 }),
  },
  { requiredKeys: ['did', 'heads'] },
)

/** Every decoder of peer bytes, as (bytes) => value. */
const decoders: Record<string, (bytes: Uint8Array) => unknown> = {
  request: decodeRequest,
  message: decodeMessage,
  ack: decodeAck,
  heads: decodeHeads,
  announcement: (bytes) => decodeAnnouncement(bytes, peer),
  'relayed profile': decodeProfileRelay,
}

/** Decodes, or refuses with a ProtocolError; any other error fails the test. */
function decodesOrRefuses(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): void {
  try {
    decode(bytes)
  } catch (err) {
    expect((err as Error).name).toBe('ProtocolError')
  }
}

/** Throws the ProtocolError a decoder refuses with; fails if it decodes. */
function refusal(decode: (bytes: Uint8Array) => unknown, bytes: Uint8Array): Error {
  try {
    decode(bytes)
  } catch (err) {
    expect((err as Error).name).toBe('ProtocolError')
    return err as Error
  }
  throw new Error('decoded what it should refuse')
}

describe('the sync protocol’s messages', () => {
  it('decode to what was encoded', () => {
    fc.assert(
      fc.property(request, (value) => {
        expect(decodeRequest(encodeMessage(value))).toEqual(value)
      }),
    )
    fc.assert(
      fc.property(message, (value) => {
        expect(decodeMessage(encodeMessage(value))).toEqual(value)
      }),
    )
    expect(decodeAck(encodeMessage({ t: 'ack' }))).toEqual({ t: 'ack' })
  })

  it('are refused past their limits', () => {
    const tooMany = Array.from({ length: MAX_HAVE + 1 }, (_, i) => `h${i}`)
    expect(
      refusal(decodeRequest, encodeMessage({ v: 1, log: did, have: tooMany })).message,
    ).toMatch(/have/)
    expect(
      refusal(decodeRequest, encodeMessage({ v: 1, log: 'x'.repeat(129), have: [] })).message,
    ).toMatch(/log/)
    expect(
      refusal(decodeMessage, encodeMessage({ t: 'meta', heads: tooMany, entries: 1 })).message,
    ).toMatch(/heads/)
    expect(
      refusal(decodeMessage, encodeMessage({ t: 'meta', heads: [], entries: -1 })).message,
    ).toMatch(/entries/)
    // a refusal's message is cut to 500 characters
    const long = decodeMessage(
      encodeMessage({ t: 'refused', code: 'unavailable', message: 'x'.repeat(10_000) }),
    )
    expect(long).toEqual({ t: 'refused', code: 'unavailable', message: 'x'.repeat(500) })
    // a batch over the frame limit is refused before it is decoded
    const huge = encodeMessage({
      t: 'batch',
      entries: [new Uint8Array(MAX_MESSAGE_BYTES)],
      identities: [],
    })
    expect(refusal(decodeMessage, huge).message).toMatch(/too large/)
  })
})

describe('heads messages', () => {
  it('decode to what was encoded', () => {
    fc.assert(
      fc.property(fc.array(logHeads, { maxLength: 5 }), (logs) => {
        expect(decodeHeads(encodeHeads(logs))).toEqual(logs)
      }),
    )
  })

  it('are refused past their limits', () => {
    const big = encodeHeads([
      { did, heads: ['h'], entries: [new Uint8Array(MAX_HEADS_MESSAGE_BYTES)] },
    ])
    expect(refusal(decodeHeads, big).message).toMatch(/too large/)
    const noHeads = dagCbor.encode({ v: 1, logs: [{ did, heads: [] }] })
    expect(refusal(decodeHeads, noHeads).message).toMatch(/heads/)
    const notDid = dagCbor.encode({ v: 1, logs: [{ did: 'did:web:example.org', heads: ['h'] }] })
    expect(refusal(decodeHeads, notDid).message).toMatch(/did/)
    const manyLogs = encodeHeads(Array.from({ length: 201 }, () => ({ did, heads: ['h'] })))
    expect(refusal(decodeHeads, manyLogs).message).toMatch(/heads message/)
  })
})

describe('announcements', () => {
  const profile = createRecord(
    {
      kind: 'organization',
      languages: ['nl'],
      title: { nl: 'Gemeente Zwolle' },
      orgType: 'municipality',
    },
    did,
  )

  it('decode to what was encoded, from the node of the DID only', () => {
    fc.assert(
      fc.property(
        hashes(MAX_HAVE),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        (heads, withProfile, withAddresses, at) => {
          const sentAt = at + 1
          const addresses = withAddresses
            ? [
                `/ip4/11.0.0.10/tcp/4011/p2p/${otherPeer}/p2p-circuit/p2p/${peer}`,
                '/ip4/192.168.1.2/tcp/4011',
              ]
            : []
          const bytes = encodeAnnouncement(
            did,
            heads,
            withProfile ? profile : undefined,
            addresses,
            sentAt,
          )
          const decoded = decodeAnnouncement(bytes, peer)
          expect({ ...decoded, addresses: decoded.addresses.map(String) }).toEqual({
            did,
            heads,
            profile: withProfile ? profile : undefined,
            addresses,
            at: sentAt,
          })
          expect(
            refusal((b) => decodeAnnouncement(b, peerIdOfDid(otherDid)), bytes).message,
          ).toMatch(/not the key of the peer/)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('carry the sender’s time when it is a positive integer; older nodes send none', () => {
    const base = { v: 1, did, log: logIdOf(did), heads: [] }
    expect(decodeAnnouncement(dagCbor.encode(base), peer).at).toBeUndefined()
    for (const at of [-5, 0, 1.5, 'soon', 2 ** 60])
      expect(decodeAnnouncement(dagCbor.encode({ ...base, at }), peer).at).toBeUndefined()
    expect(decodeAnnouncement(dagCbor.encode({ ...base, at: 1_700_000_000_000 }), peer).at).toBe(
      1_700_000_000_000,
    )
  })

  it('are refused past their limits, or with another organisation’s profile', () => {
    const padded = dagCbor.encode({
      v: 1,
      did,
      log: `/polder/log/1/${did}`,
      heads: [],
      pad: new Uint8Array(MAX_ANNOUNCEMENT_BYTES),
    })
    expect(refusal((b) => decodeAnnouncement(b, peer), padded).message).toMatch(/too large/)
    const theirs = createRecord(
      { kind: 'organization', languages: ['nl'], title: { nl: 'Ander' }, orgType: 'municipality' },
      otherDid,
    )
    const forged = encodeAnnouncement(did, [], theirs)
    expect(refusal((b) => decodeAnnouncement(b, peer), forged).message).toMatch(/profile/)
  })

  it('refuse addresses that are not multiaddrs, too many, or end at another peer', () => {
    const withAddrs = (addrs: unknown) =>
      dagCbor.encode({ v: 1, did, log: `/polder/log/1/${did}`, heads: [], addrs })
    const cases: [unknown, RegExp][] = [
      [['not a multiaddr'], /addrs: "not a multiaddr" is not a multiaddr/],
      [[42], /addrs: multiaddrs of at most/],
      ['/ip4/1.2.3.4/tcp/1', /addrs: at most 16/],
      [Array.from({ length: 17 }, () => '/ip4/1.2.3.4/tcp/1'), /addrs: at most 16/],
      [[`/ip4/1.2.3.4/tcp/1/p2p/${otherPeer}`], /addrs: an address of another peer/],
    ]
    for (const [addrs, reason] of cases) {
      expect(refusal((b) => decodeAnnouncement(b, peer), withAddrs(addrs)).message).toMatch(reason)
    }
  })
})

describe('relayed profiles', () => {
  it('decode to what was encoded, and are refused past their limits', () => {
    fc.assert(
      fc.property(hashes(MAX_HAVE), fc.uint8Array({ maxLength: 2_000 }), (heads, entry) => {
        expect(decodeProfileRelay(encodeProfileRelay({ did, heads, entry }))).toEqual({
          did,
          heads,
          entry,
        })
      }),
      { numRuns: 50 },
    )
    const big = encodeProfileRelay({
      did,
      heads: [],
      entry: new Uint8Array(MAX_RELAYED_ENTRY_BYTES + 1),
    })
    expect(refusal(decodeProfileRelay, big).message).toMatch(/entry/)
    const notDid = dagCbor.encode({
      v: 1,
      t: 'profile',
      did: 'x',
      heads: [],
      entry: new Uint8Array(1),
    })
    expect(refusal(decodeProfileRelay, notDid).message).toMatch(/did/)
  })
})

describe('garbage from peers', () => {
  const encoded: fc.Arbitrary<Uint8Array> = fc.oneof(
    request.map(encodeMessage),
    message.map(encodeMessage),
    fc.array(logHeads, { maxLength: 3 }).map(encodeHeads),
    hashes(4).map((heads) => encodeAnnouncement(did, heads, undefined)),
    hashes(4).map((heads) => encodeProfileRelay({ did, heads, entry: new Uint8Array(8) })),
  )

  it('random bytes are decoded or refused with a ProtocolError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        for (const decode of Object.values(decoders)) decodesOrRefuses(decode, bytes)
      }),
      { numRuns: 500 },
    )
  })

  it('valid CBOR of any shape is decoded or refused with a ProtocolError', () => {
    const cbor = fc
      .jsonValue()
      .chain((value) =>
        fc.oneof(
          fc.constant(value),
          fc.record({
            v: fc.constant(1),
            t: fc.constantFrom('meta', 'batch', 'refused'),
            x: fc.constant(value),
          }),
          fc.record({ v: fc.constant(1), logs: fc.array(fc.constant(value), { maxLength: 3 }) }),
          fc.record({
            v: fc.constant(1),
            did: fc.constant(did),
            heads: fc.constant(value),
            profile: fc.constant(value),
          }),
        ),
      )
      .map((value) => dagCbor.encode(value))
    fc.assert(
      fc.property(cbor, (bytes) => {
        for (const decode of Object.values(decoders)) decodesOrRefuses(decode, bytes)
      }),
      { numRuns: 500 },
    )
  })

  it('a valid message with bytes changed is decoded or refused with a ProtocolError', () => {
    fc.assert(
      fc.property(
        encoded,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (bytes, edits) => {
          const changed = Uint8Array.from(bytes)
          for (const [at, value] of edits) changed[at % changed.length] = value
          for (const decode of Object.values(decoders)) decodesOrRefuses(decode, changed)
          // and cut short anywhere
          const cut = changed.subarray(0, (edits[0]?.[0] ?? 0) % changed.length)
          for (const decode of Object.values(decoders)) decodesOrRefuses(decode, cut)
        },
      ),
      { numRuns: 300 },
    )
  })
})
