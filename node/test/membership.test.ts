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
    const isMember = membership(() => store.directory)
    expect(await isMember(peer)).toBe(true)
    store.directory.block(did, 'spam')
    expect(await isMember(peer)).toBe(false)
  })

  it('waits for the announcement of a peer that just connected while the asker lets it', async () => {
    const isMember = membership(() => store.directory)
    const late = await newPeer()
    const answer = isMember(late, { signal: AbortSignal.timeout(10_000) })
    setTimeout(() => store.directory.seen(didOfPeer(late) ?? '', late.toString(), undefined), 300)
    expect(await answer).toBe(true)
  })

  it('stops waiting when its asker does (the relay: after 2.5 s), or never waits without one', {
    // the check answers within a poll (250 ms); before, it waited 15 s whatever its asker did
    timeout: 10_000,
  }, async () => {
    const isMember = membership(() => store.directory)
    const asker = new AbortController()
    const answer = isMember(await newPeer(), { signal: asker.signal })
    asker.abort()
    expect(await answer).toBe(false)
    expect(await isMember(await newPeer())).toBe(false)
  })

  it('waits while the store is still opening, then answers from its directory', async () => {
    const peer = await newPeer()
    store.directory.seen(didOfPeer(peer) ?? '', peer.toString(), undefined)
    let opened: Store | undefined
    const answer = membership(() => opened?.directory)(peer, {
      signal: AbortSignal.timeout(10_000),
    })
    setTimeout(() => (opened = store), 300)
    expect(await answer).toBe(true)
    expect(await membership(() => undefined)(peer, { signal: AbortSignal.timeout(300) })).toBe(
      false,
    )
  })

  it('refuses a peer whose key is not Ed25519: it cannot be an organisation', async () => {
    const secp = peerIdFromPrivateKey(await generateKeyPair('secp256k1'))
    expect(didOfPeer(secp)).toBeUndefined()
    expect(await membership(() => store.directory)(secp)).toBe(false)
  })
})
