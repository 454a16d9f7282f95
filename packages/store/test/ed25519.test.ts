/**
 * Entry signatures verify through libsodium first and node:crypto when it says no: the
 * signatures accepted are exactly those node:crypto accepts.
 */
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync, sign, verify } from 'node:crypto'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { describe, expect, it } from 'vitest'
import { ed25519Key, ed25519Signer, nativeEd25519, verifyEd25519 } from '../src/ed25519.js'
import { createLogIdentities } from '../src/identity.js'
import { orgKeyOf } from '../src/keys.js'
import { openDatabase } from '../src/sqlite.js'
import { tempDir } from '../src/testing.js'

const { publicKey, privateKey } = generateKeyPairSync('ed25519')
const key = ed25519Key(Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url'))
const message = new TextEncoder().encode('an entry of the log')
const signature = sign(null, message, privateKey)

describe('Ed25519 verification', () => {
  it('runs on libsodium on this platform', () => {
    expect(nativeEd25519()).toBe(true)
  })

  it('loads libsodium on the first verify, not when the module loads (a restart needs none)', () => {
    // a process of its own: this one's require cache may hold it from another test
    const module = pathToFileURL(join(import.meta.dirname, '../src/ed25519.ts')).href
    const script = `
      import { generateKeyPairSync, sign } from 'node:crypto'
      import { createRequire } from 'node:module'
      const loaded = () =>
        Object.keys(createRequire(import.meta.url).cache).some((p) => p.includes('sodium-native'))
      const { ed25519Key, verifyEd25519 } = await import(${JSON.stringify(module)})
      const before = loaded()
      const { publicKey, privateKey } = generateKeyPairSync('ed25519')
      const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url')
      const message = Buffer.from('an entry')
      const verified = verifyEd25519(ed25519Key(raw), message, sign(null, message, privateKey))
      process.stdout.write(JSON.stringify({ before, verified, after: loaded() }))
    `
    const answer = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    })
    expect(JSON.parse(answer)).toEqual({ before: false, verified: true, after: true })
  })

  it('accepts the key holder signature and refuses any change', () => {
    expect(verifyEd25519(key, message, signature)).toBe(true)
    const changed = Buffer.from(message)
    changed[0] = (changed[0] as number) ^ 1
    expect(verifyEd25519(key, changed, signature)).toBe(false)
    for (const at of [0, 31, 32, 63]) {
      const forged = Buffer.from(signature)
      forged[at] = (forged[at] as number) ^ 1
      expect(verifyEd25519(key, message, forged)).toBe(verify(null, message, publicKey, forged))
    }
    expect(verifyEd25519(key, message, signature.subarray(0, 63))).toBe(false)
    const other = generateKeyPairSync('ed25519').publicKey
    const otherKey = ed25519Key(
      Buffer.from(other.export({ format: 'jwk' }).x as string, 'base64url'),
    )
    expect(verifyEd25519(otherKey, message, signature)).toBe(false)
  })

  it('accepts what node:crypto accepts where libsodium is stricter (S not reduced)', () => {
    // S + L: a signature libsodium refuses as non-canonical; node:crypto (OpenSSL) refuses it
    // too, so both paths must agree on it
    const L = (1n << 252n) + 27742317777372353535851937790883648493n
    let s = 0n
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i] as number)
    const big = s + L
    const malleable = Buffer.from(signature)
    let v = big
    for (let i = 32; i < 64; i++) {
      malleable[i] = Number(v & 0xffn)
      v >>= 8n
    }
    expect(verifyEd25519(key, message, malleable)).toBe(verify(null, message, publicKey, malleable))
  })
})

describe('Ed25519 signing', () => {
  it('signs the bytes libp2p signs, with the key imported once', async () => {
    const key = await generateKeyPair('Ed25519')
    const signer = ed25519Signer(key.raw)
    for (const size of [0, 1, 300, 64 * 1024]) {
      const data = Uint8Array.from({ length: size }, (_, i) => (i * 7) % 256)
      expect(Buffer.from(signer(data)).equals(Buffer.from(await key.sign(data)))).toBe(true)
    }
    expect(() => ed25519Signer(key.raw.subarray(0, 32))).toThrow(RangeError)
  })

  it('gives log entries the signature OrbitDB would, which its identities verify', async () => {
    await using dir = await tempDir()
    const db = openDatabase(join(dir.path, 'state.sqlite'))
    try {
      const identities = await createLogIdentities(db)
      const identity = await identities.identityOf(orgKeyOf(await generateKeyPair('Ed25519')))
      for (const data of [new TextEncoder().encode('an entry of the log'), 'text, as UTF-8 é']) {
        const signature = await identity.sign(identity, data)
        // OrbitDB's own path: the keystore's key, libp2p's sign, hex
        expect(signature).toBe(await identities.identities.sign(identity, data))
        expect(await identities.identities.verify(signature, identity.publicKey, data)).toBe(true)
      }
      await identities.close()
    } finally {
      db.close()
    }
  })
})
