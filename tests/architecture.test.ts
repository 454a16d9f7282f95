/**
 * docs/architecture.md stays true: its package diagram is checked against the
 * `dependencies` of every workspace package.json. See the diagram's legend there.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..')
const SCOPE = '@polder/'

interface Line {
  readonly layer: number
  /** Packages that depend on this one, and whether the arrow is marked upward (`!`). */
  readonly dependents: ReadonlyMap<string, boolean>
}

/** The diagram: the fenced block of docs/architecture.md whose first line starts with `layer`. */
async function diagram(): Promise<Map<string, Line>> {
  const doc = await readFile(join(ROOT, 'docs/architecture.md'), 'utf8')
  const block = [...doc.matchAll(/```text\n(layer[^\n]*\n[\s\S]*?)```/g)][0]?.[1]
  if (block === undefined) throw new Error('docs/architecture.md has no package diagram')
  const lines = new Map<string, Line>()
  for (const text of block.split('\n').slice(1)) {
    if (text.trim() === '') continue
    const match = /^\s*(\d+(?:\.\d+)?)\s+([\w-]+)\s*(?:<-\s*(.*))?$/.exec(text)
    if (match === null) throw new Error(`not a diagram line: "${text}"`)
    const [, layer, name, arrows] = match as unknown as [string, string, string, string?]
    if (lines.has(name)) throw new Error(`${name} is in the diagram twice`)
    const dependents = new Map<string, boolean>()
    for (const arrow of (arrows ?? '').split(',').map((a) => a.trim())) {
      if (arrow !== '') dependents.set(arrow.replace(/!$/, ''), arrow.endsWith('!'))
    }
    lines.set(name, { layer: Number(layer), dependents })
  }
  return lines
}

interface Manifest {
  readonly name: string
  readonly dependencies: string[]
  readonly devDependencies: string[]
}

/** Every package of the workspace, by the globs of pnpm-workspace.yaml. */
async function manifests(): Promise<Map<string, Manifest>> {
  const yaml = await readFile(join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
  const section = /^packages:\n((?:\s+-\s+.*\n)+)/m.exec(yaml)?.[1] ?? ''
  const globs = [...section.matchAll(/-\s+(\S+)/g)].map((m) => m[1] as string)
  const dirs: string[] = []
  for (const glob of globs) {
    if (!glob.endsWith('/*')) dirs.push(glob)
    else {
      const parent = glob.slice(0, -2)
      const entries = await readdir(join(ROOT, parent), { withFileTypes: true })
      for (const entry of entries) if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`)
    }
  }
  const found = new Map<string, Manifest>()
  for (const dir of dirs) {
    let json: Record<string, Record<string, string> | string>
    try {
      json = JSON.parse(await readFile(join(ROOT, dir, 'package.json'), 'utf8'))
    } catch {
      continue // a folder without a package
    }
    const ours = (deps: unknown) =>
      Object.keys((deps ?? {}) as Record<string, string>)
        .filter((dep) => dep.startsWith(SCOPE))
        .map((dep) => dep.slice(SCOPE.length))
    const name = String(json.name).slice(SCOPE.length)
    found.set(name, {
      name,
      dependencies: ours(json.dependencies),
      devDependencies: ours(json.devDependencies),
    })
  }
  return found
}

describe('the package diagram in docs/architecture.md', async () => {
  const lines = await diagram()
  const packages = await manifests()
  const layerOf = (name: string): number => {
    const line = lines.get(name)
    if (line === undefined) throw new Error(`${name} is not in the diagram`)
    return line.layer
  }

  it('names every workspace package, and only those', () => {
    expect([...lines.keys()].sort()).toEqual([...packages.keys()].sort())
  })

  it('has an arrow for every dependency, and a dependency for every arrow', () => {
    const actual = [...packages.values()].flatMap((p) =>
      p.dependencies.map((d) => `${d} <- ${p.name}`),
    )
    const drawn = [...lines].flatMap(([name, line]) =>
      [...line.dependents.keys()].map((dependent) => `${name} <- ${dependent}`),
    )
    expect(actual.filter((arrow) => !drawn.includes(arrow))).toEqual([])
    expect(drawn.filter((arrow) => !actual.includes(arrow))).toEqual([])
  })

  it('has no package depend on its own or a higher layer, but those marked and to go', () => {
    const upward: string[] = []
    const marked: string[] = []
    for (const [name, line] of lines) {
      for (const [dependent, mark] of line.dependents) {
        const up = line.layer >= layerOf(dependent)
        if (up && !mark) upward.push(`${name} <- ${dependent}`)
        if (!up && mark) marked.push(`${name} <- ${dependent}!`)
      }
    }
    expect(upward, 'dependencies upward').toEqual([])
    expect(marked, 'marked upward but are not').toEqual([])
  })

  it('has no test-only dependency on a higher layer', () => {
    const upward = [...packages.values()].flatMap((p) =>
      p.devDependencies
        .filter((dev) => layerOf(dev) > layerOf(p.name))
        .map((dev) => `${p.name} -> ${dev}`),
    )
    expect(upward).toEqual([])
  })
})
