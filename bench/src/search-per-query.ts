/** Per query of the search benchmark: p50 and p99 wall and CPU time, to find the slow ones. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { SearchIndex } from '@polder/search'
import { percentile } from './report.ts'
import { generate, QUERIES } from './search.ts'

const count = Number(process.argv[2] ?? 100_000)
const dir = process.argv[3] ?? '/tmp/srch'
const rounds = Number(process.argv[4] ?? 40)
const states = generate(count)
const byRef = new Map(states.map((s) => [`${s.author}/${s.id}/${s.version}`, s]))
const records = (author: string, id: string, version: number) =>
  byRef.get(`${author}/${id}/${version}`)
const path = join(dir, `search-${count}.sqlite`)
if (!existsSync(path) || process.env.REBUILD === '1') {
  const { index } = SearchIndex.open({ path, records })
  const start = performance.now()
  index.rebuild(states)
  process.stderr.write(`rebuilt in ${(performance.now() - start).toFixed(0)} ms\n`)
  index.close()
}
const { index } = SearchIndex.open({ path, records, recentQueries: 0 })
const only = process.env.ONLY === undefined ? undefined : Number(process.env.ONLY)
const rows = QUERIES.filter((_, i) => only === undefined || i === only).map((query) => {
  const wall: number[] = []
  const cpu: number[] = []
  let total = 0
  for (let i = 0; i < rounds; i++) {
    const c = process.cpuUsage()
    const start = performance.now()
    total = index.search(query).total
    wall.push(performance.now() - start)
    const u = process.cpuUsage(c)
    cpu.push((u.user + u.system) / 1000)
  }
  wall.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  return {
    query: JSON.stringify(query).slice(0, 70),
    total,
    p50: +percentile(wall, 0.5).toFixed(2),
    p99: +percentile(wall, 0.99).toFixed(2),
    cpu50: +percentile(cpu, 0.5).toFixed(2),
  }
})
console.table(rows)
index.close()
