/** The search index's figures: indexing rate, query latency with facets, size, memory. */
import { readFileSync, statSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { createRecord, type Did, type PolderRecord, type RecordState } from '@polder/schema'
import { SearchIndex, type SearchQuery } from '@polder/search'
import { fixtureTexts, variedPractice } from './records.ts'
import { percentile } from './report.ts'
import { tempHome } from './store.ts'

export const AUTHORS = (
  JSON.parse(
    readFileSync(
      new URL('../../packages/schema/fixtures/organizations.json', import.meta.url),
      'utf8',
    ),
  ) as { did: Did }[]
).map((org) => org.did)
/** `count` varied practices (see `variedPractice`) spread over the fixtures' organisations. */
export function generate(count: number): RecordState[] {
  const now = new Date('2025-01-01T00:00:00Z').getTime()
  const texts = fixtureTexts()
  return Array.from({ length: count }, (_, n) =>
    createRecord(variedPractice(n, texts), AUTHORS[n % AUTHORS.length] as Did, {
      now: new Date(now - n * 60_000),
    }),
  )
}

export const QUERIES: SearchQuery[] = [
  { text: 'hittestress' },
  { text: 'heat stress', filters: { province: ['PV23'] } },
  { text: 'buurtbatterij', filters: { kind: ['practice'] } },
  { text: 'neighbourhood battery', sort: 'date' },
  { text: 'slim laden' },
  { text: 'smart charging', filters: { year: ['2024'] } },
  { text: 'algoritmeregister' },
  { text: 'digital twin', filters: { theme: ['mobility'] } },
  { text: 'regentonnen', sort: 'budget' },
  { text: 'LoRaWAN', filters: { municipality: ['GM0014'] } },
  { text: 'fietsen' },
  { text: 'warmte' },
  { text: '"cool routes"' },
  { text: 'mobiliteitshubs', filters: { status: ['pilot'] } },
  { text: 'crowd monitoring privacy' },
  { text: 'lantaarnpalen wijk 4242' },
  { text: 'street lights district 777' },
  { text: 'energie', filters: { sdg: [13], funding: ['municipal'] } },
  { text: 'sensor*', budget: { min: { amount: '120000', currency: 'EUR' } } },
  { filters: { theme: ['climate-adaptation'] } },
  { filters: { province: ['PV30'] }, sort: 'budget' },
  {
    budget: {
      min: { amount: '100000', currency: 'EUR' },
      max: { amount: '110000', currency: 'EUR' },
    },
  },
  {},
  { text: 'Zwolle', filters: { language: ['nl'] } },
]

/** The same words as an FTS5 MATCH on a bare table: the baseline without facets. */
function bareMatch(query: SearchQuery): string | undefined {
  const words = (query.text ?? '').match(/[\p{L}\p{N}]+/gu)
  return words === null ? undefined : words.map((w) => `"${w}"`).join(' ')
}

/** Wall and CPU time of each run, each sorted: on a shared machine the wall also waits for a core. */
function time(rounds: number, run: (i: number) => void): { wall: number[]; cpu: number[] } {
  const wall: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < rounds; i++) {
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    run(i)
    wall.push(performance.now() - start)
    const used = process.cpuUsage(cpuStart)
    cpu.push((used.user + used.system) / 1000)
  }
  const sorted = (times: number[]) => times.sort((a, b) => a - b)
  return { wall: sorted(wall), cpu: sorted(cpu) }
}

interface Latency {
  readonly p50Ms: number
  readonly p99Ms: number
  readonly cpuP50Ms: number
  readonly cpuP99Ms: number
}

const latency = ({ wall, cpu }: { wall: number[]; cpu: number[] }): Latency => ({
  p50Ms: percentile(wall, 0.5),
  p99Ms: percentile(wall, 0.99),
  cpuP50Ms: percentile(cpu, 0.5),
  cpuP99Ms: percentile(cpu, 0.99),
})

/** Queries with words: the ones bare FTS5 can run too. */
const TEXT_QUERIES = QUERIES.filter((q) => bareMatch(q) !== undefined)

export async function searchFigures(count: number): Promise<
  Latency & {
    indexPerSecond: number
    indexBytes: number
    rssMb: number
    indexRssMb: number
    openMs: number
    /** The index on the queries with words only: the same queries as bare FTS5. */
    text: Latency
    bareFts5: Latency & { buildSeconds: number }
  }
> {
  const home = await tempHome()
  try {
    const states = generate(count)
    const byRef = new Map(states.map((s) => [`${s.author}/${s.id}/${s.version}`, s]))
    // The node reads hits from its store; a map stands in for it here.
    const records = (author: string, id: string, version: number) =>
      byRef.get(`${author}/${id}/${version}`)
    const path = join(home, 'search.sqlite')
    const built = SearchIndex.open({ path, records }).index
    const start = performance.now()
    built.rebuild(states)
    const indexPerSecond = (count / (performance.now() - start)) * 1000
    built.close()
    // Queries run on the file reopened, as a node does at start; the RSS it adds is the
    // index's own cost (the process's RSS also holds the generated records).
    const rssBefore = process.memoryUsage().rss
    const openStart = performance.now()
    // every query computed: no matches kept from an earlier query with the same words
    const { index } = SearchIndex.open({ path, records, recentQueries: 0 })
    const openMs = performance.now() - openStart
    const rounds = QUERIES.length * 40
    const times = time(rounds, (i) => index.search(QUERIES[i % QUERIES.length] ?? {}))
    const textTimes = time(TEXT_QUERIES.length * 40, (i) =>
      index.search(TEXT_QUERIES[i % TEXT_QUERIES.length] ?? {}),
    )
    const indexRssMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20
    index.close()
    const indexBytes = statSync(path).size
    const rssMb = process.memoryUsage().rss / 2 ** 20

    const bare = new DatabaseSync(join(home, 'bare.sqlite'))
    bare.exec(
      `CREATE VIRTUAL TABLE fts USING fts5(title, summary, tokenize = 'porter unicode61 remove_diacritics 2')`,
    )
    const bareStart = performance.now()
    bare.exec('BEGIN')
    const insert = bare.prepare('INSERT INTO fts (title, summary) VALUES (?, ?)')
    for (const s of states as PolderRecord[]) {
      insert.run(Object.values(s.title).join('\n'), Object.values(s.summary ?? {}).join('\n'))
    }
    bare.exec('COMMIT')
    const buildSeconds = (performance.now() - bareStart) / 1000
    const select = bare.prepare(
      "SELECT rowid, snippet(fts, 1, '<b>', '</b>', '…', 24) FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT 20",
    )
    const textQueries = TEXT_QUERIES.map((q) => bareMatch(q) ?? '')
    const bareTimes = time(textQueries.length * 40, (i) =>
      select.all(textQueries[i % textQueries.length] ?? ''),
    )
    bare.close()
    return {
      indexPerSecond,
      ...latency(times),
      indexBytes,
      rssMb,
      indexRssMb,
      openMs,
      text: latency(textTimes),
      bareFts5: { buildSeconds, ...latency(bareTimes) },
    }
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}

/** Latency of `POST /v1/search` on a running node, over the same mix of queries. */
export async function searchApiLatency(
  url: string,
  rounds = 10,
): Promise<{ p50Ms: number; p99Ms: number }> {
  const times: number[] = []
  for (let i = 0; i < QUERIES.length * rounds; i++) {
    const start = performance.now()
    const response = await fetch(`${url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(QUERIES[i % QUERIES.length]),
    })
    if (!response.ok) throw new Error(`search failed: ${await response.text()}`)
    await response.arrayBuffer()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99) }
}

if (import.meta.main) {
  const count = Number(process.argv[2] ?? 100_000)
  process.stdout.write(`${JSON.stringify(await searchFigures(count), null, 2)}\n`)
}
