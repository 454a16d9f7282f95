/**
 * `node bench/src/cpu-check.ts`: CPU time (user + system of this process) per record for
 * the in-process figures, printed as one JSON line. On a machine that others load, CPU
 * time per record varies by a few per cent between runs where wall-clock rates vary
 * several-fold, so this compares two trees (e.g. before and after an upgrade) fairly.
 */
import { rm } from 'node:fs/promises'
import { orbitdbPutsPerSecond } from './orbitdb-baseline.ts'
import { searchFigures } from './search.ts'
import { publishBulk, publishOneByOne } from './store.ts'

async function cpu<T>(
  work: () => Promise<T>,
  count: number,
): Promise<{ value: T; cpuUsPerItem: number }> {
  const start = process.cpuUsage()
  const value = await work()
  const used = process.cpuUsage(start)
  return { value, cpuUsPerItem: (used.user + used.system) / count }
}
const one = await cpu(() => publishOneByOne(500), 500)
const bulk = await cpu(() => publishBulk(10_000), 10_000)
await rm(bulk.value.home, { recursive: true, force: true })
const base = await cpu(() => orbitdbPutsPerSecond(300), 300)
const search = await cpu(() => searchFigures(10_000), 10_000)
console.log(
  JSON.stringify({
    node: process.version,
    publishOneByOne: { perSecond: one.value, cpuUsPerRecord: one.cpuUsPerItem },
    publishMany: { perSecond: bulk.value.perSecond, cpuUsPerRecord: bulk.cpuUsPerItem },
    orbitdbPut: { perSecond: base.value, cpuUsPerDoc: base.cpuUsPerItem },
    searchFigures: { cpuUsPerRecord: search.cpuUsPerItem },
  }),
)
process.exit(0)
