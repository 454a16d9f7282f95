/** Figures: printed as a table next to their goal and baseline, and written as JSON. */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { arch, cpus, totalmem } from 'node:os'

export interface Figure {
  readonly name: string
  readonly value: number
  readonly unit: string
  /** The goal, and whether the value must be at least (`min`) or at most (`max`) it. */
  readonly goal?: { readonly value: number; readonly kind: 'min' | 'max' }
  /** The baseline measured in the same run, in the same unit. */
  readonly baseline?: { readonly name: string; readonly value: number }
  readonly note?: string
}

export function met(figure: Figure): boolean | undefined {
  if (figure.goal === undefined) return undefined
  return figure.goal.kind === 'min'
    ? figure.value >= figure.goal.value
    : figure.value <= figure.goal.value
}

/** The `p`th quantile (0 to 1) of sorted values; NaN when there are none. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN

const round = (value: number) => (value >= 100 ? Math.round(value).toString() : value.toFixed(1))

export function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const goal = f.goal ? `${f.goal.kind === 'min' ? '>=' : '<='} ${round(f.goal.value)}` : ''
    const baseline = f.baseline ? `${round(f.baseline.value)} (${f.baseline.name})` : ''
    const ratio = f.baseline ? `${(f.value / f.baseline.value).toFixed(1)}x` : ''
    const status = met(f) === undefined ? '' : met(f) ? 'met' : 'MISSED'
    return [f.name, `${round(f.value)} ${f.unit}`, goal, baseline, ratio, status]
  })
  const head = ['figure', 'value', 'goal', 'baseline (same run)', 'vs baseline', '']
  return [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n')
}

let load: 'quiet' | 'busy' = 'quiet'

/** Marks this run as one on a busy machine (`--busy`): named so in the JSON and Markdown. */
export function markBusy(): void {
  load = 'busy'
}

export function machine(): Record<string, string | number> {
  return {
    date: new Date().toISOString(),
    load: load === 'busy' ? 'one core kept busy by another process' : 'nothing else started',
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    arch: arch(),
  }
}

export async function writeResults(
  name: string,
  figures: readonly Figure[],
  quick: boolean,
): Promise<string> {
  const dir = new URL('../results/', import.meta.url)
  await mkdir(dir, { recursive: true })
  const file = new URL(`${name}${load === 'busy' ? '-busy' : ''}.json`, dir)
  await writeFile(file, `${JSON.stringify({ machine: machine(), quick, figures }, null, 2)}\n`)
  return file.pathname
}

const markers = {
  quiet: {
    start: '<!-- latest full run: written by pnpm bench -->',
    end: '<!-- end of the latest full run -->',
    title: 'Latest full run',
  },
  busy: {
    start: '<!-- latest full run on a busy machine: written by pnpm bench --busy -->',
    end: '<!-- end of the latest full run on a busy machine -->',
    title: 'Latest full run on a busy machine (one core kept busy by another process)',
  },
}

/**
 * Puts the table of a full run, with the machine and date, into BENCHMARKS.md between its
 * markers (added at the end the first time); the rest of the file is prose kept by hand.
 */
export async function writeMarkdown(figures: readonly Figure[]): Promise<string> {
  const file = new URL('../../BENCHMARKS.md', import.meta.url)
  const m = machine()
  const { start: START, end: END, title } = markers[load]
  const section = [
    START,
    '',
    `## ${title}`,
    '',
    `${m.date}, Node.js ${m.node}, ${m.cpus} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.arch}; ${m.load}.`,
    '',
    table(figures),
    '',
    END,
  ].join('\n')
  let text = ''
  try {
    text = await readFile(file, 'utf8')
  } catch {
    text = '# Benchmarks\n'
  }
  const start = text.indexOf(START)
  const end = text.indexOf(END)
  // a marker moved by a merge once put 670 lines of hand-kept prose between the markers,
  // and the run's table replaced them: only the run's own heading may be there
  const headings = start >= 0 && end > start ? text.slice(start, end).match(/^#{2,} /gm) : null
  if (headings !== null && headings.length > 1)
    throw new Error(
      `BENCHMARKS.md has ${headings.length} headings between ${START} and its end marker: move the markers around the run's table only`,
    )
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n${section}\n`
  await writeFile(file, next)
  return file.pathname
}
