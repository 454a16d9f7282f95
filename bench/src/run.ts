/**
 * `pnpm bench`: runs the benchmarks on this machine, prints each figure next to its goal
 * and its baseline, and writes them as JSON in bench/results/. `--quick` for a short look;
 * `--faults` for the fault suite at full size instead (RELIABILITY.md); `--floods` for its
 * API latency under floods alone; `--scale` for the collective at national scale, simulated
 * at 50, 100, 200 and 400 nodes (bench/src/scale); `--busy` to run any of them while
 * another process keeps one core busy (written next to the quiet figures, never over them).
 */
import { rm } from 'node:fs/promises'
import { publishLatency } from './api-latency.ts'
import { measureAttachments } from './attachments.ts'
import { keepOneCoreBusy } from './busy.ts'
import { coldSync } from './cold-sync.ts'
import { coldSyncMany } from './cold-sync-many.ts'
import { measureDaemon, searchRebuildMs, startDaemon } from './daemon.ts'
import { faultFigures, floods } from './faults.ts'
import { catalogRssGrowthMb, csvImportRowsPerSecond } from './formats.ts'
import { closesText, idleCost } from './idle-cost.ts'
import { oaiPageLatency } from './oai.ts'
import { orbitdbPutsPerSecond } from './orbitdb-baseline.ts'
import { orbitdbReplicationSeconds } from './orbitdb-replication.ts'
import { overviewFigures } from './overview.ts'
import { catchUp, propagation } from './propagation.ts'
import { relayedSync } from './relayed-sync.ts'
import { type Figure, machine, markBusy, table, writeMarkdown, writeResults } from './report.ts'
import { growthTable, scaleFigures, scaleRuns } from './scale/run.ts'
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
if (process.argv.includes('--busy')) {
  markBusy()
  keepOneCoreBusy()
}
const figures: Figure[] = []

if (process.argv.includes('--floods')) {
  log(`Polder API latency under floods${quick ? ' (quick)' : ''} on ${JSON.stringify(machine())}`)
  const figures = await floods(quick)
  process.stdout.write(`\n${table(figures)}\n\n`)
  log(`written to ${await writeResults('floods', figures, quick)}`)
  process.exit(0)
}

if (process.argv.includes('--scale')) {
  log(
    `Polder collective at national scale, simulated${quick ? ' (quick)' : ''} on ${JSON.stringify(machine())}`,
  )
  const runs = await scaleRuns(quick ? [20] : [50, 100, 200, 400])
  process.stdout.write(`\n${growthTable(runs)}\n\n`)
  log(`written to ${await writeResults('scale', scaleFigures(runs), quick)}`)
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
// ready as startup.ts measures it: /v1/status answered (the store and the search index open;
// the network starts after the API listens), asked every 5 ms from the spawn
const filled = await measureDaemon(bulk.home, {
  readyAt: 'api',
  during: async (url) => ({ search: await searchApiLatency(url), oai: await oaiPageLatency(url) }),
})
figures.push({
  name: `node process start to API ready (${sizes.bulk.toLocaleString('en')} records)`,
  value: filled.readyMs,
  unit: 'ms',
  goal: { value: 500, kind: 'max' },
  note: 'spawn to /v1/status answering: Node start-up, store, search index, API (libp2p starts after)',
})
figures.push({
  name: `node process start to API ready, CPU time (${sizes.bulk.toLocaleString('en')} records)`,
  value: filled.readyCpuMs,
  unit: 'ms',
  note: 'CPU the process used until ready, every thread: what a busy machine inflates least',
})
figures.push({
  name: `node process start to network ready (${sizes.bulk.toLocaleString('en')} records)`,
  value: filled.networkReadyMs,
  unit: 'ms',
  note: `spawn to "Polder node started": libp2p, the collective and attachments too; CPU ${filled.networkReadyCpuMs} ms`,
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
  goal: { value: 200, kind: 'max' },
  note: 'ready, 3 s idle, before any request',
})
if (filled.rssAfterMb !== undefined)
  figures.push({
    name: `node RSS after the search and OAI-PMH runs above (${sizes.bulk.toLocaleString('en')} records)`,
    value: filled.rssAfterMb,
    unit: 'MB',
    note: 'a harvest of every record leaves ~250 MB outside the JavaScript heap (not freed to the system)',
  })

log('daemon idle, empty…')
const emptyHome = await tempHome()
const empty = await measureDaemon(emptyHome)
figures.push({
  name: 'node RSS, idle, empty',
  value: empty.rssMb,
  unit: 'MB',
  goal: { value: 110, kind: 'max' },
})

log(`publish over HTTP: ${sizes.writers} concurrent writers, ${sizes.perWriter} records each…`)
const apiHome = await tempHome()
const api = await publishLatency(apiHome, sizes.writers, sizes.perWriter)
await rm(apiHome, { recursive: true, force: true })
// the baseline: one writer, so no two publishes ever share a group commit
const soloHome = await tempHome()
const solo = await publishLatency(soloHome, 1, sizes.perWriter * 10)
await rm(soloHome, { recursive: true, force: true })
figures.push({
  name: `publish API latency, p50 (${sizes.writers} concurrent writers)`,
  value: api.p50Ms,
  unit: 'ms',
  note: 'POST /v1/records, one record a request, request to 201; the load from a process of its own, its second round on the node',
})
figures.push({
  name: `publish API latency, p99 (${sizes.writers} concurrent writers)`,
  value: api.p99Ms,
  unit: 'ms',
  goal: { value: 150, kind: 'max' },
  baseline: { name: 'one writer, p99', value: solo.p99Ms },
})
figures.push({
  name: `publish API throughput (${sizes.writers} concurrent writers)`,
  value: api.perSecond,
  unit: 'records/s',
  goal: { value: 2_000, kind: 'min' },
  baseline: { name: 'one writer', value: solo.perSecond },
  note: 'group commit: publishes read in one turn of the event loop share an entry and a transaction',
})
figures.push({
  name: `publish API, node CPU per record (${sizes.writers} concurrent writers)`,
  value: api.cpuMsPerRecord,
  unit: 'ms',
  baseline: { name: 'one writer', value: solo.cpuMsPerRecord },
  note: `user + system time of the node process; the load generator used ${api.loadCpuMsPerRecord.toFixed(2)} ms per record`,
})
// the figures above are the second round on the node; its first, on the fresh process:
figures.push({
  name: `publish API on a fresh node, p99 / node CPU per record (first ${sizes.writers * sizes.perWriter} records)`,
  value: api.fresh.p99Ms,
  unit: 'ms',
  note: `before V8 compiled the path: ${api.fresh.cpuMsPerRecord.toFixed(2)} ms of node CPU a record, p50 ${api.fresh.p50Ms.toFixed(1)} ms`,
})
figures.push({
  name: `publish API throughput on a fresh node (first ${sizes.writers * sizes.perWriter} records)`,
  value: api.fresh.perSecond,
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
  note: `24 queries: words, phrases, prefixes, filters, budget ranges, sorts; all facets counted; CPU p50 ${search.cpuP50Ms.toFixed(2)} ms`,
})
figures.push({
  name: 'search query with facets, p99',
  value: search.p99Ms,
  unit: 'ms',
  goal: { value: 12, kind: 'max' },
  baseline: { name: 'bare FTS5 top 20 by rank', value: search.bareFts5.p99Ms },
  note: `CPU p99 ${search.cpuP99Ms.toFixed(2)} ms`,
})
figures.push({
  name: 'search query with facets, p99 over the 20 queries with words',
  value: search.text.p99Ms,
  unit: 'ms',
  baseline: { name: 'bare FTS5 top 20 by rank, same queries', value: search.bareFts5.p99Ms },
  note: `CPU p99 ${search.text.cpuP99Ms.toFixed(2)} ms, bare FTS5 ${search.bareFts5.cpuP99Ms.toFixed(2)} ms`,
})
figures.push({
  name: 'search p99 / bare FTS5 p99, same queries, same run',
  value: search.text.p99Ms / search.bareFts5.p99Ms,
  unit: 'x',
  goal: { value: 1, kind: 'max' },
  note: 'never slower than bare FTS5 (porter, two columns, ORDER BY rank LIMIT 20, snippet)',
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
  note: `after one pass over the 10 filter sets on the fresh index (below); CPU time p50 ${overview.cpuP50Ms.toFixed(1)} ms, p99 ${overview.cpuP99Ms.toFixed(1)} ms; at 1M records (goal p99 <= 300 ms): node bench/src/overview.ts 1000000 [--keep DIR]`,
})
figures.push({
  name: `overview, the first after the index opened (${sizes.search.toLocaleString('en')} records)`,
  value: overview.firstMs,
  unit: 'ms',
  note: `unfiltered, SQLite's pages read the first time; the slowest of that first pass ${overview.firstPassMaxMs.toFixed(1)} ms`,
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
  goal: { value: 1.2 * (sizes.coldSync / 10_000), kind: 'max' },
  note: `follow to all records applied, two node processes on 127.0.0.1; CPU: follower ${cold.cpu.follower.total.toFixed(2)} s (main thread ${cold.cpu.follower.main.toFixed(2)} s), holder ${cold.cpu.publisher.total.toFixed(2)} s`,
})
figures.push({
  name: 'cold sync rate',
  value: cold.recordsPerSecond,
  unit: 'records/s',
  goal: { value: 50 * baselineRate, kind: 'min' },
  baseline: { name: 'OrbitDB documents replication', value: baselineRate },
  note: `goal: 50x the baseline, which took ${replication.seconds.toFixed(1)} s`,
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
const coldMany = await coldSyncMany(sizes.orgs, sizes.perOrg)
figures.push({
  name: `cold sync, ${many.toLocaleString('en')} records of ${sizes.orgs} organisations`,
  value: coldMany.seconds,
  unit: 's',
  goal: { value: 8 * (many / 100_000), kind: 'max' },
  note: `published in bulk; all pulled from one peer that holds the logs; CPU: follower ${coldMany.cpu.follower.total.toFixed(1)} s (main thread ${coldMany.cpu.follower.main.toFixed(1)} s), holder ${coldMany.cpu.holder.total.toFixed(1)} s`,
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
// a whole minute: every node pings its connections once a minute, and a 20-s window held
// all twenty nodes' rounds or none of them (round 11: 11-15 against 4-9 ms/s by slice)
const idle = await idleCost({ nodes: sizes.nodes, degree: 4, settleMs: 10_000, windowMs: 60_000 })
figures.push({
  name: `idle CPU per node (${sizes.nodes} nodes on this machine, degree 4)`,
  value: idle.cpuMsPerSecond,
  unit: 'ms/s',
  goal: { value: 10, kind: 'max' },
  note: `median of the nodes (highest ${idle.cpuMsPerSecondMax.toFixed(1)}); ${idle.wakeupsPerSecond.toFixed(0)} wakeups/s, ${idle.threads} threads, ${idle.rssMb.toFixed(0)} MB RSS per process; window began ${(idle.settleMs / 1000).toFixed(0)} s after the publishes (${idle.settled ? 'settled' : 'not settled'}), ${idle.connectionEventsPerSecond.toFixed(2)} connection events/s in it; ${idle.connectionsPerNode} connections per node, closed before it: ${closesText(idle.connectionsBeforeWindow)}, in it: ${closesText(idle.connectionsInWindow)}: node bench/src/idle-cost.ts ${sizes.nodes}`,
})
figures.push({
  name: `idle gossip messages delivered per node (${sizes.nodes} nodes, heads compared every 2 s)`,
  value: idle.gossipPerSecond,
  unit: '/s',
  note: `${Object.entries(idle.gossipByTopic)
    .map(([topic, rate]) => `${topic} ${rate.toFixed(2)}`)
    .join(', ')}; ${(idle.gossipBytesPerSecond / 1024).toFixed(1)} KB/s of payload`,
})

log('attachments: 5 MB and 100 MB, upload and fetch by a second node, fresh pairs…')
const files = (await measureAttachments(quick ? 1 : 3)).median
const trialsNote = quick ? '1 fresh pair' : 'median of 3 fresh pairs'
figures.push({
  name: 'attachment upload, 5 MB',
  value: files.upload5MBps,
  unit: 'MB/s',
  note: `POST /v1/attachments, streamed into the node (UnixFS, CIDv1, raw leaves); ${trialsNote}`,
})
figures.push({
  name: '5 MB fetch on a fresh pair, first byte',
  value: files.fetch5FirstByteMs,
  unit: 'ms',
  goal: { value: 300, kind: 'max' },
  note: `GET /v1/attachments/{cid} on the second node, over bitswap; ${trialsNote}`,
})
figures.push({
  name: '5 MB fetch on a fresh pair, done',
  value: files.fetch5DoneMs,
  unit: 'ms',
  goal: { value: 500, kind: 'max' },
  note: trialsNote,
})
figures.push({
  name: 'attachment upload, 100 MB',
  value: files.upload100MBps,
  unit: 'MB/s',
  note: trialsNote,
})
figures.push({
  name: 'attachment fetch by another node, 100 MB',
  value: files.fetch100MBps,
  unit: 'MB/s',
  goal: { value: 100, kind: 'min' },
  note: `GET /v1/attachments/{cid} on a node that fetches it over bitswap; ${trialsNote}`,
})
figures.push({
  name: 'attachment fetch, 100 MB: CPU time of both nodes',
  value: files.fetch100CpuMs / 1000,
  unit: 's',
  note: `upload: ${(files.upload100CpuMs / 1000).toFixed(2)} s; the bench's own reader during the fetch: ${(files.fetch100ClientCpuMs / 1000).toFixed(2)} s; /proc utime + stime of every thread, steadier than MB/s on a busy machine`,
})
figures.push({
  name: 'node RSS during a 100 MB upload (peak)',
  value: files.rssPeakMb,
  unit: 'MB',
  note: `idle before: ${files.rssIdleMb.toFixed(0)} MB`,
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
