import { generateKeyPair } from '@libp2p/crypto/keys'
import { describe, expect, it } from 'vitest'
import { orgKeyOf } from '../src/keys.js'
import { verifyProfileEntry } from '../src/profile-proof.js'
import { openStore, practice, tempDir } from '../src/testing.js'

const profile = (name: string) => ({
  kind: 'organization' as const,
  languages: ['nl'],
  title: { nl: name },
  orgType: 'municipality' as const,
})

describe('a profile passed on by a holder of the log', () => {
  it('verifies against the DID alone: the entry that carries the newest profile', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const first = await store.publish(profile('Gemeente Proefdorp'))
    const edited = await store.update(first.id, { title: { nl: 'Gemeente Proefstad' } })
    const bytes = store.entryOf(store.did, first.id)
    expect(bytes).toBeInstanceOf(Uint8Array)
    const verified = await verifyProfileEntry(store.did, bytes as Uint8Array)
    expect(verified).toEqual(edited)
  })

  it('is refused for another DID, with a byte changed, or without a profile in it', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const record = await store.publish(profile('Gemeente Proefdorp'))
    const bytes = store.entryOf(store.did, record.id) as Uint8Array
    const other = orgKeyOf(await generateKeyPair('Ed25519')).did
    expect(await verifyProfileEntry(other, bytes)).toBeUndefined()
    // every byte changed in turn: never a profile that verifies (a few hundred tries)
    for (let i = 0; i < bytes.byteLength; i += Math.ceil(bytes.byteLength / 300)) {
      const tampered = bytes.slice()
      tampered[i] = (tampered[i] as number) ^ 0x01
      const result = await verifyProfileEntry(store.did, tampered)
      if (result !== undefined) expect(result).toEqual(record) // a change CBOR ignores
    }
    const practiceRecord = await store.publish(practice(1))
    const noProfile = store.entryOf(store.did, practiceRecord.id) as Uint8Array
    expect(await verifyProfileEntry(store.did, noProfile)).toBeUndefined()
    expect(await verifyProfileEntry(store.did, new Uint8Array([1, 2, 3]))).toBeUndefined()
    expect(await verifyProfileEntry('did:web:example.org', bytes)).toBeUndefined()
  })
})
