/**
 * `node bench/src/stage-split.ts FILE.cpuprofile [--from s] [--to s]`: a follower's main-thread
 * samples by the deepest frame of our own packages on their stack (source file and function,
 * through the bundle's source maps), and what ran below it by part: which of our steps the
 * CPU of a received record goes to, whether spent in our code or in what it calls. Samples
 * outside [from, to] seconds of the profile are left out (the start and the warm-up), and
 * busy samples per 5 s are printed to find the measured window. Also by stage of a delivery
 * (`delivery-stages.ts`).
 */
import { readFileSync } from 'node:fs'
import type { Profiler } from 'node:inspector'
import { parseArgs } from 'node:util'
import { stageOf } from './delivery-stages.ts'
import { sourceOf } from './follower-profile.ts'
import { partOf } from './scale/profile-summary.ts'

/** V8's CPU profile as `--cpu-prof` writes it (the inspector's own types). */
type Profile = Profiler.Profile

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string', default: '0' }, to: { type: 'string', default: '1e9' } },
})
const profile = JSON.parse(readFileSync(positionals[0] ?? '', 'utf8')) as Profile
const byId = new Map(profile.nodes.map((node) => [node.id, node]))
const parentOf = new Map<number, number>()
for (const node of profile.nodes)
  for (const child of node.children ?? []) parentOf.set(child, node.id)

const labels = new Map<number, string>()
function label(id: number): string {
  const known = labels.get(id)
  if (known !== undefined) return known
  const leaf = byId.get(id)?.callFrame
  let ours: string | undefined
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = byId.get(at)?.callFrame
    if (frame === undefined) break
    const source = sourceOf(frame)
    if (/packages\/|node\/src\//.test(source) && !source.includes('node_modules')) {
      ours = `${frame.functionName || '(anonymous)'}  ${source.replace(/^.*?(packages|node)\//, '$1/')}`
      break
    }
  }
  // the nearest part below ours that is not the runtime (who asked for a write, say)
  let below =
    leaf === undefined ? '?' : partOf({ functionName: leaf.functionName, url: sourceOf(leaf) })
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = byId.get(at)?.callFrame
    if (frame === undefined) break
    const part = partOf({ functionName: frame.functionName, url: sourceOf(frame) })
    if (!['native', 'node: runtime', '(program)', '(garbage collector)'].includes(part)) {
      if (!part.startsWith('@polder') && !part.startsWith('../src')) below = `${below} via ${part}`
      break
    }
  }
  const result =
    leaf?.functionName === '(idle)'
      ? '(idle)'
      : `${ours ?? '(none of ours)'}  <-  ${leaf?.functionName === '(garbage collector)' ? 'GC' : below}`
  labels.set(id, result)
  return result
}

const stages = new Map<number, string>()
/** The delivery stage of a sample's stack (`delivery-stages.ts`). */
function stage(id: number): string {
  const known = stages.get(id)
  if (known !== undefined) return known
  const functions = new Set<string>()
  const files: string[] = []
  const parts = new Set<string>()
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = byId.get(at)?.callFrame
    if (frame === undefined) break
    const source = sourceOf(frame)
    functions.add(frame.functionName)
    files.push(source)
    parts.add(partOf({ functionName: frame.functionName, url: source }))
  }
  const result = stageOf({ functions, files, parts })
  stages.set(id, result)
  return result
}

const from = Number(values.from) * 1e6
const to = Number(values.to) * 1e6
let time = 0
const perFive = new Map<number, number>()
const counts = new Map<string, number>()
const ourCounts = new Map<string, number>()
const stageCounts = new Map<string, number>()
let busy = 0
const samples = profile.samples ?? []
samples.forEach((id, index) => {
  time += profile.timeDeltas?.[index] ?? 0
  const name = label(id)
  if (name === '(idle)') return
  const bucket = Math.floor(time / 5e6) * 5
  perFive.set(bucket, (perFive.get(bucket) ?? 0) + 1)
  if (time < from || time > to) return
  busy++
  counts.set(name, (counts.get(name) ?? 0) + 1)
  const inStage = stage(id)
  stageCounts.set(inStage, (stageCounts.get(inStage) ?? 0) + 1)
  const ours = name.split('  <-  ')[0] as string
  ourCounts.set(ours, (ourCounts.get(ours) ?? 0) + 1)
})
process.stdout.write(
  `busy samples per 5 s: ${[...perFive].map(([s, n]) => `${s}:${n}`).join(' ')}\n`,
)
process.stdout.write(`${busy} busy samples in the window\n`)
const print = (title: string, map: Map<string, number>, top: number) => {
  process.stdout.write(`${title}\n`)
  for (const [name, count] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    process.stdout.write(
      `${String(count).padStart(6)} ${((count / busy) * 100).toFixed(1).padStart(5)} %  ${name}\n`,
    )
}
print('by stage of the delivery', stageCounts, 20)
print('by our deepest frame', ourCounts, 45)
print('by our deepest frame and the part below it', counts, 60)
