/** The search index across restarts and crashes of a node process. */
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { searchAnswerSchema } from '@polder/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exited, startPolder, stopPolder } from './cli.js'

const LOOPBACK = {
  POLDER_API: '127.0.0.1:0',
  POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
  POLDER_PEERS: '0',
  POLDER_CHECK_RESPONSES: 'true',
}

let dir: string
let home: string
let node: { child: ChildProcess; url: string; output: () => string }

const start = async () => {
  node = await startPolder({ POLDER_HOME: home, ...LOOPBACK }, 30_000, ['--demo'])
}

const search = async (query: string) => {
  const response = await fetch(`${node.url}/v1/search?${query}`)
  expect(response.status, await response.clone().text()).toBe(200)
  return searchAnswerSchema.parse(await response.json())
}

/** Polls until the index is ready, at most 10 s; it rebuilds in the background. */
async function ready() {
  const deadline = Date.now() + 10_000
  for (;;) {
    const result = await search('q=hittestress')
    if (result.index.state === 'ready' || Date.now() > deadline) return result
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-search-restarts-'))
  home = join(dir, 'home')
  await start()
  await ready()
}, 60_000)

afterAll(async () => {
  if (node !== undefined) await stopPolder(node.child)
  await rm(dir, { recursive: true, force: true })
})

describe('the index across restarts', () => {
  it('reopens without a rebuild after a clean stop, and rebuilds after a crash', async () => {
    const before = await search('q=koele%20routes&limit=100')
    expect(before.total).toBeGreaterThan(0)

    expect(await stopPolder(node.child)).toBe(0)
    await start()
    expect(node.output()).not.toContain('rebuilding the search index')
    const clean = await search('q=koele%20routes&limit=100')
    expect(clean.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id))

    node.child.kill('SIGKILL')
    await exited(node.child)
    await start()
    const rebuilt = await ready()
    expect(node.output()).toContain('rebuilding the search index')
    const again = await search('q=koele%20routes&limit=100')
    expect(rebuilt.index.state).toBe('ready')
    expect(again.hits.map((h) => h.id)).toEqual(before.hits.map((h) => h.id))

    await stopPolder(node.child)
    await rm(join(home, 'search.sqlite'), { force: true })
    await start()
    await ready()
    expect((await search('q=koele%20routes&limit=100')).total).toBe(before.total)
  }, 90_000)
})
