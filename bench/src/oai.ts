/**
 * OAI-PMH harvesting on a running node (issue 13): the latency of one `ListRecords` page
 * of 100 records, over HTTP from another process, as a harvester walks the node with
 * resumption tokens, and of first pages narrowed by a set or a date.
 */
import { percentile } from './report.ts'

const TOKEN = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/

/** p50 and p99 (ms) of `ListRecords` pages: `pages` pages in a row, then narrowed first pages. */
export async function oaiPageLatency(
  url: string,
  pages = 300,
): Promise<{ p50Ms: number; p99Ms: number; pages: number; records: number }> {
  const times: number[] = []
  let records = 0
  const page = async (query: string): Promise<string> => {
    const start = performance.now()
    const response = await fetch(`${url}/oai?${query}`)
    const body = await response.text()
    times.push(performance.now() - start)
    if (!response.ok || body.includes('<error code="badResumptionToken"'))
      throw new Error(`OAI-PMH failed: ${body.slice(0, 300)}`)
    records += body.split('<record>').length - 1
    return body
  }
  // warm up: the formats module loads on the first request
  await page('verb=Identify')
  times.length = 0
  let query = 'verb=ListRecords&metadataPrefix=oai_dc'
  for (let i = 0; i < pages; i++) {
    const token = TOKEN.exec(await page(query))?.[1]
    if (token === undefined) break
    query = `verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`
  }
  for (let i = 0; i < 20; i++) {
    await page('verb=ListRecords&metadataPrefix=oai_dc&set=kind:practice')
    await page('verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01T00:00:00Z')
  }
  const harvested = times.length
  times.sort((a, b) => a - b)
  return {
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    pages: harvested,
    records,
  }
}

if (import.meta.main) {
  // on its own: `node bench/src/oai.ts [records]` fills a store, starts a node on it, harvests
  const { rm } = await import('node:fs/promises')
  const { publishBulk } = await import('./store.ts')
  const { measureDaemon, searchRebuildMs, startDaemon } = await import('./daemon.ts')
  const count = Number(process.argv[2] ?? 100_000)
  const { home } = await publishBulk(count)
  try {
    // as in the whole run: the search index is built on a first start, measured after
    const first = await startDaemon(home)
    await searchRebuildMs(first)
    await first.stop()
    const figures = await measureDaemon(home, { during: (url) => oaiPageLatency(url), idleMs: 0 })
    process.stdout.write(`${JSON.stringify({ records: count, ...figures.during }, null, 2)}\n`)
  } finally {
    await rm(home, { recursive: true, force: true })
  }
}
