/**
 * A damaged datastore does not keep the node from starting: it is set aside and made anew.
 * A locked one (another process on this home) is refused with a named error.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LevelDatastore } from 'datastore-level'
import { afterAll, describe, expect, it } from 'vitest'
import { localNetwork } from './local-network.js'

describe("the node's datastore", () => {
  const roots: string[] = []
  afterAll(async () => {
    for (const root of roots) await rm(root, { recursive: true, force: true })
  })

  it('is set aside and made anew when damaged, and the node starts', async () => {
    const root = await mkdtemp(join(tmpdir(), 'polder-net-datastore-'))
    roots.push(root)
    await (await localNetwork(root, 'node')).stop()
    // LevelDB reads its manifest's name from CURRENT first
    await writeFile(join(root, 'node', 'datastore', 'CURRENT'), 'not a manifest')
    const again = await localNetwork(root, 'node')
    try {
      expect(again.datastoreSetAside).toMatch(/datastore\.damaged-/)
      expect(
        (await readdir(join(root, 'node'))).filter((name) => name.startsWith('datastore')),
      ).toHaveLength(2)
      // the new datastore works: the node's own entry is written and read back
      expect(
        (await again.libp2p.peerStore.get(again.libp2p.peerId)).id.equals(again.libp2p.peerId),
      ).toBe(true)
    } finally {
      await again.stop()
    }
  })

  it('is refused by name when another process holds it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'polder-net-datastore-'))
    roots.push(root)
    const holder = new LevelDatastore(join(root, 'node', 'datastore'))
    await holder.open()
    try {
      await expect(localNetwork(root, 'node')).rejects.toMatchObject({
        name: 'DatastoreLockedError',
      })
    } finally {
      await holder.close()
    }
    await (await localNetwork(root, 'node')).stop()
  })
})
