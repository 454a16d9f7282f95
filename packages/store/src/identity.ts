/**
 * OrbitDB identities from organisation keys. An organisation's identity uses OrbitDB's
 * stock `publickey` type with the organisation's Ed25519 key as both the identity key and
 * the signing key, so any OrbitDB peer can verify its entries, at node:crypto speed.
 */
import type { DatabaseSync } from 'node:sqlite'
import { Identities, type Identity, KeyStore, MemoryStorage } from '@orbitdb/core'
import { ed25519PublicKeyFromDid } from '@polder/schema'
import { ed25519Signer } from './ed25519.js'
import type { OrgKey } from './keys.js'
import { blockStorage } from './log-storage.js'

/** Hex of the raw Ed25519 public key a DID names: OrbitDB's form of a key. */
export function publicKeyHexOf(did: string): string {
  return Buffer.from(ed25519PublicKeyFromDid(did)).toString('hex')
}

export interface LogIdentities {
  readonly identities: Identities
  /** The OrbitDB identity of an organisation whose key this node holds. */
  identityOf(key: OrgKey): Promise<Identity>
  close(): Promise<void>
}

/** Identities whose blocks live in the node's database; private keys stay in memory. */
export async function createLogIdentities(db: DatabaseSync): Promise<LogIdentities> {
  const keystore = await KeyStore({ storage: await MemoryStorage() })
  const identities = await Identities({ keystore, storage: blockStorage(db) })
  const made = new Map<string, Identity>()
  return {
    identities,
    async identityOf(key) {
      const existing = made.get(key.did)
      if (existing) return existing
      const raw = key.privateKey.raw
      // the identity key is stored under the DID, the signing key under its hex public key
      await keystore.addKey(key.did, { privateKey: raw })
      await keystore.addKey(publicKeyHexOf(key.did), { privateKey: raw })
      const identity = await identities.createIdentity({ id: key.did })
      // OrbitDB signs each entry through its keystore, which reads the key and imports it
      // again every time; a key object made once gives the same signature, in hex as it does
      const signer = ed25519Signer(raw)
      identity.sign = async (_identity, data) =>
        Buffer.from(signer(typeof data === 'string' ? Buffer.from(data) : data)).toString('hex')
      made.set(key.did, identity)
      return identity
    },
    close: () => keystore.close(),
  }
}
