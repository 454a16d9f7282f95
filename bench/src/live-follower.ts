/**
 * A publisher's store and a follower's, in temp dirs: the publisher's log of `records`
 * entries (oldest first, as blocks) and the follower holding its first `bulk` of them, joined
 * in one segment: where the live-update benches start measuring.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store } from '@polder/store'
import { ownSegment } from '@polder/store/testing'
import { storeOfTree } from './alternate-trees.ts'
import { practice } from './records.ts'

export interface LiveFollower {
  readonly publisher: Store
  readonly follower: Store
  /** The publisher's and the follower's home directories. */
  readonly homes: readonly [string, string]
  /** The publisher's log entries as blocks, oldest first. */
  readonly entries: readonly Uint8Array[]
  /** Stops both stores and removes their directories. */
  close(): Promise<void>
}

/** The stores built in the tree at `root`, set up as above. */
export async function liveFollower(
  root: string,
  records: number,
  bulk: number,
  beforeJoin?: (follower: Store, home: string) => void,
): Promise<LiveFollower> {
  const { loadOrCreateKey, Store: StoreClass } = await storeOfTree(root)
  const homes = [
    await mkdtemp(join(tmpdir(), 'polder-live-')),
    await mkdtemp(join(tmpdir(), 'polder-live-')),
  ] as const
  const stores: Store[] = []
  const close = async () => {
    for (const store of stores) await store.stop()
    for (const home of homes) await rm(home, { recursive: true, force: true })
  }
  try {
    for (const home of homes)
      stores.push(await StoreClass.open({ home, key: (await loadOrCreateKey(home)).key }))
    const [publisher, follower] = stores as [Store, Store]
    beforeJoin?.(follower, homes[1])
    for (let i = 0; i < records; i++) await publisher.publish(practice(i))
    const { entries, identities } = await ownSegment(publisher)
    await follower.follow(publisher.did)
    await follower.joinSegment(publisher.did, {
      entries: entries.slice(0, bulk),
      identities,
    })
    return { publisher, follower, homes, entries, close }
  } catch (error) {
    await close()
    throw error
  }
}
