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
import { alternateTrees } from './alternate-trees.ts'
import { liveFollower } from './live-follower.ts'
import { type ProcessIo, processIo } from './process-cpu.ts'

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
  const { publisher, follower, entries, close } = await liveFollower(root, RECORDS, BULK)
  try {
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
    await close()
  }
}

if (import.meta.main) await alternateTrees(import.meta.url, liveJoin)
