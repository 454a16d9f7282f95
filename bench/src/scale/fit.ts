/**
 * `node bench/src/scale/fit.ts FILE…`: the growth table and the extrapolation to 1,000
 * organisations through runs written on their own (`bench/results/scale-<n>-nodes.json`, or
 * copies kept in `bench/runs/`). A size of 400 takes most of a session on 2 cores, so the
 * sizes are run apart and fitted here; the table says which commit each run measured, since a
 * fit across code versions fits the changes too.
 */
import { readFile } from 'node:fs/promises'
import { growthTable } from './run.ts'
import type { ScaleFigures } from './simulation.ts'

/** One size's run as `run.ts` writes it. */
export interface WrittenRun {
  readonly file: string
  readonly commit: string
  readonly startedAt: string
  readonly run: ScaleFigures
}

/** Reads the runs, smallest first; a file that is not a written run is an error naming it. */
export async function readRuns(files: readonly string[]): Promise<WrittenRun[]> {
  const runs = await Promise.all(
    files.map(async (file) => {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'))
      if (!isWritten(parsed))
        throw new Error(`${file}: not a scale run (no run.nodes, run.idle, run.load)`)
      return {
        file,
        commit: parsed.commit ?? 'unknown',
        startedAt: parsed.startedAt ?? 'unknown',
        run: parsed.run,
      }
    }),
  )
  return runs.sort((a, b) => a.run.nodes - b.run.nodes)
}

interface Written {
  readonly commit?: string
  readonly startedAt?: string
  readonly run: ScaleFigures
}

function isWritten(value: unknown): value is Written {
  if (typeof value !== 'object' || value === null || !('run' in value)) return false
  const run = (value as { run: unknown }).run
  return (
    typeof run === 'object' &&
    run !== null &&
    typeof (run as { nodes?: unknown }).nodes === 'number' &&
    typeof (run as { idle?: unknown }).idle === 'object' &&
    typeof (run as { load?: unknown }).load === 'object'
  )
}

/** The table, with where each run came from and a warning when they measured different code. */
export function fitReport(runs: readonly WrittenRun[]): string {
  const commits = new Set(runs.map((r) => r.commit))
  const sources = runs.map(
    (r) => `- ${r.run.nodes} nodes: ${r.file} (commit ${r.commit}, ${r.startedAt})`,
  )
  const warning =
    commits.size > 1
      ? [`\nThe runs measured ${commits.size} commits: the fit includes what changed between them.`]
      : []
  return [growthTable(runs.map((r) => r.run)), '', ...sources, ...warning].join('\n')
}

if (import.meta.main) {
  const files = process.argv.slice(2)
  if (files.length === 0) {
    process.stderr.write('usage: node bench/src/scale/fit.ts scale-50-nodes.json …\n')
    process.exit(2)
  }
  process.stdout.write(`${fitReport(await readRuns(files))}\n`)
}
