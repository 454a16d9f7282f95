/**
 * Search before/after in one process: another build of `@polder/search` (its `dist`, copied
 * beside the package so that its imports resolve, e.g. to `packages/search/node_modules/
 * .dist-base`) and this one take turns on the same generated records, with bare FTS5 on the
 * same words after each turn. CPU time per query (`process.cpuUsage`): on a shared machine
 * the wall clock also counts waiting for a core.
 *
 *   node bench/src/search-compare.ts <before-dist-dir> [records] [rounds] [turns] [dir]
 *
 * `ONLY=0,17` runs those queries of the mix only; `FIRST=after` runs this build first in each turn.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { PolderRecord } from '@polder/schema'
import type { SearchQuery } from '@polder/search'
import { percentile } from './report.ts'
import { QUERIES } from './search.ts'
import { generatedRecords, searchBuilds } from './search-fixture.ts'

const [beforeDir, countArg, roundsArg, turnsArg, dirArg] = process.argv.slice(2)
if (beforeDir === undefined) throw new Error('usage: search-compare.ts <before-dist-dir> …')
const count = Number(countArg ?? 100_000)
const rounds = Number(roundsArg ?? 40)
const turns = Number(turnsArg ?? 3)
const dir = dirArg ?? '/tmp'

const builds = await searchBuilds(beforeDir)
const { states, records } = generatedRecords(count)

// one file per build: an older build may keep another layout
const path = (name: string) => join(dir, `search-compare-${name}-${count}.sqlite`)
for (const name of ['before', 'after'] as const) {
  if (existsSync(path(name)) && process.env.REBUILD !== '1') continue
  const { index } = builds[name].SearchIndex.open({ path: path(name), records })
  index.rebuild(states)
  index.close()
}
const barePath = path('bare')
if (!existsSync(barePath) || process.env.REBUILD === '1') {
  // as bench/src/search.ts builds its baseline
  const db = new DatabaseSync(barePath)
  db.exec(
    `CREATE VIRTUAL TABLE fts USING fts5(title, summary, tokenize = 'porter unicode61 remove_diacritics 2')`,
  )
  db.exec('BEGIN')
  const insert = db.prepare('INSERT INTO fts (title, summary) VALUES (?, ?)')
  for (const s of states as PolderRecord[])
    insert.run(Object.values(s.title).join('\n'), Object.values(s.summary ?? {}).join('\n'))
  db.exec('COMMIT')
  db.close()
}
const bare = new DatabaseSync(barePath, { readOnly: true })
const bareSelect = bare.prepare(
  "SELECT rowid, snippet(fts, 1, '<b>', '</b>', '…', 24) FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20",
)
const bareMatch = (query: SearchQuery): string | undefined => {
  const words = (query.text ?? '').match(/[\p{L}\p{N}]+/gu)
  return words === null ? undefined : words.map((w) => `"${w}"`).join(' ')
}

const only = process.env.ONLY?.split(',').map(Number)
const queries = QUERIES.map((query, i) => ({ i, query, bare: bareMatch(query) })).filter(
  ({ i }) => only === undefined || only.includes(i),
)
type Column = 'before' | 'after' | 'bare'
const perQuery = queries.map(
  () => ({ before: [], after: [], bare: [] }) as Record<Column, number[]>,
)
const all = { before: [] as number[], after: [] as number[] }
const withWords = { before: [] as number[], after: [] as number[], bare: [] as number[] }

function cpuMs(run: () => void): number {
  const start = process.cpuUsage()
  run()
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

// `FIRST=after` swaps the order within each turn, to see what going first costs
const order =
  process.env.FIRST === 'after' ? (['after', 'before'] as const) : (['before', 'after'] as const)
for (let turn = 0; turn < turns; turn++) {
  for (const name of order) {
    const { index } = builds[name].SearchIndex.open({ path: path(name), records, recentQueries: 0 })
    for (let round = 0; round < rounds; round++) {
      queries.forEach(({ query, bare: words }, q) => {
        const ms = cpuMs(() => index.search(query))
        perQuery[q]?.[name].push(ms)
        all[name].push(ms)
        if (words !== undefined) withWords[name].push(ms)
      })
    }
    index.close()
  }
  for (let round = 0; round < rounds; round++) {
    queries.forEach(({ bare: words }, q) => {
      if (words === undefined) return
      const ms = cpuMs(() => bareSelect.all(words))
      perQuery[q]?.bare.push(ms)
      withWords.bare.push(ms)
    })
  }
}
bare.close()

const at = (times: readonly number[], p: number) =>
  times.length === 0
    ? undefined
    : +percentile(
        [...times].sort((a, b) => a - b),
        p,
      ).toFixed(2)
console.table(
  queries.map(({ i, query }, q) => ({
    i,
    query: JSON.stringify(query).slice(0, 50),
    before: at(perQuery[q]?.before ?? [], 0.5),
    after: at(perQuery[q]?.after ?? [], 0.5),
    bare: at(perQuery[q]?.bare ?? [], 0.5) ?? '–',
    'before max': at(perQuery[q]?.before ?? [], 1),
    'after max': at(perQuery[q]?.after ?? [], 1),
  })),
)
const line = (label: string, times: Partial<Record<Column, number[]>>) =>
  `${label}: ${Object.entries(times)
    .map(([name, t]) => `${name} ${at(t, 0.5)} / ${at(t, 0.99)}`)
    .join(', ')} ms`
console.log(line('CPU p50 / p99, all queries', all))
console.log(line('CPU p50 / p99, the queries with words', withWords))
