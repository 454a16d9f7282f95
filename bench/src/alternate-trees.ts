/**
 * Runs one in-process measurement on this tree and, alternated with it, on another built
 * tree (`--baseline <root>`): each repeat spawns one process per tree with the V8 flags of
 * that tree's daemon (the young generation decides much of a CPU figure), so that two
 * builds are compared on the same machine at the same moment, whatever its load.
 *
 *   if (import.meta.main) await alternateTrees(import.meta.url, measure)
 *
 * prints one JSON line per run: `{ tree, load, ...figures }`.
 */
import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { nodeFlags } from './daemon.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** The store package built in the tree at `root`: the same API, so this tree's types describe it. */
export async function storeOfTree(root: string): Promise<typeof import('@polder/store')> {
  return (await import(
    pathToFileURL(join(root, 'packages/store/dist/index.js')).href
  )) as typeof import('@polder/store')
}

/**
 * With `--tree <root>`, measures that tree here and prints its figures; otherwise runs
 * `--repeat` rounds of this tree then the baseline, each in a child process of `script`.
 * `switches` are the script's own boolean options: passed on to each child and to `measure`.
 */
export async function alternateTrees(
  script: string,
  measure: (root: string, switches: ReadonlySet<string>) => Promise<object>,
  switches: readonly string[] = [],
): Promise<void> {
  const { values } = parseArgs({
    options: {
      baseline: { type: 'string' },
      repeat: { type: 'string', default: '3' },
      // the measurement itself, in this process: what each repeat spawns
      tree: { type: 'string' },
      ...Object.fromEntries(switches.map((name) => [name, { type: 'boolean' as const }])),
    },
  })
  const given = switches.filter((name) => (values as Record<string, unknown>)[name] === true)
  if (values.tree !== undefined) {
    process.stdout.write(`${JSON.stringify(await measure(values.tree, new Set(given)))}\n`)
    return
  }
  const trees = [ROOT, ...(values.baseline === undefined ? [] : [values.baseline])]
  for (let repeat = 0; repeat < Number(values.repeat); repeat++) {
    for (const tree of trees) {
      const flags = await nodeFlags(join(tree, 'node/bundle/bin.js'))
      const args = [fileURLToPath(script), '--tree', tree, ...given.map((name) => `--${name}`)]
      const run = spawnSync(process.execPath, [...flags, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      if (run.status !== 0) throw new Error(`the run on ${tree} exited with ${run.status}`)
      const load = (await readFile('/proc/loadavg', 'utf8')).split(' ')[0]
      process.stdout.write(`${JSON.stringify({ tree, load, ...JSON.parse(run.stdout) })}\n`)
    }
  }
}
