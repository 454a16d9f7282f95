/**
 * `pnpm bench --faults`: the fault suite at full size. kill -9 twenty times under single
 * and bulk writes; over a million fuzzed inputs to the decoders of peer bytes; random
 * requests against a node's API; a node's peak memory while rogues flood it. Prints each
 * figure next to its goal and writes them to bench/results/faults.json (RELIABILITY.md
 * explains how each is measured).
 */

import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { didFromEd25519PublicKey } from '@polder/schema'
import {
  floodWithGarbage,
  fuzzApi,
  fuzzDecoders,
  killDuringWrites,
  probeLatency,
  RogueNode,
  rssMb,
  sampleRss,
  TestNetwork,
  TestNode,
  waitFor,
  writePastPublishChecks,
} from '@polder/testnet'
import { type Figure, percentile } from './report.ts'

const log = (message: string) => process.stderr.write(`${message}\n`)

async function withNode<T>(
  env: Record<string, string>,
  run: (node: TestNode) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'polder-bench-faults-'))
  const node = new TestNode('bench', join(dir, 'home'), { env })
  try {
    return await run(node)
  } finally {
    await node.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

async function kills(count: number, bulkSize: number): Promise<Figure[]> {
  log(`kill -9 x${count} under single writes and ${bulkSize}-record bulks…`)
  const report = await withNode({}, (node) =>
    killDuringWrites(node, {
      kills: count,
      bulkSize,
      seed: 11,
      onRound: (round, r) =>
        log(
          `  kill ${round}: ${r.acknowledged} acknowledged, ${r.lost} lost, ${r.wholeBulks}/${r.bulks} bulks whole, ${r.partialBulks} partial`,
        ),
    }),
  )
  const restarts = [...report.restartMs].sort((a, b) => a - b)
  const note = `${count} kills, ${report.bulks} bulks sent, ${report.wholeBulks} stored whole (${report.acknowledgedBulks} acknowledged)`
  return [
    {
      name: `kill -9: acknowledged records (${count} kills)`,
      value: report.acknowledged,
      unit: 'records',
      note,
    },
    {
      name: 'kill -9: acknowledged records lost',
      value: report.lost,
      unit: 'records',
      goal: { value: 0, kind: 'max' },
    },
    {
      name: 'kill -9: bulks stored in part',
      value: report.partialBulks,
      unit: 'bulks',
      goal: { value: 0, kind: 'max' },
    },
    {
      name: 'kill -9: integrity_check failures (state.sqlite, search.sqlite)',
      value: report.integrityFailures.length,
      unit: 'kills',
      goal: { value: 0, kind: 'max' },
      note: report.integrityFailures.join('; ') || undefined,
    },
    {
      name: 'kill -9: restarts with the search index not matching the records',
      value: report.searchMismatches.length,
      unit: 'restarts',
      goal: { value: 0, kind: 'max' },
    },
    { name: 'kill -9: restart to API up, p50', value: percentile(restarts, 0.5), unit: 'ms' },
    { name: 'kill -9: restart to API up, max', value: restarts.at(-1) ?? Number.NaN, unit: 'ms' },
  ]
}

async function decoders(runs: number): Promise<Figure[]> {
  log(`fuzzing the decoders of peer bytes, ${runs.toLocaleString('en')} inputs each…`)
  const started = performance.now()
  const results = await fuzzDecoders({ runs, seed: Date.now() % 1_000_000 })
  const seconds = (performance.now() - started) / 1000
  const figures: Figure[] = results.map((r) => ({
    name: `fuzz ${r.decoder}: crashes`,
    value: r.crashes,
    unit: `of ${r.iterations.toLocaleString('en')}`,
    goal: { value: 0, kind: 'max' },
    note: r.examples[0],
  }))
  const total = results.reduce((sum, r) => sum + r.iterations, 0)
  figures.push({
    name: 'fuzz decoders: inputs in total',
    value: total,
    unit: 'inputs',
    goal: { value: 1_000_000, kind: 'min' },
    note: `${Math.round(total / seconds).toLocaleString('en')} inputs/s`,
  })
  return figures
}

async function api(runs: number): Promise<Figure[]> {
  log(`fuzzing the HTTP API, ${runs.toLocaleString('en')} requests…`)
  const result = await withNode({ POLDER_FETCH_TIMEOUT: '1' }, async (node) => {
    await node.start()
    const fuzzed = await fuzzApi(node, { runs, seed: Date.now() % 1_000_000 })
    return { ...fuzzed, alive: node.running && (await fetch(`${node.url}/health`)).ok }
  })
  const served = Object.entries(result.statuses)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ')
  return [
    { name: 'fuzz HTTP API: requests', value: result.requests, unit: 'requests', note: served },
    {
      name: 'fuzz HTTP API: 5xx answers and requests without an answer',
      value: result.serverErrors + result.noAnswer,
      unit: 'requests',
      goal: { value: 0, kind: 'max' },
      note: result.examples[0],
    },
    {
      name: 'fuzz HTTP API: node up afterwards',
      value: result.alive ? 1 : 0,
      unit: '',
      goal: { value: 1, kind: 'min' },
    },
  ]
}

async function memory(rogues: number): Promise<Figure[]> {
  log(
    `memory: ${rogues} rogues with fresh keys flood one node with garbage and forged announcements…`,
  )
  // (no `await using`: the bench runs on Node.js 22 without a compiler)
  const network = await TestNetwork.create({ nodes: 1 })
  try {
    const node = network.node(0)
    const idle = await rssMb(node.pid)
    const rss = sampleRss(node.pid)
    const flood = await floodWithGarbage(node, { rogues, rounds: 50 })
    const peak = await rss.stop()
    return [
      {
        name: `memory: node peak RSS during a flood (${rogues} rogues, ${flood.messages.toLocaleString('en')} messages)`,
        value: peak,
        unit: 'MB',
        goal: { value: 512, kind: 'max' },
        note: `idle before: ${idle.toFixed(0)} MB; ${flood.offences} offences counted; POLDER_MEMORY_LIMIT 512 MiB (default)`,
      },
    ]
  } finally {
    await network.dispose()
  }
}

/** The routes a monitor or a user polls: they must answer fast whatever peers send. */
const PROBED = ['/health', '/v1/status']
/** The issue's goal for them under every flood. */
const FLOOD_P99_GOAL_MS = 100

/** p50/p99 of /health and /v1/status while `run` floods the node, as figures. */
async function latencyDuring(
  what: string,
  node: TestNode,
  run: () => Promise<string | undefined>,
  baseline?: readonly Figure[],
): Promise<Figure[]> {
  const probe = await probeLatency(node, PROBED)
  let detail: string | undefined
  let latencies: number[]
  try {
    detail = await run()
  } finally {
    // stopped also when the flood failed: the probe's thread must not outlive the bench
    latencies = (await probe.stop()).sort((a, b) => a - b)
  }
  const note = `${latencies.length} requests, max ${(latencies.at(-1) ?? Number.NaN).toFixed(0)} ms${detail === undefined ? '' : `; ${detail}`}`
  const [p50, p99] = baseline ?? []
  return [
    {
      name: `${what}: /health + /v1/status p50`,
      value: percentile(latencies, 0.5),
      unit: 'ms',
      ...(p50 === undefined ? {} : { baseline: { name: 'idle', value: p50.value } }),
    },
    {
      name: `${what}: /health + /v1/status p99`,
      value: percentile(latencies, 0.99),
      unit: 'ms',
      goal: { value: FLOOD_P99_GOAL_MS, kind: 'max' },
      ...(p99 === undefined ? {} : { baseline: { name: 'idle', value: p99.value } }),
      note,
    },
  ]
}

const sentNote = (sent: number, count: number) =>
  sent === count ? `${sent} sent` : `${sent} of ${count} sent before the node closed the stream`

const vouch = (n: number) => ({
  kind: 'vouch',
  languages: ['nl'],
  title: { nl: `Organisatie ${n}` },
  subject: didFromEd25519PublicKey(randomBytes(32)),
})

/**
 * The API's latency under each flood of the suite, next to the same probe on the idle
 * node (the baseline of the same run).
 */
export async function floods(quick: boolean): Promise<Figure[]> {
  const figures: Figure[] = []
  const scale = quick ? 0.2 : 1
  const network = await TestNetwork.create({ nodes: 2, follow: [[0, 1]] })
  try {
    const [node, member] = network.nodes as [TestNode, TestNode]
    log('flood latency: idle baseline…')
    const idle = await latencyDuring('idle (baseline)', node, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_000))
      return undefined
    })
    figures.push(...idle)
    const garbageRogues = Math.round(10 * scale)
    log(`flood latency: garbage from ${garbageRogues} rogues with fresh keys…`)
    figures.push(
      ...(await latencyDuring(
        `garbage gossip (${garbageRogues} rogues)`,
        node,
        async () => {
          const flood = await floodWithGarbage(node, { rogues: garbageRogues, rounds: 20 })
          return `${flood.messages} messages, ${flood.offences} offences`
        },
        idle,
      )),
    )
    const sybils = Math.round(2_000 * scale)
    log(`flood latency: ${sybils} Sybil announcements…`)
    const sybilRogue = await RogueNode.create()
    try {
      await node.client.connectPeer({ body: { address: sybilRogue.address } })
      figures.push(
        ...(await latencyDuring(
          `Sybil announcements (${sybils})`,
          node,
          async () => {
            const sent = await sybilRogue.floodSybils(node.address, sybils)
            return sentNote(sent, sybils)
          },
          idle,
        )),
      )
    } finally {
      await sybilRogue.dispose()
    }
    const useless = Math.round(10_000 * scale)
    log(`flood latency: ${useless} useless heads from fresh keys…`)
    const headsRogue = await RogueNode.create()
    try {
      await node.client.connectPeer({ body: { address: headsRogue.address } })
      figures.push(
        ...(await latencyDuring(
          `useless heads (${useless})`,
          node,
          async () => {
            const sent = await headsRogue.floodUselessHeads(node.address, member.did, useless)
            return sentNote(sent, useless)
          },
          idle,
        )),
      )
    } finally {
      await headsRogue.dispose()
    }
    const vouches = Math.round(10_000 * scale)
    log(`flood latency: ${vouches} vouches from a followed member's modified node…`)
    await member.stop()
    await writePastPublishChecks(
      member,
      Array.from({ length: vouches }, (_, n) => vouch(n)),
    )
    figures.push(
      ...(await latencyDuring(
        `vouches from a followed member (${vouches})`,
        node,
        async () => {
          const started = performance.now()
          await member.start()
          await network.connect(0, 1)
          await waitFor(async () => (await node.count(member.did)) === vouches, {
            what: 'every vouch at the follower',
            timeoutMs: 300_000,
          })
          return `replicated in ${((performance.now() - started) / 1000).toFixed(1)} s`
        },
        idle,
      )),
    )
    return figures
  } finally {
    await network.dispose()
  }
}

export async function faultFigures(quick: boolean): Promise<Figure[]> {
  return [
    ...(await kills(quick ? 3 : 20, quick ? 500 : 2_000)),
    ...(await decoders(quick ? 10_000 : 170_000)),
    ...(await api(quick ? 2_000 : 20_000)),
    ...(await memory(quick ? 3 : 20)),
    ...(await floods(quick)),
  ]
}
