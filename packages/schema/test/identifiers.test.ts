import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import {
  createRecordId,
  didFromEd25519PublicKey,
  ed25519PublicKeyFromDid,
  formatRef,
  InvalidDidError,
  InvalidReferenceError,
  isDid,
  isRef,
  parseRef,
  RECORD_ID_PATTERN,
  recordIdTime,
} from '../src/index.js'
import { AUTHOR } from './helpers.js'

describe('record ids', () => {
  it('encode their creation time and sort by it', () => {
    const times = [0, 1, 1_600_000_000_000, Date.parse('2026-11-28T14:00:00Z'), 2 ** 48 - 1]
    const ids = times.map((time) => createRecordId(time))
    for (const [i, id] of ids.entries()) {
      expect(id).toMatch(RECORD_ID_PATTERN)
      expect(recordIdTime(id).getTime()).toBe(times[i])
    }
    expect([...ids].sort()).toEqual(ids)
  })

  it('stay strictly increasing and unique within one millisecond', () => {
    const time = Date.parse('2026-11-28T14:00:00Z')
    const ids = Array.from({ length: 50_000 }, () => createRecordId(time))
    expect(new Set(ids).size).toBe(ids.length)
    for (let i = 1; i < ids.length; i++)
      expect((ids[i] as string) > (ids[i - 1] as string)).toBe(true)
  })

  it('draw their random part from a pool, not one CSPRNG call each', () => {
    const calls = vi.spyOn(globalThis.crypto, 'getRandomValues')
    try {
      const start = Date.parse('2026-12-07T12:00:00Z')
      // a new millisecond for every id: each takes 80 fresh random bits
      const ids = Array.from({ length: 1_000 }, (_, i) => createRecordId(start + i))
      const randomParts = new Set(ids.map((id) => id.slice(10)))
      expect(randomParts.size).toBe(ids.length)
      for (const id of ids) expect(id).toMatch(RECORD_ID_PATTERN)
      // 1,000 ids of 16 bytes from pools of 4,096: 4 calls, where one an id made 1,000
      expect(calls.mock.calls.length).toBeLessThanOrEqual(4)
    } finally {
      calls.mockRestore()
    }
  })

  it('refuse times that do not fit 48 bits', () => {
    expect(() => createRecordId(-1)).toThrow(RangeError)
    expect(() => createRecordId(2 ** 48)).toThrow(RangeError)
    expect(() => createRecordId(1.5)).toThrow(RangeError)
    expect(() => recordIdTime('not-an-id')).toThrow(RangeError)
  })
})

describe('did:key', () => {
  it('round-trips an Ed25519 public key', () => {
    const { publicKey } = generateKeyPairSync('ed25519')
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url')
    const did = didFromEd25519PublicKey(raw)
    expect(did).toMatch(/^did:key:z6Mk/)
    expect(Buffer.from(ed25519PublicKeyFromDid(did))).toEqual(raw)
    expect(isDid(did)).toBe(true)
  })

  it.each([
    ['did:web:example.org', 'not did:key'],
    ['did:key:6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'not base58btc multibase'],
    ['did:key:z0OIl', 'invalid base58'],
    ['did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', 'a secp256k1 key'],
    ['did:key:z6Mk', 'too short'],
  ])('refuses %s (%s)', (did) => {
    expect(isDid(did)).toBe(false)
    expect(() => ed25519PublicKeyFromDid(did)).toThrow(InvalidDidError)
  })

  it('answers the same for a DID seen before, past the number of DIDs it remembers', () => {
    const dids = Array.from({ length: 5_000 }, () => didFromEd25519PublicKey(randomBytes(32)))
    for (const did of dids) expect(isDid(did)).toBe(true)
    for (const did of dids) expect(isDid(did)).toBe(true)
    // one character changed: another key's DID, or no DID at all; never taken for the one seen
    const [first] = dids
    const altered = `${first?.slice(0, -1)}${first?.endsWith('a') ? 'b' : 'a'}`
    expect(isDid(altered)).toBe(ed25519PublicKeyFromDidOrUndefined(altered) !== undefined)
    expect(isDid(`${first}x0`)).toBe(false)
  })

  it('refuses a public key of the wrong length', () => {
    expect(() => didFromEd25519PublicKey(new Uint8Array(31))).toThrow(InvalidDidError)
  })
})

describe('global references', () => {
  it('format and parse polder://<did>/<id>', () => {
    const id = createRecordId()
    const ref = formatRef({ author: AUTHOR, id })
    expect(ref).toBe(`polder://${AUTHOR}/${id}`)
    expect(parseRef(ref)).toEqual({ author: AUTHOR, id })
    expect(isRef(ref)).toBe(true)
  })

  it.each([
    'https://example.org/x',
    'polder://',
    `polder://${'did:key:z6Mk'}/01J00000000000000000000000`,
    'polder://did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme/01J00000000000000000000000',
    'polder://did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK/not-an-id',
    'polder://did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    'polder://did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK/01J00000000000000000000000/extra',
  ])('refuses %s', (ref) => {
    expect(isRef(ref)).toBe(false)
    expect(() => parseRef(ref)).toThrow(InvalidReferenceError)
  })

  it('refuses to format a reference from a bad author or id', () => {
    expect(() => formatRef({ author: 'did:web:x', id: createRecordId() })).toThrow(
      InvalidReferenceError,
    )
    expect(() => formatRef({ author: AUTHOR, id: 'x' })).toThrow(InvalidReferenceError)
  })
})

function ed25519PublicKeyFromDidOrUndefined(did: string): Uint8Array | undefined {
  try {
    return ed25519PublicKeyFromDid(did)
  } catch {
    return undefined
  }
}
