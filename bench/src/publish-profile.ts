/**
 * Where the node's main thread spends its CPU per published record, by stage of the publish
 * path: a node under the publish load (api-load.ts in its own process, as api-latency.ts
 * runs it) with `--cpu-prof`, the profile's samples of the measured rounds (all but the
 * first, cut by their monotonic times) counted per stage, and the stages' shares applied to
 * the main thread's CPU a record read from /proc in the same rounds.
 *
 *   node bench/src/publish-profile.ts [writers] [each] [--rounds n] [--bin <bin.js>] [--keep dir]
 *     [--detail] [--again dir]
 *
 * (`--detail`: each stage split by the leaf frame's file and function; `--again`: a kept
 * directory's profile read again.)
 *
 * A sample's stage is that of the innermost frame on its stack that names one (rules
 * below): libraries (zod, cborg, SQLite, node:crypto) count for the stage that called them.
 * Frames are mapped through the bundle's source maps.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import type { Profiler, Runtime } from 'node:inspector'
import { SourceMap } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { cpuMs, logEntries, runLoad } from './api-latency.ts'
import { startDaemon } from './daemon.ts'
import { percentile } from './report.ts'

/** V8's CPU profile as `--cpu-prof` writes it (the inspector's own types). */
type CpuProfile = Profiler.Profile
type CallFrame = Runtime.CallFrame
type ProfileNode = Profiler.ProfileNode

/** A frame as the source has it: its original file (or URL) and function name. */
interface Place {
  readonly source: string
  readonly name: string
}

/** Stages, tried in order on each frame from the leaf up; the first match names the sample. */
const STAGES: readonly [stage: string, test: (place: Place) => boolean][] = [
  ['(garbage collector)', ({ source, name }) => source === '' && name === '(garbage collector)'],
  ['(idle)', ({ source, name }) => source === '' && name === '(idle)'],
  ['(program)', ({ source, name }) => source === '' && name === '(program)'],
  [
    'HTTP body schema (zod, Fastify validator)',
    ({ source }) => source.endsWith('node/src/api/validation.ts'),
  ],
  [
    'record validation: canonical encoding',
    ({ source }) => /schema\/src\/(json-cbor|canonical)/.test(source),
  ],
  ['record validation', ({ source }) => /packages\/schema\/src\//.test(source)],
  [
    'content key, duplicate check',
    ({ source }) => /store\/src\/(own-content|content-cut|duplicates?)/.test(source),
  ],
  [
    'signing',
    ({ source, name }) =>
      source.includes('store/src/identity.ts') ||
      (/^sign/.test(name) && source.includes('identit')),
  ],
  [
    'org-log entry encode + hash',
    ({ source }) =>
      source.includes('@orbitdb/core') ||
      source.includes('store/src/org-log.ts') ||
      source.includes('store/src/own-entry.ts') ||
      source.includes('store/src/access.ts'),
  ],
  ['block put (log storage)', ({ source }) => source.includes('store/src/log-storage.ts')],
  [
    'SQLite apply (records, versions, relations)',
    ({ source }) =>
      source.includes('store/src/state.ts') || source.includes('store/src/live-count'),
  ],
  ['SQLite COMMIT / BEGIN', ({ source }) => source.includes('store/src/sqlite.ts')],
  [
    'writer (batch, prepare, events)',
    ({ source }) => /store\/src\/(writer|store|mutex|relation-rules|vouch)/.test(source),
  ],
  [
    'search index',
    ({ source }) => /packages\/search\/src\/|node\/src\/parts\/search\.ts/.test(source),
  ],
  [
    'gossip announce (heads)',
    ({ source }) => /packages\/(sync|net)\/src\/|@libp2p\/gossipsub|libp2p/.test(source),
  ],
  [
    'request log, metrics',
    ({ source }) =>
      /node\/src\/api\/(request-log|metrics)\.ts|\/pino\/|sonic-boom|node\/src\/log/.test(source),
  ],
  [
    'response (serialize, send)',
    ({ source, name }) =>
      source.endsWith('node/src/api/response-check.ts') ||
      (/\/fastify\/lib\/(reply|wrap-thenable|hooks)/.test(source) &&
        /send|onSend|serialize|wrapThenable/i.test(name)),
  ],
  ['route handler, guards, auth', ({ source }) => /node\/src\/api\//.test(source)],
  [
    'Fastify (routing, hooks, body parse)',
    ({ source }) => /\/fastify\/|find-my-way|avvio|light-my-request|@fastify\//.test(source),
  ],
  [
    'socket write',
    ({ source, name }) =>
      /^node:(net|stream|internal\/stream)/.test(source) ||
      /^(writev|writeBuffer|writeUtf8String|writeLatin1String)$/.test(name),
  ],
  [
    'Node HTTP (parser, server)',
    ({ source, name }) =>
      /^node:(_http|internal\/http|http)/.test(source) || /^parserOn|^execute$/.test(name),
  ],
]

/** The stage of a sample: that of the innermost frame naming one. */
function stageOf(stack: readonly Place[]): string {
  for (const place of stack) {
    for (const [stage, test] of STAGES) if (test(place)) return stage
  }
  return `other: ${stack[0]?.source.replace(/.*node_modules\//, '') ?? '?'}`
}

/** Maps generated frames of the bundle to their original source, one source map a file. */
class Mapper {
  readonly #maps = new Map<string, Promise<SourceMap | undefined>>()

  async place(frame: CallFrame): Promise<Place> {
    const { url, functionName, lineNumber, columnNumber } = frame
    if (!url.startsWith('file://')) return { source: url, name: functionName }
    let map = this.#maps.get(url)
    if (map === undefined) {
      map = readFile(`${fileURLToPath(url)}.map`, 'utf8').then(
        (text) => new SourceMap(JSON.parse(text)),
        () => undefined, // not bundled: the file is its own source
      )
      this.#maps.set(url, map)
    }
    const entry = (await map)?.findEntry(lineNumber, columnNumber)
    const original = entry !== undefined && 'originalSource' in entry ? entry.originalSource : url
    // the bundle's maps name sources relative to the bundle (../src/api/…)
    const source = original.startsWith('.') ? new URL(original, url).pathname : original
    return { source, name: functionName }
  }
}

/** Counts per stage of the samples that fall in one of `windows` (µs, monotonic). */
async function stageCounts(
  profile: CpuProfile,
  windows: readonly [number, number][],
  detail = false,
): Promise<Map<string, number>> {
  const mapper = new Mapper()
  const parent = new Map<number, number>()
  const byId = new Map<number, ProfileNode>()
  for (const node of profile.nodes) {
    byId.set(node.id, node)
    for (const child of node.children ?? []) parent.set(child, node.id)
  }
  const stageOfNode = new Map<number, string>()
  const resolve = async (id: number): Promise<string> => {
    const known = stageOfNode.get(id)
    if (known !== undefined) return known
    const stack: Place[] = []
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)
      if (node !== undefined) stack.push(await mapper.place(node.callFrame))
    }
    let stage = stageOf(stack)
    if (detail) {
      // the leaf's file and function, and the stage's frame below which it ran
      const leaf = stack[0]
      stage += ` | ${leaf?.source.replace(/.*node_modules\//, '').replace(/.*\/(packages|node)\//, '')}:${leaf?.name}`
    }
    stageOfNode.set(id, stage)
    return stage
  }
  const counts = new Map<string, number>()
  let time = profile.startTime
  const samples = profile.samples ?? []
  for (let i = 0; i < samples.length; i++) {
    time += profile.timeDeltas?.[i] ?? 0
    if (!windows.some(([from, to]) => time >= from && time <= to)) continue
    const stage = await resolve(samples[i] as number)
    counts.set(stage, (counts.get(stage) ?? 0) + 1)
  }
  return counts
}

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)

/** What a profiled run measured, kept beside its profile (`run.json`) to be read again. */
interface Run {
  readonly windows: [number, number][]
  /** CPU ms of the measured rounds: the main thread, and every thread by name. */
  readonly mainMs: number
  readonly threadsMs: Record<string, number>
  readonly records: number
}

/** CPU ms (user + system) of each of the process's threads so far, by thread name. */
async function threadCpuMs(pid: number): Promise<Record<string, number>> {
  const byName: Record<string, number> = {}
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    try {
      const name = (await readFile(`/proc/${pid}/task/${tid}/comm`, 'utf8')).trim()
      const key = Number(tid) === pid ? 'main' : name
      byName[key] = (byName[key] ?? 0) + (await cpuMs(pid, Number(tid)))
    } catch {
      // the thread ended meanwhile
    }
  }
  return byName
}

/** Runs the load `rounds` times on a profiled node; the profile goes to `dir`. */
async function profiledRun(
  dir: string,
  writers: number,
  each: number,
  rounds: number,
  interval: string,
  bin: string | undefined,
): Promise<Run> {
  const records = writers * each
  const home = await mkdtemp(join(tmpdir(), 'polder-profile-'))
  const env = {
    POLDER_WRITE_LIMIT: '1000000',
    NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${dir} --cpu-prof-interval=${interval}`,
  }
  const daemon = await startDaemon(home, env, bin)
  const run = {
    windows: [] as [number, number][],
    mainMs: 0,
    threadsMs: {} as Record<string, number>,
    records: 0,
  }
  try {
    const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
    for (let round = 0; round < rounds; round++) {
      const threadsBefore = await threadCpuMs(daemon.pid)
      const groupsBefore = logEntries(home)
      const from = monotonicUs()
      const load = await runLoad(daemon.url, token, writers, each, round * records)
      const to = monotonicUs()
      const threads = await threadCpuMs(daemon.pid)
      const spent = Object.entries(threads).map(
        ([name, ms]) => [name, ms - (threadsBefore[name] ?? 0)] as const,
      )
      const all = spent.reduce((sum, [, ms]) => sum + ms, 0)
      const main = (threads.main ?? 0) - (threadsBefore.main ?? 0)
      const times = load.times.toSorted((a, b) => a - b)
      process.stdout.write(
        `round ${round + 1}: ${Math.round(records / (load.wallMs / 1000))} records/s, p50 ${percentile(times, 0.5).toFixed(1)} / p99 ${percentile(times, 0.99).toFixed(1)} ms, main thread ${(main / records).toFixed(3)} ms a record, all threads ${(all / records).toFixed(3)}, load generator ${(load.cpuMs / records).toFixed(3)}, groups ${logEntries(home) - groupsBefore}\n`,
      )
      if (round === 0) continue // the fresh node's: V8 compiling the path
      run.windows.push([from, to])
      run.mainMs += main
      for (const [name, ms] of spent) run.threadsMs[name] = (run.threadsMs[name] ?? 0) + ms
      run.records += records
    }
  } finally {
    await daemon.stop()
    await rm(home, { recursive: true, force: true })
  }
  return run
}

/** Prints the measured rounds' CPU a record by thread, and the main thread's by stage. */
async function report(dir: string, run: Run, detail: boolean): Promise<void> {
  const file = (await readdir(dir)).find(
    (f) => f.endsWith('.cpuprofile') && f.split('.')[4] === '0',
  )
  if (file === undefined) throw new Error(`no main-thread profile in ${dir}`)
  const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile
  const counts = await stageCounts(profile, run.windows, detail)
  const idle = [...counts].reduce(
    (sum, [stage, n]) => (stage.startsWith('(idle)') ? sum + n : sum),
    0,
  )
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0)
  const busy = total - idle
  const usPerRecord = (run.mainMs * 1000) / run.records
  const threads = Object.entries(run.threadsMs)
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${((ms * 1000) / run.records).toFixed(0)}`)
  process.stdout.write(
    `measured rounds, CPU µs a record by thread: ${threads.join(', ')}; main thread busy in ${busy} of ${total} samples\n`,
  )
  // below the detail, the leftovers (timers, microtask queue, ...) in one line
  const shown = new Map<string, number>()
  for (const [stage, n] of counts) {
    const key = !detail && stage.startsWith('other: ') ? 'other (timers, queues, ...)' : stage
    shown.set(key, (shown.get(key) ?? 0) + n)
  }
  for (const [stage, n] of [...shown].sort((a, b) => b[1] - a[1])) {
    if (stage.startsWith('(idle)')) continue
    const share = n / busy
    if (detail && share < 0.002) continue
    process.stdout.write(
      `${(share * 100).toFixed(1).padStart(5)} %  ${(share * usPerRecord).toFixed(1).padStart(6)} µs  ${stage}\n`,
    )
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      rounds: { type: 'string', default: '3' },
      bin: { type: 'string' },
      keep: { type: 'string' },
      interval: { type: 'string', default: '200' },
      detail: { type: 'boolean', default: false },
      /** A kept directory to read again instead of running. */
      again: { type: 'string' },
    },
  })
  if (values.again !== undefined) {
    const run = JSON.parse(await readFile(join(values.again, 'run.json'), 'utf8')) as Run
    await report(values.again, run, values.detail)
  } else {
    const dir = values.keep ?? (await mkdtemp(join(tmpdir(), 'polder-cpuprofile-')))
    const writers = Number(positionals[0] ?? 50)
    const each = Number(positionals[1] ?? 40)
    const run = await profiledRun(
      dir,
      writers,
      each,
      Number(values.rounds),
      values.interval,
      values.bin,
    )
    await writeFile(join(dir, 'run.json'), JSON.stringify(run))
    await report(dir, run, values.detail)
    if (values.keep === undefined) await rm(dir, { recursive: true, force: true })
  }
}
