/**
 * The holder's side of a pull (the sync protocol's handler) over a libp2p stream pair: a
 * requester that holds nothing of the log hears how much it lacks before the holder walks
 * the log, so that it starts its check workers meanwhile; then every entry follows.
 */
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { Connection, Stream } from '@libp2p/interface'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { lpStream, streamPair } from '@libp2p/utils'
import type { Store } from '@polder/store'
import { openStore, practice, tempDir } from '@polder/store/testing'
import { describe, expect, it } from 'vitest'
import { pullLog, syncHandler } from '../src/protocol.js'
import { decodeMessage, encodeMessage, SYNC_VERSION } from '../src/wire.js'

/** How long the walk waits for the requester to hear the meta before it goes on. */
const PATIENCE_MS = 5_000
/** Longer than the grace a pull gives a holder before it holds it to a least rate (5 s). */
const SLOW_WALK_MS = 6_000

/** A holder whose walk of its log waits `before()` at its first block read. */
function walkingHolder(store: Store, before: () => Promise<void>): Pick<Store, 'readLog' | 'log'> {
  let waited = false
  return {
    log: (did) => store.log(did),
    readLog: ((did, read) =>
      store.readLog(did, (log) =>
        read(
          new Proxy(log, {
            get: (target, name) => {
              const value: unknown = Reflect.get(target, name, target)
              if (name !== 'bytes') return typeof value === 'function' ? value.bind(target) : value
              return async (hash: string) => {
                if (!waited) {
                  waited = true
                  await before()
                }
                return target.bytes(hash)
              }
            },
          }),
        ),
      )) as Store['readLog'],
  }
}

describe('serving a pull', () => {
  it('tells a requester that holds nothing how much it lacks before walking the log', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    for (let i = 0; i < 40; i++) await store.publish(practice(i))
    // the order in which the holder walked and the requester heard the meta
    const events: string[] = []
    let heardMeta: () => void = () => undefined
    const metaHeard = new Promise<void>((resolve) => {
      heardMeta = resolve
    })
    // the walk's first read waits until the requester heard the meta (or gives up)
    const holder = walkingHolder(store, async () => {
      events.push('walk')
      events.push(
        await Promise.race([
          metaHeard.then(() => 'meta heard during the walk'),
          new Promise<string>((resolve) =>
            setTimeout(() => resolve('walked without the meta'), PATIENCE_MS),
          ),
        ]),
      )
    })
    const [outbound, inbound] = await streamPair()
    const served = syncHandler(holder, () => true)(inbound, {} as Connection)
    const lp = lpStream(outbound)
    await lp.write(encodeMessage({ v: SYNC_VERSION, log: store.did, have: [] }))
    const meta = decodeMessage((await lp.read()).subarray())
    heardMeta()
    expect(meta).toEqual({ t: 'meta', heads: await store.heads(store.did), entries: 40 })
    let entries = 0
    for (;;) {
      const message = decodeMessage((await lp.read()).subarray())
      if (message.t === 'end') break
      if (message.t !== 'batch') throw new Error(`unexpected ${message.t}`)
      entries += message.entries.length
      await lp.write(encodeMessage({ t: 'ack' }))
    }
    await served
    expect(entries).toBe(40)
    // the meta was heard while the walk waited for it, not after the walk
    expect(events).toEqual(['walk', 'meta heard during the walk'])
  })

  it('does not take a holder that walks its log for a while before the first batch for a slow one', {
    timeout: 60_000,
  }, async () => {
    await using holderDir = await tempDir()
    await using followerDir = await tempDir()
    await using holderStore = await openStore(holderDir.path)
    await using follower = await openStore(followerDir.path)
    // a few KiB in all: sent over the walk's time they are far below the least rate
    for (let i = 0; i < 10; i++) await holderStore.publish(practice(i))
    await follower.follow(holderStore.did)
    const holder = walkingHolder(
      holderStore,
      () => new Promise((resolve) => setTimeout(resolve, SLOW_WALK_MS)),
    )
    const [outbound, inbound] = await streamPair()
    const peer = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const served = syncHandler(holder, () => true)(inbound, { remotePeer: peer } as Connection)
    // the one connection to the holder, opening the stream pair's outbound end
    const connection = {
      status: 'open',
      direct: true,
      limits: undefined,
      newStream: async (): Promise<Stream> => outbound,
    } as unknown as Connection
    const opener = {
      getConnections: () => [connection],
      dial: async () => connection,
    }
    const pulled = await pullLog(opener, 'sync', follower, peer, holderStore.did)
    await served
    expect(pulled.joined).toBe(10)
    expect(follower.count(holderStore.did)).toBe(10)
  })
})
