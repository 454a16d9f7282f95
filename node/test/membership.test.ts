/** Who the relay service serves: members whose organisation announced itself, not blocked ones. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { loadOrCreateKey, Store } from '@polder/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { didOfPeer, membership } from '../src/parts/membership.js'

describe('membership for the relay service', () => {
  let home: string
  let store: Store

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'polder-membership-'))
    const { key } = await loadOrCreateKey(home)
    store = await Store.open({ home, key })
  })

  afterAll(async () => {
    await store.stop()
    await rm(home, { recursive: true, force: true })
  })

  const newPeer = async () => peerIdFromPrivateKey(await generateKeyPair('Ed25519'))

  it('counts a peer whose organisation announced itself, and not one it blocked', async () => {
    const peer = await newPeer()
    const did = didOfPeer(peer) ?? ''
    store.directory.seen(did, peer.toString(), undefined)
    const isMember = membership(() => store.directory, 1_000)
    expect(await isMember(peer)).toBe(true)
    store.directory.block(did, 'spam')
    expect(await isMember(peer)).toBe(false)
  })

  it('waits for the announcement of a peer that just connected, then gives up', async () => {
    const isMember = membership(() => store.directory, 2_000)
    const late = await newPeer()
    const answer = isMember(late)
    setTimeout(() => store.directory.seen(didOfPeer(late) ?? '', late.toString(), undefined), 300)
    expect(await answer).toBe(true)
    const never = await newPeer()
    expect(await membership(() => store.directory, 300)(never)).toBe(false)
  })

  it('waits while the store is still opening, then answers from its directory', async () => {
    const peer = await newPeer()
    store.directory.seen(didOfPeer(peer) ?? '', peer.toString(), undefined)
    let opened: Store | undefined
    const answer = membership(() => opened?.directory, 2_000)(peer)
    setTimeout(() => (opened = store), 300)
    expect(await answer).toBe(true)
    expect(await membership(() => undefined, 300)(peer)).toBe(false)
  })

  it('refuses a peer whose key is not Ed25519: it cannot be an organisation', async () => {
    const secp = peerIdFromPrivateKey(await generateKeyPair('secp256k1'))
    expect(didOfPeer(secp)).toBeUndefined()
    expect(await membership(() => store.directory, 100)(secp)).toBe(false)
  })
})
