/**
 * `node bench/src/oai-page-cpu.ts [pages]`: the CPU time of building one OAI-PMH `ListRecords`
 * page of 100 records in-process (no store, no HTTP), for `oai_dc` and `oai_datacite`, the
 * two formats interleaved; CPU time rather than wall time, so that a busy machine changes it
 * less. What a page costs over HTTP beyond this is the store's read and the socket.
 */
import { createIris, type OaiRepository, oaiRespond } from '@polder/formats'
import { createRecord, type RecordState } from '@polder/schema'
import { fixtureTexts, variedPractice } from './records.ts'
import { percentile } from './report.ts'

const AUTHOR = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'

/** A repository of `count` practices, every page its first `limit`. */
function repository(count: number): OaiRepository {
  const texts = fixtureTexts()
  const states: RecordState[] = Array.from({ length: count }, (_, n) =>
    createRecord(variedPractice(n, texts), AUTHOR, {
      now: new Date(Date.UTC(2026, 0, 1, 0, 0, n)),
    }),
  )
  return {
    iris: createIris('https://polder.example.nl'),
    repositoryName: 'Polder bench',
    adminEmail: 'beheer@polder.example.nl',
    earliestDatestamp: () => '2026-01-01T00:00:00Z',
    sets: () => [],
    get: () => undefined,
    organization: () => undefined,
    page: ({ limit }) => states.slice(0, limit),
  }
}

export function oaiPageCpu(
  pages = 400,
): Record<string, { p50Ms: number; p99Ms: number; bytes: number }> {
  const repo = repository(200)
  const prefixes = ['oai_dc', 'oai_datacite'] as const
  const times = new Map<string, number[]>(prefixes.map((p) => [p, []]))
  const bytes = new Map<string, number>()
  for (let i = 0; i < pages + 20; i++) {
    for (const prefix of prefixes) {
      const start = process.cpuUsage()
      const xml = oaiRespond(
        [
          ['verb', 'ListRecords'],
          ['metadataPrefix', prefix],
        ],
        repo,
        'https://polder.example.nl/oai',
      )
      // the answer is sent as UTF-8: writing it out is part of its cost
      bytes.set(prefix, Buffer.byteLength(xml))
      const used = process.cpuUsage(start)
      // the first 20 rounds warm the JIT up
      if (i >= 20) times.get(prefix)?.push((used.user + used.system) / 1000)
    }
  }
  return Object.fromEntries(
    prefixes.map((prefix) => {
      const sorted = (times.get(prefix) ?? []).sort((a, b) => a - b)
      return [
        prefix,
        {
          p50Ms: percentile(sorted, 0.5),
          p99Ms: percentile(sorted, 0.99),
          bytes: bytes.get(prefix) ?? 0,
        },
      ]
    }),
  )
}

if (import.meta.main) {
  process.stdout.write(`${JSON.stringify(oaiPageCpu(Number(process.argv[2] ?? 400)), null, 2)}\n`)
}
