/**
 * Where each query of the search benchmark spends its CPU time: the FTS5 pass that finds
 * the matches, the ranking (BM25, or the titles pass of a broad query), the rows of the
 * page's hits, the rest of the search in JavaScript (parsing, filters, facet counts, the
 * page, hits and snippets) and the JSON of the answer, as the API would send it. SQLite's
 * statements are timed by wrapping `StatementSync`; medians over the rounds, CPU time.
 *
 *   node bench/src/search-breakdown.ts [records] [dir] [rounds]
 *
 * Uses the index file of `search-per-query.ts` in `dir` (built there when missing).
 */
import { StatementSync } from 'node:sqlite'
import { SearchIndex } from '@polder/search'
import { QUERIES } from './search.ts'
import { cpuMs, median, searchFixture } from './search-fixture.ts'

const { rounds, records, path } = searchFixture(20)

type Part = 'match' | 'rank' | 'rows' | 'other'
/** The part of a search a statement belongs to, by its SQL. */
function partOf(sql: string): Part {
  if (sql.includes('bm25(') || sql.includes('FROM titles')) return 'rank'
  if (sql.includes('FROM fts WHERE fts MATCH')) return 'match'
  if (sql.includes('FROM docs WHERE rowid')) return 'rows'
  return 'other'
}
const spent: Record<Part, number> = { match: 0, rank: 0, rows: 0, other: 0 }
const prototype = StatementSync.prototype as unknown as Record<
  'get' | 'all',
  (this: StatementSync, ...args: unknown[]) => unknown
>
for (const method of ['get', 'all'] as const) {
  const original = prototype[method]
  prototype[method] = function (this: StatementSync, ...args: unknown[]) {
    const start = process.cpuUsage()
    try {
      return original.apply(this, args)
    } finally {
      spent[partOf(this.sourceSQL)] += cpuMs(start)
    }
  }
}

const { index } = SearchIndex.open({ path, records, recentQueries: 0 })
const PARTS = ['total', 'match', 'rank', 'rows', 'js', 'json'] as const
const rows = QUERIES.map((query) => {
  const times = Object.fromEntries(PARTS.map((part) => [part, [] as number[]])) as Record<
    (typeof PARTS)[number],
    number[]
  >
  for (let i = 0; i < rounds; i++) {
    for (const part of Object.keys(spent) as Part[]) spent[part] = 0
    const start = process.cpuUsage()
    const result = index.search(query)
    const total = cpuMs(start)
    const jsonStart = process.cpuUsage()
    JSON.stringify(result)
    times.json.push(cpuMs(jsonStart))
    times.total.push(total)
    times.match.push(spent.match)
    times.rank.push(spent.rank)
    times.rows.push(spent.rows)
    const sql = spent.match + spent.rank + spent.rows + spent.other
    times.js.push(Math.max(0, total - sql))
  }
  return {
    query: JSON.stringify(query).slice(0, 48),
    ...Object.fromEntries(PARTS.map((part) => [part, median(times[part])])),
  }
})
console.table(rows)
index.close()
