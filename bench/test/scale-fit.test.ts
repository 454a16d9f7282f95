/** The growth fit of the scale simulation, and fitting runs written apart (bench/src/scale/fit.ts). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fitReport, readRuns } from '../src/scale/fit.ts'
import { growth, powerFit } from '../src/scale/run.ts'
import type { ScaleFigures, WindowFigures } from '../src/scale/simulation.ts'

/** A window whose per-node figures are all `value` (the traffic growing with the run's size). */
function window(value: number, starved = false): WindowFigures {
  return {
    seconds: 30,
    bytesInPerSecond: value,
    bytesOutPerSecond: value,
    messagesInPerSecond: value,
    messagesByTopic: {},
    headsSaid: {},
    bytesByProtocol: {},
    cpuMsPerSecond: value,
    connections: value,
    closesPerNode: {},
    maxConnections: value,
    isolated: 0,
    relayed: 0,
    routingTable: value,
    providerRecords: value,
    dhtAnsweredPerSecond: 0,
    dhtRequestsPerSecond: {},
    dhtPeerReadsPerSecond: 0,
    walksPerSecond: {},
    dhtRefusedPerNode: 0,
    dhtExpiredPerNode: 0,
    rssMbPerNode: value,
    heapMbPerNode: value,
    hosts: [
      {
        cpuShare: 0.5,
        waitShare: 0.1,
        busyShare: starved ? 0.9 : 0.3,
        loopDelayP99Ms: 1,
        loopDelayMaxMs: 2,
      },
    ],
    hostsCores: 0.5,
    starved,
  }
}

/** A run whose every fitted figure is `a * nodes^b`. */
function run(nodes: number, a: number, b: number, starved = false): ScaleFigures {
  const value = a * nodes ** b
  return {
    nodes,
    hosts: 4,
    relays: 2,
    follows: { min: 1, max: 2, mean: 1.5 },
    startSeconds: 1,
    initialSyncSeconds: 1,
    initialSync: 1,
    sync: window(value),
    idle: window(value, starved),
    load: window(value),
    publications: 1,
    bulkRecords: 0,
    compression: 1440,
    dilation: 2,
    propagation: {
      p50Ms: value,
      p90Ms: value,
      p99Ms: value,
      maxMs: value,
      deliveredOnline: 1,
      deliveredAll: 1,
    },
    completeness: 1,
    completeSeconds: 1,
    newMember: { follows: 2, firstSeconds: 1, allSeconds: value, complete: 1 },
  }
}

describe('the growth fit', () => {
  it('finds the exponent of a power law and extrapolates it', () => {
    const { a, b } = powerFit([
      [50, 3 * 50 ** 1.5],
      [100, 3 * 100 ** 1.5],
      [400, 3 * 400 ** 1.5],
    ])
    expect(b).toBeCloseTo(1.5, 6)
    expect(a).toBeCloseTo(3, 6)
    expect(powerFit([[50, 1]]).b).toBeNaN()
  })

  it('leaves a starved run out: it measures the machine, not the protocol', () => {
    const rows = growth([run(50, 2, 1), run(100, 2, 1), run(200, 2, 3, true)])
    const bytes = rows.find((row) => row.figure === 'idle bytes in/s')
    expect(bytes?.exponent).toBeCloseTo(1, 6)
    expect(bytes?.at1000).toBeCloseTo(2000, 3)
    // the starved run's figure is still shown
    expect(bytes?.values[2]).toBeCloseTo(2 * 200 ** 3, 3)
  })
})

describe('fitting runs written apart', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'polder-scale-fit-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const write = async (name: string, content: unknown): Promise<string> => {
    const file = join(dir, name)
    await writeFile(file, JSON.stringify(content))
    return file
  }

  it('reads the runs smallest first and fits through them, naming each run’s commit', async () => {
    const files = [
      await write('400.json', { commit: 'abc1234', startedAt: 't400', run: run(400, 5, 0.5) }),
      await write('100.json', { commit: 'abc1234', startedAt: 't100', run: run(100, 5, 0.5) }),
    ]
    const runs = await readRuns(files)
    expect(runs.map((r) => r.run.nodes)).toEqual([100, 400])
    const report = fitReport(runs)
    // 5 * 1000^0.5 = 158.1
    expect(report).toMatch(/\| idle bytes in\/s \| 50\.0 \| 100 \| 0\.50 \| 158 \|/)
    expect(report).toContain('400 nodes: ')
    expect(report).toContain('commit abc1234')
    expect(report).not.toContain('commits: the fit')
  })

  it('warns when the runs measured different code, and reads a run written without its commit', async () => {
    const files = [
      await write('a.json', { commit: 'abc1234', run: run(50, 1, 1) }),
      await write('b.json', { run: run(200, 1, 1) }),
    ]
    const runs = await readRuns(files)
    expect(runs[1]?.commit).toBe('unknown')
    expect(fitReport(runs)).toContain('The runs measured 2 commits')
  })

  it('refuses a file that is not a run, naming it', async () => {
    const file = await write('other.json', { figures: [] })
    await expect(readRuns([file])).rejects.toThrow(`${file}: not a scale run`)
  })
})
