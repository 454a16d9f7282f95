/**
 * A network stopped and started again on the same data directory in the same process (an
 * in-process node restarted, the scale simulation's churn): the second start must find
 * the datastore's LevelDB closed, not locked by the first.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { afterAll, describe, expect, it } from 'vitest'
import { createNetwork } from '../src/index.js'

describe('restart in the same process', () => {
  const roots: string[] = []
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true })
  })

  it('starts again on the same directory after a stop', async () => {
    const root = await mkdtemp(join(tmpdir(), 'polder-net-restart-'))
    roots.push(root)
    const privateKey = await generateKeyPair('Ed25519')
    const init = {
      home: root,
      privateKey,
      listen: ['/ip4/127.0.0.1/tcp/0'],
      bootstrap: [],
      collective: 'test',
      mdns: false,
    }
    const first = await createNetwork(init)
    await first.stop()
    const second = await createNetwork(init)
    try {
      expect(second.libp2p.peerId.equals(first.libp2p.peerId)).toBe(true)
      // the datastore is the same LevelDB, open again: reading it does not throw
      const keys: unknown[] = []
      for await (const key of second.helia.datastore.queryKeys({})) keys.push(key)
      expect(Array.isArray(keys)).toBe(true)
    } finally {
      await second.stop()
    }
  }, 60_000)
})
