/**
 * Whole-node archives between two real node processes with their own homes: `polder
 * export` on one, `polder import-archive` on the other, the same records on both; a
 * changed archive refused naming its line and entry, with nothing written; the API's
 * token and media type.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as dagCbor from '@ipld/dag-cbor'
import { base58btc } from 'multiformats/bases/base58'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runPolder, startPolder, stopPolder } from './cli.js'

const LOOPBACK = {
  POLDER_API: '127.0.0.1:0',
  POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
  POLDER_PEERS: '0',
}

interface Node {
  child: ChildProcess
  url: string
  home: string
  token: string
}

let dir: string
let demo: Node
let empty: Node

async function start(name: string, args: string[] = []): Promise<Node> {
  const home = join(dir, name)
  const started = await startPolder({ POLDER_HOME: home, ...LOOPBACK }, 60_000, args)
  const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
  return { child: started.child, url: started.url, home, token }
}

const polder = (args: string[], node: Node) =>
  runPolder(args, {
    env: { POLDER_HOME: node.home, POLDER_API: new URL(node.url).host },
    timeoutMs: 60_000,
  })

type State = { id: string; author: string; version: number }

/** Every state (tombstones too) of an organisation on a node, by id. */
async function statesOf(node: Node, did: string): Promise<State[]> {
  const response = await fetch(`${node.url}/v1/records?author=${did}&retracted=true&limit=10000`)
  const { records } = (await response.json()) as { records: State[] }
  return records.sort((a, b) => a.id.localeCompare(b.id))
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-archive-'))
  ;[demo, empty] = await Promise.all([start('demo', ['--demo']), start('empty')])
}, 120_000)

afterAll(async () => {
  for (const node of [demo, empty]) if (node !== undefined) await stopPolder(node.child)
  await rm(dir, { recursive: true, force: true })
})

describe('whole-node archives between nodes', () => {
  let archive: string
  let lines: string[]

  it('exports every log the demo node holds with the CLI', async () => {
    // the node's own organisation publishes too, then edits and retracts
    const publish = await fetch(`${demo.url}/v1/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'practice',
        languages: ['nl'],
        status: 'pilot',
        title: { nl: 'Hittekaart' },
      }),
    })
    expect(publish.status).toBe(201)
    const { id } = (await publish.json()) as { id: string }
    const retract = await fetch(`${demo.url}/v1/records/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${demo.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: { nl: 'Dubbel' } }),
    })
    expect(retract.status).toBeLessThan(300)
    archive = join(dir, 'demo.jsonl')
    const exported = await polder(['export', archive], demo)
    expect(exported.code, exported.stderr).toBe(0)
    lines = (await readFile(archive, 'utf8')).trimEnd().split('\n')
    const header = JSON.parse(lines[0] as string) as { polder: string; node: string }
    expect(header.polder).toBe('archive')
    const end = JSON.parse(lines.at(-1) as string) as { logs: number; entries: number }
    // the node's own log and the twelve demo organisations'
    expect(end.logs).toBe(13)
    expect(end.entries).toBe(lines.filter((line) => line.includes('"type":"entry"')).length)
  })

  it('refuses a changed archive naming the line and entry, writing nothing', async () => {
    const index = lines.findIndex((line) => line.includes('"type":"entry"'))
    const value = JSON.parse(lines[index] as string) as { bytes: string }
    const entry = dagCbor.decode(Buffer.from(value.bytes, 'base64')) as { clock: { time: number } }
    entry.clock.time += 1
    const bytes = dagCbor.encode(entry)
    const hash = CID.create(1, dagCbor.code, await sha256.digest(bytes)).toString(base58btc)
    const changed = [...lines]
    changed[index] = JSON.stringify({
      ...value,
      hash,
      bytes: Buffer.from(bytes).toString('base64'),
    })
    const file = join(dir, 'changed.jsonl')
    await writeFile(file, `${changed.join('\n')}\n`)

    const refused = await polder(['import-archive', file], empty)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(`line ${index + 1}: entry ${hash}`)
    expect(refused.stderr).toMatch(/signature does not verify; nothing was imported/)
    const header = JSON.parse(lines[0] as string) as { node: string }
    expect(await statesOf(empty, header.node)).toEqual([])

    // the API says the same as an RFC 9457 problem, in Dutch and English, at the line
    const response = await fetch(`${empty.url}/v1/archive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${empty.token}`, 'content-type': 'application/x-ndjson' },
      body: await readFile(file),
    })
    expect(response.status).toBe(422)
    const problem = (await response.json()) as {
      type: string
      problems: { path: string; message: { nl: string; en: string } }[]
    }
    expect(problem.type).toMatch(/invalid-archive$/)
    expect(problem.problems[0]?.path).toBe(`/lines/${index + 1}`)
    expect(problem.problems[0]?.message.nl).toMatch(/is geweigerd: .*er is niets geïmporteerd/)
  })

  it('imports it on an empty node: every organisation’s records, versions and tombstones alike', async () => {
    const imported = await polder(['import-archive', archive, '--json'], empty)
    expect(imported.code, imported.stderr).toBe(0)
    const { logs } = JSON.parse(imported.stdout) as { logs: { did: string; entries: number }[] }
    expect(logs).toHaveLength(13)
    for (const { did } of logs) {
      const there = await statesOf(demo, did)
      expect(await statesOf(empty, did), did).toEqual(there)
    }
    expect(logs.reduce((sum, log) => sum + log.entries, 0)).toBeGreaterThan(12)
    // again: nothing new
    const again = await polder(['import-archive', archive, '--json'], empty)
    const second = JSON.parse(again.stdout) as { logs: { entries: number }[] }
    expect(second.logs.every((log) => log.entries === 0)).toBe(true)
  })

  it('needs the token to import, the archive’s media type, and a readable file', async () => {
    const anonymous = await fetch(`${empty.url}/v1/archive`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: await readFile(archive),
    })
    expect(anonymous.status).toBe(401)
    const wrongType = await fetch(`${empty.url}/v1/archive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${empty.token}`, 'content-type': 'text/plain' },
      body: 'x',
    })
    expect(wrongType.status).toBe(415)
    const missing = await polder(['import-archive', join(dir, 'nothing.jsonl')], empty)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/cannot read .*nothing\.jsonl/)
    const filters = await polder(['export', '--kind', 'practice'], demo)
    expect(filters.code).toBe(1)
    expect(filters.stderr).toMatch(/choose rows of --csv/)
  })
})
