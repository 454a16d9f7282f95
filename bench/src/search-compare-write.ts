/**
 * Indexing before/after in one process: another build of `@polder/search` (its `dist`, as
 * for `search-compare.ts`) and this one take turns indexing the same generated records
 * into a fresh file, in transactions of 2,000 (a rebuild's steps), closed at the end (the
 * postings' buffer is written then). CPU time (`process.cpuUsage`), records per CPU second.
 *
 *   node bench/src/search-compare-write.ts <before-dist-dir> [records] [turns] [dir]
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { REBUILD_CHUNK } from '../../packages/search/dist/constants.js'
import { cpuMs, generatedRecords, median, searchBuilds } from './search-fixture.ts'

const [beforeDir, countArg, turnsArg, dirArg] = process.argv.slice(2)
if (beforeDir === undefined) throw new Error('usage: search-compare-write.ts <before-dist-dir> …')
const count = Number(countArg ?? 20_000)
const turns = Number(turnsArg ?? 3)
const dir = dirArg ?? '/tmp'

const builds = await searchBuilds(beforeDir)
const { states, records } = generatedRecords(count)

const rates: Record<'before' | 'after', number[]> = { before: [], after: [] }
for (let turn = 0; turn < turns; turn++) {
  for (const name of ['before', 'after'] as const) {
    const path = join(dir, `search-compare-write-${name}.sqlite`)
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
    const { index } = builds[name].SearchIndex.open({ path, records })
    const start = process.cpuUsage()
    for (let first = 0; first < count; first += REBUILD_CHUNK)
      index.applyMany(states.slice(first, first + REBUILD_CHUNK))
    index.close()
    const rate = Math.round((count / cpuMs(start)) * 1000)
    rates[name].push(rate)
    process.stderr.write(`turn ${turn + 1} ${name}: ${rate} records/CPU s\n`)
  }
}
for (const name of ['before', 'after'] as const) {
  const all = rates[name]
  console.log(
    `${name}: median ${median([...all])} records/CPU s (${Math.min(...all)}-${Math.max(...all)})`,
  )
}
