/**
 * `node bench/src/scale/table.ts [FILE …]`: the growth table (markdown) of runs written by
 * run.ts (bench/results/scale-<n>-nodes.json by default), each size with the load it ran at.
 */
import { readdir, readFile } from 'node:fs/promises'
import { growthTable } from './run.ts'
import type { ScaleFigures } from './simulation.ts'

interface RunFile {
  readonly startedAt: string
  readonly loadBefore: string
  readonly loadAfter: string
  readonly run: ScaleFigures
}

const dir = new URL('../../results/', import.meta.url)
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : (await readdir(dir))
        .filter((file) => /^scale-\d+-nodes\.json$/.test(file))
        .map((file) => new URL(file, dir).pathname)
const runs = (
  await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8')) as RunFile))
).sort((a, b) => a.run.nodes - b.run.nodes)
for (const { run, startedAt, loadBefore, loadAfter } of runs)
  process.stdout.write(`${run.nodes} nodes: ${startedAt}, load ${loadBefore} -> ${loadAfter}\n`)
process.stdout.write(`\n${growthTable(runs.map((r) => r.run))}\n`)
