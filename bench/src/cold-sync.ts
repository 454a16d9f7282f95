/**
 * Cold sync: a fresh node follows an organisation whose log holds `count` records, each
 * published as its own entry, and we time from the follow until all are applied.
 * Both are real node processes of the test network on 127.0.0.1.
 */
import { cp, rm } from 'node:fs/promises'
import { TestNetwork } from '@polder/testnet'
import { orbitdbReplicationSeconds } from './orbitdb-replication.ts'
import { type CpuSplit, countCpu } from './process-cpu.ts'
import { searchReady } from './search-ready.ts'
import { fillOneByOne, tempHome } from './store.ts'

export interface ColdSyncFigures {
  readonly seconds: number
  readonly recordsPerSecond: number
  /** CPU seconds the follower spent (all threads, and its main thread), and the publisher. */
  readonly cpu: { readonly follower: CpuSplit; readonly publisher: CpuSplit }
}

/** POLDER_BENCH_PROFILE=dir: the node processes write CPU profiles there (`--cpu-prof`). */
export function profileEnv(): Record<string, string> {
  const dir = process.env.POLDER_BENCH_PROFILE
  return dir === undefined ? {} : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` }
}

export async function coldSync(count: number): Promise<ColdSyncFigures> {
  const home = await tempHome()
  try {
    await fillOneByOne(home, count)
    return await coldSyncFrom(home, count)
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/** Cold sync from a publisher whose home (`home`, left as it was) holds `count` records. */
export async function coldSyncFrom(template: string, count: number): Promise<ColdSyncFigures> {
  const home = await tempHome()
  try {
    await cp(template, home, { recursive: true })
    const network = await TestNetwork.create({
      nodes: 2,
      topology: [[1, 0]],
      // a long repair interval: only the follow itself may start the sync
      syncInterval: 600,
      // POLDER_BENCH_PROFILE=dir: both nodes write CPU profiles there (`--cpu-prof`)
      node: (index) => ({
        ...(index === 0 ? { home } : {}),
        env: profileEnv(),
        // a start on a busy machine (load 30) took longer than the default 30 s
        startTimeoutMs: 180_000,
      }),
    })
    try {
      const [publisher, follower] = network.nodes as [
        (typeof network.nodes)[0],
        (typeof network.nodes)[0],
      ]
      // the publisher's index of the records is built before the clock, as on a node that ran
      await searchReady(publisher)
      // threads that end before the count (an idle worker) are not counted: none does here
      const followerCpu = await countCpu(follower.pid)
      const publisherCpu = await countCpu(publisher.pid)
      const start = performance.now()
      await follower.follow(publisher)
      const deadline = start + 300_000
      while ((await follower.count(publisher.did)) < count) {
        if (performance.now() > deadline) throw new Error('cold sync did not finish in 300 s')
        // every 100 ms, as the many-organisations figure: each poll counts the follower's
        // records in SQLite, and at 25 ms the polls took a tenth of its main thread
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const seconds = (performance.now() - start) / 1000
      const cpu = { follower: await followerCpu.stop(), publisher: await publisherCpu.stop() }
      return { seconds, recordsPerSecond: count / seconds, cpu }
    } finally {
      await network.dispose()
    }
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/**
 * `node bench/src/cold-sync.ts [count] [runs] [--baseline]`: this figure alone, `runs` times
 * from one filled log (and OrbitDB's replication of as many docs once, with --baseline).
 * POLDER_BENCH_PROFILE=dir writes both nodes' CPU profiles there.
 */
if (import.meta.main) {
  const count = Number(process.argv[2] ?? 10_000)
  const runs = Number(process.argv[3] ?? 1)
  const home = await tempHome()
  try {
    await fillOneByOne(home, count)
    for (let run = 0; run < runs; run++) {
      const figures = await coldSyncFrom(home, count)
      process.stdout.write(`${JSON.stringify({ count, ...figures })}\n`)
    }
  } finally {
    await rm(home, { recursive: true, force: true })
  }
  if (process.argv.includes('--baseline')) {
    const baseline = await orbitdbReplicationSeconds(count)
    const rate = baseline.replicated / baseline.seconds
    process.stdout.write(
      `${JSON.stringify({ orbitdb: { ...baseline, recordsPerSecond: rate } })}\n`,
    )
  }
}
