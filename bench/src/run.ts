/**
 * `pnpm bench`: runs the benchmarks on this machine, prints each figure next to its goal
 * and its baseline, and writes them as JSON in bench/results/. `--quick` for a short look;
 * `--faults` for the fault suite at full size instead (RELIABILITY.md); `--floods` for its
 * API latency under floods alone.
 */
import { rm } from 'node:fs/promises'
import { publishLatency } from './api-latency.ts'
import { measureAttachments } from './attachments.ts'
import { coldSync } from './cold-sync.ts'
import { coldSyncMany } from './cold-sync-many.ts'
import { measureDaemon, searchRebuildMs, startDaemon } from './daemon.ts'
import { faultFigures, floods } from './faults.ts'
import { catalogRssGrowthMb, csvImportRowsPerSecond } from './formats.ts'
import { idleCost } from './idle-cost.ts'
import { oaiPageLatency } from './oai.ts'
import { orbitdbPutsPerSecond } from './orbitdb-baseline.ts'
import { orbitdbReplicationSeconds } from './orbitdb-replication.ts'
import { overviewFigures } from './overview.ts'
import { catchUp, propagation } from './propagation.ts'
import { relayedSync } from './relayed-sync.ts'
import { type Figure, machine, table, writeMarkdown, writeResults } from './report.ts'
import { searchApiLatency, searchFigures } from './search.ts'
import { publishBulk, publishOneByOne, reopenToFirstRead, tempHome } from './store.ts'

const quick = process.argv.includes('--quick')
const sizes = quick
  ? {
      oneByOne: 500,
      baseline: 300,
      bulk: 10_000,
      coldSync: 2_000,
      orgs: 10,
      perOrg: 200,
      catchUp: 200,
      nodes: 5,
      records: 50,
      search: 10_000,
      writers: 50,
      perWriter: 4,
    }
  : {
      oneByOne: 3_000,
      baseline: 1_000,
      bulk: 100_000,
      coldSync: 10_000,
      orgs: 50,
      perOrg: 2_000,
      catchUp: 1_000,
      nodes: 20,
      records: 200,
      search: 100_000,
      writers: 50,
      perWriter: 20,
    }

const log = (message: string) => process.stderr.write(`${message}\n`)
const figures: Figure[] = []

if (process.argv.includes('--floods')) {
  log(`Polder API latency under floods${quick ? ' (quick)' : ''} on ${JSON.stringify(machine())}`)
  const figures = await floods(quick)
  process.stdout.write(`\n${table(figures)}\n\n`)
  log(`written to ${await writeResults('floods', figures, quick)}`)
  process.exit(0)
}

if (process.argv.includes('--faults')) {
  log(`Polder fault suite${quick ? ' (quick)' : ''} on ${JSON.stringify(machine())}`)
  const faults = await faultFigures(quick)
  process.stdout.write(`\n${table(faults)}\n\n`)
  log(`written to ${await writeResults('faults', faults, quick)}`)
  // the store benchmarks are a run of their own
  process.exit(0)
}

log(`Polder benchmarks${quick ? ' (quick)' : ''} on ${JSON.stringify(machine())}`)

log(`baseline: raw OrbitDB documents, ${sizes.baseline} puts…`)
const baseline = await orbitdbPutsPerSecond(sizes.baseline)

log(`publish one by one, ${sizes.oneByOne}…`)
figures.push({
  name: 'publish, one by one (awaited)',
  value: await publishOneByOne(sizes.oneByOne),
  unit: 'records/s',
  goal: { value: 500, kind: 'min' },
  baseline: { name: 'OrbitDB documents put', value: baseline },
})

log(`publishMany, ${sizes.bulk}…`)
const bulk = await publishBulk(sizes.bulk)
figures.push({
  name: `publishMany (${sizes.bulk.toLocaleString('en')} records)`,
  value: bulk.perSecond,
  unit: 'records/s',
  goal: { value: 5_000, kind: 'min' },
  baseline: { name: 'OrbitDB documents put', value: baseline },
})

log('reopen the filled store…')
figures.push({
  name: `reopen store to first read (${sizes.bulk.toLocaleString('en')} records)`,
  value: await reopenToFirstRead(bulk.home, sizes.bulk),
  unit: 'ms',
  goal: { value: 1_500, kind: 'max' },
})

log('first start with the filled store: the search index is built in the background…')
const first = await startDaemon(bulk.home)
const indexMs = await searchRebuildMs(first)
await first.stop()
figures.push({
  name: `search index built on a node's first start (${sizes.bulk.toLocaleString('en')} records)`,
  value: indexMs / 1000,
  unit: 's',
  note: 'from the store, in steps: the API answers meanwhile, searching what is indexed so far',
})

log('restart with the filled store and its index…')
const filled = await measureDaemon(bulk.home, {
  during: async (url) => ({ search: await searchApiLatency(url), oai: await oaiPageLatency(url) }),
})
figures.push({
  name: `node process start to API ready (${sizes.bulk.toLocaleString('en')} records)`,
  value: filled.readyMs,
  unit: 'ms',
  goal: { value: 1_500, kind: 'max' },
  note: 'spawn to /health answering: Node start-up, store, search index, libp2p, API',
})
if (filled.during !== undefined) {
  const { search, oai } = filled.during
  figures.push({
    name: `search API, POST /v1/search, p50 (${sizes.bulk.toLocaleString('en')} records)`,
    value: search.p50Ms,
    unit: 'ms',
    note: 'over HTTP from another process, the query mix of the search benchmark',
  })
  figures.push({
    name: `search API, POST /v1/search, p99 (${sizes.bulk.toLocaleString('en')} records)`,
    value: search.p99Ms,
    unit: 'ms',
  })
  figures.push({
    name: `OAI-PMH ListRecords page of 100, p50 (${sizes.bulk.toLocaleString('en')} records)`,
    value: oai.p50Ms,
    unit: 'ms',
    note: `GET /oai over HTTP: ${oai.pages} pages (a harvest by resumption token, and first pages by set and date), ${oai.records.toLocaleString('en')} records`,
  })
  figures.push({
    name: `OAI-PMH ListRecords page of 100, p99 (${sizes.bulk.toLocaleString('en')} records)`,
    value: oai.p99Ms,
    unit: 'ms',
    goal: { value: 50, kind: 'max' },
  })
}
figures.push({
  name: `node RSS, idle, with ${sizes.bulk.toLocaleString('en')} records`,
  value: filled.rssMb,
  unit: 'MB',
  goal: { value: 300, kind: 'max' },
})

log('daemon idle, empty…')
const emptyHome = await tempHome()
const empty = await measureDaemon(emptyHome)
figures.push({
  name: 'node RSS, idle, empty',
  value: empty.rssMb,
  unit: 'MB',
  goal: { value: 120, kind: 'max' },
})

log(`publish over HTTP: ${sizes.writers} concurrent writers, ${sizes.perWriter} records each…`)
const apiHome = await tempHome()
const api = await publishLatency(apiHome, sizes.writers, sizes.perWriter)
await rm(apiHome, { recursive: true, force: true })
figures.push({
  name: `publish API latency, p50 (${sizes.writers} concurrent writers)`,
  value: api.p50Ms,
  unit: 'ms',
  note: 'POST /v1/records, one record a request, request to 201',
})
figures.push({
  name: `publish API latency, p99 (${sizes.writers} concurrent writers)`,
  value: api.p99Ms,
  unit: 'ms',
})
figures.push({
  name: `publish API throughput (${sizes.writers} concurrent writers)`,
  value: api.perSecond,
  unit: 'records/s',
})

log(`search: ${sizes.search} generated records…`)
const search = await searchFigures(sizes.search)
const bareRate = sizes.search / search.bareFts5.buildSeconds
figures.push({
  name: `search indexing (${sizes.search.toLocaleString('en')} records)`,
  value: search.indexPerSecond,
  unit: 'records/s',
  goal: { value: 10_000, kind: 'min' },
  baseline: { name: 'bare FTS5, title + summary', value: bareRate },
})
figures.push({
  name: 'search query with facets, p50',
  value: search.p50Ms,
  unit: 'ms',
  goal: { value: 2, kind: 'max' },
  baseline: { name: 'bare FTS5 top 20 by rank', value: search.bareFts5.p50Ms },
  note: '24 queries: words, phrases, prefixes, filters, budget ranges, sorts; all facets counted',
})
figures.push({
  name: 'search query with facets, p99',
  value: search.p99Ms,
  unit: 'ms',
  goal: { value: 20, kind: 'max' },
  baseline: { name: 'bare FTS5 top 20 by rank', value: search.bareFts5.p99Ms },
})
figures.push({ name: 'search index file', value: search.indexBytes / 2 ** 20, unit: 'MB' })
figures.push({
  name: 'search index memory when open',
  value: search.indexRssMb,
  unit: 'MB',
  note: 'RSS added by opening the index and running the queries',
})
figures.push({ name: 'search index open', value: search.openMs, unit: 'ms' })

log(`overview: ${sizes.search} generated records of every kind…`)
const overview = await overviewFigures(sizes.search)
figures.push({
  name: `overview (GET /v1/overview) computed on the index, p50 (${sizes.search.toLocaleString('en')} records)`,
  value: overview.p50Ms,
  unit: 'ms',
  note: '10 filter sets as in search; counts and budgets by 10 groupings, tallies, standards',
})
figures.push({
  name: `overview (GET /v1/overview) computed on the index, p99 (${sizes.search.toLocaleString('en')} records)`,
  value: overview.p99Ms,
  unit: 'ms',
  goal: { value: 50, kind: 'max' },
  note: `CPU time p50 ${overview.cpuP50Ms.toFixed(1)} ms, p99 ${overview.cpuP99Ms.toFixed(1)} ms; at 1M records (goal 300 ms): node bench/src/overview.ts 1000000`,
})

log(`baseline: raw OrbitDB documents replication of ${sizes.coldSync} docs between two processes…`)
const replication = await orbitdbReplicationSeconds(sizes.coldSync)
if (replication.timedOut) log(`  the baseline timed out with ${replication.replicated} docs`)
const baselineRate = replication.replicated / replication.seconds
log(`cold sync of ${sizes.coldSync} records published one by one…`)
const cold = await coldSync(sizes.coldSync)
figures.push({
  name: `cold sync, ${sizes.coldSync.toLocaleString('en')} records published one by one`,
  value: cold.seconds,
  unit: 's',
  goal: { value: 5 * (sizes.coldSync / 10_000), kind: 'max' },
  note: 'follow to all records applied, two node processes on 127.0.0.1',
})
figures.push({
  name: 'cold sync rate',
  value: cold.recordsPerSecond,
  unit: 'records/s',
  goal: { value: 20 * baselineRate, kind: 'min' },
  baseline: { name: 'OrbitDB documents replication', value: baselineRate },
  note: `goal: 20x the baseline, which took ${replication.seconds.toFixed(1)} s`,
})

log(`cold sync of ${sizes.coldSync} records through a relay, both nodes behind NATs…`)
const relayed = await relayedSync(sizes.coldSync)
if ('skipped' in relayed) {
  log(`  skipped: a small internet of network namespaces ${relayed.skipped}`)
} else {
  const direct = relayed.connections.some((address) => !address.includes('/p2p-circuit'))
  figures.push({
    name: `cold sync, ${sizes.coldSync.toLocaleString('en')} records, through a relay between two NATs`,
    value: relayed.seconds,
    unit: 's',
    baseline: { name: 'the same over loopback', value: cold.seconds },
    note: `network namespaces with nftables NAT; ended ${direct ? 'with a direct connection' : 'relayed (no TCP hole punch from Node.js)'}`,
  })
}

const many = sizes.orgs * sizes.perOrg
log(`cold sync of ${many} records of ${sizes.orgs} organisations from one peer…`)
figures.push({
  name: `cold sync, ${many.toLocaleString('en')} records of ${sizes.orgs} organisations`,
  value: (await coldSyncMany(sizes.orgs, sizes.perOrg)).seconds,
  unit: 's',
  goal: { value: 60 * (many / 100_000), kind: 'max' },
  note: 'published in bulk; all pulled from one peer that holds the logs',
})

log(`catch-up of ${sizes.catchUp} records published while the follower was offline…`)
figures.push({
  name: `catch-up after being offline, ${sizes.catchUp.toLocaleString('en')} records`,
  value: await catchUp(sizes.catchUp),
  unit: 's',
  note: 'reconnect to all records applied',
})

log(`propagation: ${sizes.nodes} nodes, random degree 4, ${sizes.records} records at 10/s…`)
const spread = await propagation({
  nodes: sizes.nodes,
  degree: 4,
  records: sizes.records,
  perSecond: 10,
})
figures.push({
  name: `publish to searchable on a follower, p50 (${sizes.nodes} nodes, degree 4)`,
  value: spread.p50Ms,
  unit: 'ms',
  goal: { value: 150, kind: 'max' },
  note: 'from sending the publish to the record being found by a search on each follower',
})
figures.push({
  name: `publish to searchable on a follower, p99 (${sizes.nodes} nodes, degree 4)`,
  value: spread.p99Ms,
  unit: 'ms',
  goal: { value: 500, kind: 'max' },
})
figures.push({
  name: `publish to follower's record:added event, p50 / p99 (${sizes.nodes} nodes)`,
  value: spread.eventP50Ms,
  unit: 'ms',
  note: `p99 ${spread.eventP99Ms.toFixed(0)} ms: what indexing and the search round trip add above`,
})
figures.push({
  name: 'records delivered to every follower',
  value: spread.delivered * 100,
  unit: '%',
  goal: { value: 100, kind: 'min' },
})

log(`idle cost: ${sizes.nodes} nodes left alone, CPU and wakeups per process…`)
const idle = await idleCost({ nodes: sizes.nodes, degree: 4, settleMs: 10_000, windowMs: 20_000 })
figures.push({
  name: `idle CPU per node (${sizes.nodes} nodes on this machine, degree 4)`,
  value: idle.cpuMsPerSecond,
  unit: 'ms/s',
  goal: { value: 10, kind: 'max' },
  note: `median of the nodes (highest ${idle.cpuMsPerSecondMax.toFixed(1)}); ${idle.wakeupsPerSecond.toFixed(0)} wakeups/s, ${idle.threads} threads, ${idle.rssMb.toFixed(0)} MB RSS per process: node bench/src/idle-cost.ts ${sizes.nodes}`,
})

log('attachments: 5 MB and 100 MB, upload and fetch by a second node…')
const files = await measureAttachments()
for (const size of ['5MB', '100MB'] as const) {
  figures.push({
    name: `attachment upload, ${size.replace('MB', ' MB')}`,
    value: files.uploadMBps[size],
    unit: 'MB/s',
    note: 'POST /v1/attachments, streamed into the node (UnixFS, CIDv1, raw leaves)',
  })
  figures.push({
    name: `attachment fetch by another node, ${size.replace('MB', ' MB')}`,
    value: files.fetchMBps[size],
    unit: 'MB/s',
    note: 'GET /v1/attachments/{cid} on a node that fetches it over bitswap',
  })
}
figures.push({
  name: 'node RSS during a 100 MB upload (peak)',
  value: files.uploadRssMb.peak,
  unit: 'MB',
  note: `idle before: ${files.uploadRssMb.idle.toFixed(0)} MB`,
})

const formatRecords = quick ? 10_000 : 100_000
log(`open formats: CSV import of 5,000 rows, the catalogue of ${formatRecords} records…`)
figures.push({
  name: 'CSV import, rows checked (5,000 practices)',
  value: csvImportRowsPerSecond(5_000),
  unit: 'rows/s',
  goal: { value: 5_000, kind: 'min' },
  note: 'readCsv: every row against the record model; writing is publishMany above',
})
figures.push({
  name: `DCAT-AP catalogue streamed, RSS growth (${formatRecords.toLocaleString('en')} records)`,
  value: await catalogRssGrowthMb(formatRecords),
  unit: 'MB',
  goal: { value: 50, kind: 'max' },
  note: 'catalogStream as Turtle over records made as they are read',
})

await rm(bulk.home, { recursive: true, force: true })
await rm(emptyHome, { recursive: true, force: true })

process.stdout.write(`\n${table(figures)}\n\n`)
log(`written to ${await writeResults('store', figures, quick)}`)
if (!quick) log(`and to ${await writeMarkdown(figures)}`)
