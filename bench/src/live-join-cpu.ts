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
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { Store as StoreClass } from '@polder/store'
import { nodeFlags } from './daemon.ts'
import { type ProcessIo, processIo } from './process-cpu.ts'
import { practice } from './records.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
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
  // the store of another tree: the same API, so this tree's types describe it
  const { loadOrCreateKey, Store } = (await import(
    pathToFileURL(join(root, 'packages/store/dist/index.js')).href
  )) as typeof import('@polder/store')
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

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string' },
      repeat: { type: 'string', default: '3' },
      // the measurement itself, in this process: what each repeat spawns
      tree: { type: 'string' },
    },
  })
  if (values.tree !== undefined) {
    process.stdout.write(`${JSON.stringify(await liveJoin(values.tree))}\n`)
  } else {
    const trees = [ROOT, ...(values.baseline === undefined ? [] : [values.baseline])]
    for (let repeat = 0; repeat < Number(values.repeat); repeat++) {
      for (const tree of trees) {
        const flags = await nodeFlags(join(tree, 'node/bundle/bin.js'))
        const run = spawnSync(
          process.execPath,
          [...flags, fileURLToPath(import.meta.url), '--tree', tree],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
        )
        if (run.status !== 0) throw new Error(`the run on ${tree} exited with ${run.status}`)
        const load = (await readFile('/proc/loadavg', 'utf8')).split(' ')[0]
        process.stdout.write(`${JSON.stringify({ tree, load, ...JSON.parse(run.stdout) })}\n`)
      }
    }
  }
}
