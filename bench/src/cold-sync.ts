/**
 * Cold sync: a fresh node follows an organisation whose log holds `count` records, each
 * published as its own entry, and we time from the follow until all are applied.
 * Both are real node processes of the test network on 127.0.0.1.
 */
import { rm } from 'node:fs/promises'
import { TestNetwork } from '@polder/testnet'
import { fillOneByOne, tempHome } from './store.ts'

export interface ColdSyncFigures {
  readonly seconds: number
  readonly recordsPerSecond: number
}

function profileEnv(): Record<string, string> {
  const dir = process.env.POLDER_BENCH_PROFILE
  return dir === undefined ? {} : { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir}` }
}

export async function coldSync(count: number): Promise<ColdSyncFigures> {
  const home = await tempHome()
  try {
    await fillOneByOne(home, count)
    const network = await TestNetwork.create({
      nodes: 2,
      topology: [[1, 0]],
      // a long repair interval: only the follow itself may start the sync
      syncInterval: 600,
      // POLDER_BENCH_PROFILE=dir: both nodes write CPU profiles there (`--cpu-prof`)
      node: (index) => ({
        ...(index === 0 ? { home } : {}),
        env: profileEnv(),
      }),
    })
    try {
      const [publisher, follower] = network.nodes as [
        (typeof network.nodes)[0],
        (typeof network.nodes)[0],
      ]
      const start = performance.now()
      await follower.follow(publisher)
      const deadline = start + 300_000
      while ((await follower.count(publisher.did)) < count) {
        if (performance.now() > deadline) throw new Error('cold sync did not finish in 300 s')
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      const seconds = (performance.now() - start) / 1000
      return { seconds, recordsPerSecond: count / seconds }
    } finally {
      await network.dispose()
    }
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}
