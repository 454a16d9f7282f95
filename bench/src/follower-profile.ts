/**
 * `node bench/src/follower-profile.ts FILE.cpuprofile [--top n]`: where a node's main thread
 * spent its CPU, from a `--cpu-prof` of the daemon (the propagation bench writes one of
 * follower 1 with `POLDER_BENCH_PROFILE_DIR`): share of samples per part (our packages by
 * source file through the bundle's source maps, libraries by package) and per function.
 *
 * Samples are counted, not weighted by their time: on a machine at load 30-80 a thread
 * waits for a core between samples, and V8 takes the late sample where the thread resumes,
 * mostly on the return from a system call (`writev`, `getrusage`, SQLite's reads), which
 * time-weighting then blames for the wait.
 */
import { readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { partOf } from './scale/profile-summary.ts'

interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
  readonly columnNumber: number
}

interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: CallFrame }[]
  readonly samples: readonly number[]
}

const maps = new Map<string, SourceMap | undefined>()

/** The source file of a frame: the original one for a frame of the bundle. */
export function sourceOf(frame: CallFrame): string {
  if (!frame.url.startsWith('file:') || !frame.url.includes('/bundle/')) return frame.url
  let map = maps.get(frame.url)
  if (!maps.has(frame.url)) {
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(frame.url)}.map`, 'utf8')))
    } catch {
      map = undefined // no map beside it: the bundle's own name
    }
    maps.set(frame.url, map)
  }
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber)
  return entry !== undefined && 'originalSource' in entry ? entry.originalSource : frame.url
}

/** Samples per part and per function (with its file), idle left out. */
export function samplesByPart(profile: CpuProfile): {
  busy: number
  parts: Map<string, number>
  functions: Map<string, number>
} {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const counts = new Map<number, number>()
  for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1)
  const parts = new Map<string, number>()
  const functions = new Map<string, number>()
  let busy = 0
  for (const [id, count] of counts) {
    const frame = frames.get(id)
    if (frame === undefined || frame.functionName === '(idle)') continue
    const url = sourceOf(frame)
    busy += count
    const part = partOf({ functionName: frame.functionName, url })
    parts.set(part, (parts.get(part) ?? 0) + count)
    const file = url.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')
    const name = `${frame.functionName || '(anonymous)'}  ${file}`
    functions.set(name, (functions.get(name) ?? 0) + count)
  }
  return { busy, parts, functions }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '30' } },
  })
  const file = positionals[0]
  if (file === undefined) throw new Error('usage: follower-profile.ts FILE.cpuprofile [--top n]')
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const { busy, parts, functions } = samplesByPart(profile)
  const top = Number(values.top)
  const print = (title: string, counts: Map<string, number>) => {
    process.stdout.write(`${title}\n`)
    for (const [name, count] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`${((count / busy) * 100).toFixed(1).padStart(5)} %  ${name}\n`)
    }
  }
  process.stdout.write(`${busy} busy samples of ${profile.samples.length}\n`)
  print('by part', parts)
  print('by function', functions)
}
