/**
 * Open formats (issue 13): CSV import speed and the catalogue's memory while it streams.
 * Both run the formats package's functions on records made from the fixtures.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { catalogStream, createIris, csvLines, exportColumns, readCsv } from '@polder/formats'
import type { RecordState } from '@polder/schema'

const FIXTURES = fileURLToPath(new URL('../../packages/schema/fixtures/records/', import.meta.url))

function fixtures(): RecordState[] {
  return readdirSync(FIXTURES).flatMap(
    (file) => JSON.parse(readFileSync(`${FIXTURES}${file}`, 'utf8')) as RecordState[],
  )
}

const ULID_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const idOf = (n: number) => {
  let out = ''
  for (let i = 0; i < 10; i++) {
    out = (ULID_CHARS[n % 32] as string) + out
    n = Math.floor(n / 32)
  }
  return `01J0000000000000${out}`
}

/** `count` records cycling through the fixtures, each with its own id, made as needed. */
function* records(count: number): Generator<RecordState> {
  const base = fixtures()
  for (let i = 0; i < count; i++) {
    const record = base[i % base.length] as RecordState
    yield { ...record, id: idOf(i) } as RecordState
  }
}

/**
 * Rows per second that `readCsv` checks (every row against the record model), for rows
 * as a spreadsheet holds them: titles, summaries, status, dates, budget, themes, tags and
 * places of the fixture practices (no long bodies).
 */
export function csvImportRowsPerSecond(rows: number): number {
  const practices = fixtures().filter((r) => r.kind === 'practice')
  const many = Array.from({ length: rows }, (_, i) => {
    const {
      body: _body,
      outcomes: _o,
      barriers: _b,
      partners: _p,
      funding: _f,
      links: _l,
      relations: _r,
      ...row
    } = practices[i % practices.length] as Record<string, unknown>
    return row as unknown as RecordState
  })
  const csv = new TextEncoder().encode([...csvLines(many, exportColumns(['practice']))].join(''))
  readCsv(csv.subarray(0, csv.indexOf(10, csv.indexOf(10) + 1) + 1), 'practice') // warm up
  const started = performance.now()
  const read = readCsv(csv, 'practice')
  const seconds = (performance.now() - started) / 1000
  if (read.records.length !== rows)
    throw new Error(`only ${read.records.length} of ${rows} rows valid`)
  return rows / seconds
}

/** Growth of the process's RSS (MB) while the DCAT-AP catalogue of `count` records streams. */
export async function catalogRssGrowthMb(count: number): Promise<number> {
  globalThis.gc?.()
  const before = process.memoryUsage().rss
  let peak = before
  const init = {
    iris: createIris('https://polder.example.nl'),
    did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    organization: () => undefined,
  }
  let chunks = 0
  for await (const _chunk of catalogStream(init, records(count), 'text/turtle')) {
    if (++chunks % 200 === 0) peak = Math.max(peak, process.memoryUsage().rss)
  }
  return (Math.max(peak, process.memoryUsage().rss) - before) / 1024 / 1024
}
