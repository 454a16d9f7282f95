/**
 * A follower's join of live updates, without the network: CPU time and write system calls
 * per heads message's entries as a follower joins them (`joinSegment` with the last four
 * entries of the publisher's log, three of them held already, as a live heads message
 * carries them), after 50 entries joined in bulk. In process and without other processes:
 * the one to compare two builds of the join by, on a machine whose load moves the
 * propagation figure.
 *
 *   node bench/src/live-join-cpu.ts [--baseline <another worktree's root>] [--repeat n]
 *
 * With a baseline, each repeat runs this tree, then that one's built store, each in a
 * process of its own, with the V8 flags of that tree's daemon.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Store as StoreClass } from '@polder/store'
import { alternateTrees, storeOfTree } from './alternate-trees.ts'
import { type ProcessIo, processIo } from './process-cpu.ts'
import { practice } from './records.ts'

const RECORDS = 400
const BULK = 50
/** Entries a live heads message carries: the newest and the three before it. */
const PUSHED = 4

interface LiveJoinFigures {
  readonly cpuUsPerUpdate: number
  readonly writesPerUpdate: number
  readonly bytesWrittenPerUpdate: number
}

/** The figures of joining live updates with the store built in the tree at `root`. */
async function liveJoin(root: string): Promise<LiveJoinFigures> {
  const { loadOrCreateKey, Store } = await storeOfTree(root)
  const homes = [
    await mkdtemp(join(tmpdir(), 'polder-live-join-')),
    await mkdtemp(join(tmpdir(), 'polder-live-join-')),
  ] as const
  const stores: StoreClass[] = []
  try {
    const [publisher, follower] = await Promise.all(
      homes.map(async (home) => Store.open({ home, key: (await loadOrCreateKey(home)).key })),
    )
    if (publisher === undefined || follower === undefined) throw new Error('no store')
    stores.push(publisher, follower)
    for (let i = 0; i < RECORDS; i++) await publisher.publish(practice(i))
    const log = publisher.log(publisher.did)
    if (log === undefined) throw new Error('no own log')
    const entries: Uint8Array[] = []
    const identities = new Map<string, Uint8Array>()
    for await (const entry of log.traverse()) {
      entries.unshift((await log.bytes(entry.hash)) as Uint8Array)
      identities.set(entry.identity, (await log.bytes(entry.identity)) as Uint8Array)
    }
    await follower.follow(publisher.did)
    await follower.joinSegment(publisher.did, {
      entries: entries.slice(0, BULK),
      identities: [...identities.values()],
    })
    const io = await processIo(process.pid)
    const start = process.cpuUsage()
    for (let i = BULK; i < RECORDS; i++) {
      const pushed = entries.slice(Math.max(0, i + 1 - PUSHED), i + 1)
      await follower.joinSegment(publisher.did, { entries: pushed, identities: [] }, { from: 'a' })
    }
    const used = process.cpuUsage(start)
    const after = await processIo(process.pid)
    if (follower.count(publisher.did) !== RECORDS) throw new Error('not every update joined')
    const per = (field: keyof ProcessIo) => (after[field] - io[field]) / (RECORDS - BULK)
    return {
      cpuUsPerUpdate: (used.user + used.system) / (RECORDS - BULK),
      writesPerUpdate: per('syscw'),
      bytesWrittenPerUpdate: per('wchar'),
    }
  } finally {
    for (const store of stores) await store.stop()
    for (const home of homes) await rm(home, { recursive: true, force: true })
  }
}

if (import.meta.main) await alternateTrees(import.meta.url, liveJoin)
