/** Spreadsheets on real nodes: export from one, import into another; the CLI's checks. */
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPolder, startPolder, stopPolder } from './cli.js'

const FIXTURES = fileURLToPath(new URL('../../packages/schema/fixtures/records/', import.meta.url))
const LOOPBACK = {
  POLDER_API: '127.0.0.1:0',
  POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
  POLDER_PEERS: '0',
}
const IDENTITY = ['id', 'author', 'created', 'updated', 'version']

interface Node {
  child: ChildProcess
  url: string
  home: string
  token: string
}

let dir: string
let demo: Node
let empty: Node
type Rec = Record<string, unknown> & { kind: string; author: string; id: string }
let eindhoven: Rec[]

async function start(name: string, args: string[] = []): Promise<Node> {
  const home = join(dir, name)
  const started = await startPolder({ POLDER_HOME: home, ...LOOPBACK }, 60_000, args)
  const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
  return { child: started.child, url: started.url, home, token }
}

const content = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([key]) => !IDENTITY.includes(key)))

async function searchReady(node: Node): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const status = (await (await fetch(`${node.url}/v1/search/status`)).json()) as {
      state: string
      records: number
    }
    if (status.state === 'ready' && status.records > 0) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('the search index did not become ready in 30 s')
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-csv-'))
  ;[demo, empty] = await Promise.all([start('demo', ['--demo']), start('empty')])
  eindhoven = JSON.parse(await readFile(join(FIXTURES, 'gemeente-eindhoven.json'), 'utf8')) as Rec[]
  await searchReady(demo)
}, 120_000)

afterAll(async () => {
  for (const node of [demo, empty]) if (node !== undefined) await stopPolder(node.child)
  await rm(dir, { recursive: true, force: true })
})

describe('CSV between nodes', () => {
  it('exports a search as CSV and imports it on a second node: the same records', async () => {
    const did = eindhoven[0]?.author as string
    const response = await fetch(`${demo.url}/v1/export.csv?kind=practice&organization=${did}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    const csv = new Uint8Array(await response.arrayBuffer())
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const practices = eindhoven.filter((r) => r.kind === 'practice')

    const imported = await fetch(`${empty.url}/v1/import?kind=practice`, {
      method: 'POST',
      headers: { authorization: `Bearer ${empty.token}`, 'content-type': 'text/csv' },
      body: csv,
    })
    const answer = (await imported.json()) as { written: number; records: string[] }
    expect(imported.status, JSON.stringify(answer)).toBe(201)
    expect(answer.written).toBe(practices.length)
    const list = (await (await fetch(`${empty.url}/v1/records?kind=practice`)).json()) as {
      records: Rec[]
    }
    const byTitle = (records: Record<string, unknown>[]) =>
      records
        .map(content)
        .sort((a, b) => JSON.stringify(a.title).localeCompare(JSON.stringify(b.title)))
    expect(byTitle(list.records)).toEqual(byTitle(practices))
  })

  it('refuses a file with a bad row as a whole, with the row and column, and needs the token', async () => {
    const body =
      'title_nl,title_en,status,budget_amount,budget_currency\r\nGoed,Good,pilot,10.00,EUR\r\nFout,Bad,pilot,veel,EUR\r\n'
    const before = (
      (await (await fetch(`${empty.url}/v1/records?limit=1`)).json()) as { total: number }
    ).total
    const post = (query: string, token = empty.token) =>
      fetch(`${empty.url}/v1/import?${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body,
      })
    const refused = await post('kind=practice')
    expect(refused.status).toBe(422)
    // an RFC 9457 problem, each of the file's problems at its row and column
    const problem = (await refused.json()) as {
      type: string
      problems: { path: string; message: { nl: string; en: string } }[]
    }
    expect(problem.type).toMatch(/invalid-csv$/)
    expect(problem.problems[0]?.path).toBe('/rows/3/budget_amount')
    expect(problem.problems[0]?.message.en).toMatch(/^row 3, column budget_amount: /)
    expect(problem.problems[0]?.message.nl).toMatch(/^rij 3, kolom budget_amount: /)
    expect((await post('kind=practice', 'wrong')).status).toBe(401)
    expect((await post('kind=colour')).status).toBe(400)
    const dry = (await (await post('kind=practice&dryRun=true&skipInvalid=true')).json()) as {
      written: number
      valid: number
    }
    expect(dry).toMatchObject({ written: 0, valid: 1 })
    const after = (
      (await (await fetch(`${empty.url}/v1/records?limit=1`)).json()) as { total: number }
    ).total
    expect(after).toBe(before)
    const skipped = await post('kind=practice&skipInvalid=true')
    expect(((await skipped.json()) as { written: number }).written).toBe(1)
  })
})

describe('CSV on the command line', () => {
  const env = () => ({ POLDER_HOME: empty.home, POLDER_API: new URL(empty.url).host })

  it('writes a template that imports (dry run), and refuses a bad file with every problem', async () => {
    const template = await runPolder(['template', 'practice'], { env: env() })
    expect(template.code).toBe(0)
    expect(template.stdout.split('\r\n')[0]).toContain('title_nl,title_en')
    const file = join(dir, 'template.csv')
    await writeFile(file, template.stdout)
    const dry = await runPolder(['import', file, '--kind', 'practice', '--dry-run'], { env: env() })
    expect(dry.stderr).toBe('')
    expect(dry.stdout).toContain('1 of 1 rows valid')

    const bad = join(dir, 'bad.csv')
    await writeFile(bad, 'title_nl,status,colour\r\nX,pilot,blue\r\n')
    const refused = await runPolder(['import', bad, '--kind', 'practice', '--lang', 'nl'], {
      env: env(),
    })
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('rij 1, kolom colour: onbekende kolom')
    expect(refused.stderr).toContain('niets geschreven')
  })

  it('exports CSV to stdout', async () => {
    const out = await runPolder(['export', '--csv', '--kind', 'practice'], {
      env: { POLDER_HOME: demo.home, POLDER_API: new URL(demo.url).host },
    })
    expect(out.code).toBe(0)
    expect(out.stdout.split('\r\n').filter((line) => line.startsWith('practice,'))).toHaveLength(17)
  })
})
