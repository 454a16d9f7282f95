/** Per query of the search benchmark: p50 and p99 wall and CPU time, to find the slow ones. */
import { SearchIndex } from '@polder/search'
import { percentile } from './report.ts'
import { QUERIES } from './search.ts'
import { searchFixture } from './search-fixture.ts'

const { rounds, records, path } = searchFixture(40)
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
