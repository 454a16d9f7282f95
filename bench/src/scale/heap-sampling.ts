/**
 * V8's sampling heap profiler in a host process: started with the host when
 * `POLDER_SCALE_HEAP_PROFILE` is set, read after a window. A profile taken while the nodes
 * run names the allocation sites of what is still live, so it says which package's memory
 * grows with the collective's size (a whole heap snapshot of a host is gigabytes).
 */
import { mkdirSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { getHeapStatistics } from 'node:v8'

/** Set to the directory of `--heap-prof-dir` for the hosts. */
export const HEAP_PROFILE_ENV = 'POLDER_SCALE_HEAP_PROFILE'

/**
 * Heap in use a node (MB) at which a host writes a profile of its own. At 200 nodes the
 * follow phase's heap outran the orchestrator's readings (the first came ~4 real minutes in,
 * at 41 MB a node) and hosts at their heap limit could no longer write one.
 */
export const HEAP_WATCH_MB = [15, 25, 35] as const

interface ProfileNode {
  readonly callFrame: {
    readonly functionName: string
    readonly url: string
    readonly lineNumber: number
  }
  readonly selfSize: number
  readonly children: readonly ProfileNode[]
}

let session: Session | undefined

export async function startHeapSampling(): Promise<void> {
  if (process.env[HEAP_PROFILE_ENV] === undefined) return
  session = new Session()
  session.connect()
  await session.post('HeapProfiler.enable')
  // every 64 KiB allocated on average: fine enough for MBs per node, cheap enough to run
  await session.post('HeapProfiler.startSampling', { samplingInterval: 64 * 1024 })
}

/** The package an allocation site belongs to: an npm package, one of ours, or Node's own. */
export function packageOf(url: string): string {
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pnpm?.[1] !== undefined) return pnpm[1]
  const ours = /\/(packages|bench|node)\/([^/]+)\//.exec(url)
  if (ours?.[1] !== undefined && ours[2] !== undefined)
    return ours[1] === 'packages' ? `@polder/${ours[2]}` : ours[1]
  return url === '' ? '(native or V8)' : url.startsWith('node:') ? 'node:*' : url
}

/** Live bytes sampled per package and per allocating function, largest first. */
export function summarise(root: ProfileNode, top = 15) {
  const byPackage = new Map<string, number>()
  const byFunction = new Map<string, number>()
  const visit = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame
    const pkg = packageOf(url)
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.selfSize)
    const where = `${pkg} ${functionName || '(anonymous)'}:${lineNumber + 1}`
    byFunction.set(where, (byFunction.get(where) ?? 0) + node.selfSize)
    for (const child of node.children) visit(child)
  }
  visit(root)
  const sorted = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, bytes]) => [name, Math.round(bytes / 1024 / 1024)] as const)
  return { byPackageMb: sorted(byPackage), byFunctionMb: sorted(byFunction) }
}

/** Writes the live allocations sampled so far to `file`; returns their summary. */
export async function writeHeapProfile(file: string) {
  if (session === undefined) throw new Error(`${HEAP_PROFILE_ENV} is not set for this host`)
  const { profile } = (await session.post('HeapProfiler.getSamplingProfile')) as {
    profile: { head: ProfileNode }
  }
  await writeFile(file, JSON.stringify(profile))
  return summarise(profile.head)
}

/**
 * Writes a profile to `dir` each time the host's heap in use a node first reaches one of
 * {@link HEAP_WATCH_MB}, checked every `intervalMs` (of the timer as the host sees it).
 */
export function watchHeap(dir: string, nodeCount: () => number, intervalMs: number): void {
  mkdirSync(dir, { recursive: true })
  const levels: number[] = [...HEAP_WATCH_MB]
  let writing = false
  const timer = setInterval(() => {
    const level = levels[0]
    const n = nodeCount()
    if (writing || level === undefined || n === 0) return
    if (getHeapStatistics().used_heap_size / 1024 / 1024 / n < level) return
    levels.shift()
    writing = true
    const file = join(dir, `host-${process.pid}-at-${level}mb.heapprofile`)
    void writeHeapProfile(file)
      .catch(() => undefined)
      .finally(() => {
        writing = false
      })
  }, intervalMs)
  timer.unref()
}
