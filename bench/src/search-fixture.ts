/**
 * The index file the per-query search benches share (`search-per-query.ts`,
 * `search-breakdown.ts`, `search-postings.ts`): `count` generated records, a loader over
 * them, and `<dir>/search-<count>.sqlite` built from them when missing (or `REBUILD=1`).
 *
 * Each bench takes the same arguments: `[records] [dir] [rounds]`.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { RecordState } from '@polder/schema'
import { type RecordLoader, SearchIndex } from '@polder/search'
import { percentile } from './report.ts'
import { generate } from './search.ts'

export interface SearchFixture {
  readonly count: number
  readonly dir: string
  readonly rounds: number
  readonly states: RecordState[]
  readonly records: RecordLoader
  /** The index file, built from `states`. */
  readonly path: string
}

/** `count` generated records' states, and a loader over them. */
export function generatedRecords(count: number): {
  states: RecordState[]
  records: RecordLoader
} {
  const states = generate(count)
  const byRef = new Map(states.map((s) => [`${s.author}/${s.id}/${s.version}`, s]))
  const records: RecordLoader = (author, id, version) => byRef.get(`${author}/${id}/${version}`)
  return { states, records }
}

/** Another build of `@polder/search` (its `dist` directory) and this one, for before/after. */
export async function searchBuilds(
  beforeDir: string,
): Promise<Record<'before' | 'after', typeof import('@polder/search')>> {
  return {
    before: (await import(resolve(beforeDir, 'index.js'))) as typeof import('@polder/search'),
    after: await import('@polder/search'),
  }
}

/** The fixture from the command line's `[records] [dir] [rounds]`. */
export function searchFixture(defaultRounds: number): SearchFixture {
  const count = Number(process.argv[2] ?? 100_000)
  const dir = process.argv[3] ?? '/tmp/srch'
  const rounds = Number(process.argv[4] ?? defaultRounds)
  const { states, records } = generatedRecords(count)
  const path = join(dir, `search-${count}.sqlite`)
  if (!existsSync(path) || process.env.REBUILD === '1') {
    const { index } = SearchIndex.open({ path, records })
    const start = performance.now()
    index.rebuild(states)
    process.stderr.write(`rebuilt in ${(performance.now() - start).toFixed(0)} ms\n`)
    index.close()
  }
  return { count, dir, rounds, states, records, path }
}

/** CPU time (user and system) since `start`, in milliseconds. */
export function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** The median of `values` (sorted in place), to two decimals. */
export function median(values: number[]): number {
  return +percentile(
    values.sort((a, b) => a - b),
    0.5,
  ).toFixed(2)
}
