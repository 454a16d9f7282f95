/**
 * `node bench/src/scale/profile-summary.ts DIR`: where the host processes' CPU went, from
 * the profiles `--cpu-prof-dir DIR` wrote (one per host): self time per part, so that the
 * simulation's own cost (the harness: `bench/src/scale`, IPC) is told from the nodes'
 * (Polder's packages, libp2p, Helia, SQLite, crypto, the runtime).
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string }
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** The part of the program a frame belongs to, by its file. */
export function partOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame
  if (url === '') {
    // V8's own entries: (idle), (garbage collector), (program), natives
    if (functionName.startsWith('(')) return functionName
    return 'native'
  }
  if (url.includes('/bench/src/scale/')) return 'harness (bench/src/scale)'
  if (url.startsWith('node:child_process') || url.includes('internal/child_process'))
    return 'harness IPC (child_process)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url)
  if (pkg !== null) return pkg[1] as string
  const own = /\/(packages|node)\/([^/]+)\//.exec(url)
  if (own !== null) return own[1] === 'node' ? '@polder/node' : `@polder/${own[2]}`
  if (url.startsWith('node:') || url.startsWith('internal')) return 'node: runtime'
  return url
}

/** Self time (ms) per part over one profile. */
export function selfTimeByPart(profile: CpuProfile): Map<string, number> {
  const parts = new Map<number, string>()
  for (const node of profile.nodes) parts.set(node.id, partOf(node.callFrame))
  const totals = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const part = parts.get(id) ?? 'unknown'
    totals.set(part, (totals.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return totals
}

/** Prints one group of profiles' self time per part, largest first. */
function print(title: string, totals: Map<string, number>): void {
  const busy = [...totals].filter(([part]) => part !== '(idle)').reduce((t, [, ms]) => t + ms, 0)
  process.stdout.write(`${title}: ${(busy / 1000).toFixed(1)} s of CPU\n`)
  for (const [part, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    if (part === '(idle)') continue
    process.stdout.write(
      `${((ms / busy) * 100).toFixed(1).padStart(5)} %  ${(ms / 1000).toFixed(2).padStart(7)} s  ${part}\n`,
    )
  }
}

if (import.meta.main) {
  const dir = process.argv[2]
  if (dir === undefined) throw new Error('usage: profile-summary.ts DIR (of .cpuprofile files)')
  // CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile: thread 0 is the main thread, the
  // others are worker threads (the store's check pools)
  const groups = { main: new Map<string, number>(), workers: new Map<string, number>() }
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile
    const totals = file.split('.')[4] === '0' ? groups.main : groups.workers
    for (const [part, ms] of selfTimeByPart(profile)) totals.set(part, (totals.get(part) ?? 0) + ms)
  }
  print('main threads (all hosts)', groups.main)
  print('worker threads', groups.workers)
}
