/**
 * Starting where a node cannot: a home in use, a busy API or libp2p port; one line that
 * says what to change, exit 2, no stack trace (`--debug` shows it). And the way client
 * commands find a node started on another port: the address it wrote into its home.
 */

import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCK_FILE } from '../src/home-lock.js'
import { runPolder } from './cli.js'
import { type InProcessNode, startInProcess } from './in-process.js'

let dir: string
let home: string
let node: InProcessNode
/** Nothing of the test's own environment points the CLI anywhere. */
const env = { POLDER_API: undefined, POLDER_HOME: undefined, POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0' }

/** A TCP port held by this process while the test runs. */
async function busyPort(): Promise<{ port: number; server: Server }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { port: address.port, server }
}

const STACK = /\n\s+at /

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-start-errors-'))
  home = join(dir, 'home')
  node = await startInProcess(home)
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('polder start where it cannot run', () => {
  it('refuses a home in use by a running node in one line, exit 2', async () => {
    const second = await runPolder(['start', '--home', home, '--api', '127.0.0.1:0'], {
      env,
      timeoutMs: 60_000,
    })
    expect(second.code).toBe(2)
    expect(second.stderr).toBe(`polder: ${home} is in use by process ${process.pid}\n`)
    // the first node is untouched and still answers
    expect((await node.api.getStatus()).did).toBe(node.context.store.did)
  })

  it('shows the stack trace with --debug', async () => {
    const second = await runPolder(['start', '--home', home, '--debug'], {
      env,
      timeoutMs: 60_000,
    })
    expect(second.code).toBe(2)
    expect(second.stderr).toMatch(STACK)
    expect(second.stderr).toContain(`is in use by process ${process.pid}`)
  })

  it('names a busy API port and the option to change it', async () => {
    const { port, server } = await busyPort()
    try {
      const run = await runPolder(
        ['start', '--home', join(dir, 'api-busy'), '--api', `127.0.0.1:${port}`],
        { env, timeoutMs: 60_000 },
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`port ${port} of the HTTP API`)
      expect(run.stderr).toContain('--api')
      expect(run.stderr).not.toMatch(STACK)
      // the node that could not start left no lock behind
      await expect(readFile(join(dir, 'api-busy', LOCK_FILE))).rejects.toThrow(/ENOENT/)
    } finally {
      server.close()
    }
  })

  it('names a busy libp2p port and the option to change it', async () => {
    const { port, server } = await busyPort()
    try {
      const run = await runPolder(
        [
          'start',
          '--home',
          join(dir, 'p2p-busy'),
          '--api',
          '127.0.0.1:0',
          '--listen',
          `/ip4/127.0.0.1/tcp/${port}`,
        ],
        { env, timeoutMs: 60_000 },
      )
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(`/ip4/127.0.0.1/tcp/${port}`)
      expect(run.stderr).toContain('--listen')
      expect(run.stderr).not.toMatch(STACK)
    } finally {
      server.close()
    }
  })
})

describe('client commands find the node', () => {
  it('writes its actual API address into its home', async () => {
    const lock = JSON.parse(await readFile(join(home, LOCK_FILE), 'utf8')) as unknown
    expect(lock).toEqual({ pid: process.pid, api: node.url })
  })

  it('finds a node started on another port through --home', async () => {
    const status = await runPolder(['status', '--home', home, '--json'], { env })
    expect(status.code, status.stderr).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject({ did: node.context.store.did })
  })

  it('talks to the node at --api, whatever the home', async () => {
    const api = node.url.replace('http://', '')
    const status = await runPolder(['status', '--home', join(dir, 'nowhere'), '--api', api], {
      env,
    })
    expect(status.code, status.stderr).toBe(0)
    expect(status.stdout).toContain(node.context.store.did)
    const none = await runPolder(['orgs', '--home', home, '--api', '127.0.0.1:9'], { env })
    expect(none.code).toBe(1)
    expect(none.stderr).toBe(
      'polder: no node running at http://127.0.0.1:9: start one with `polder start`\n',
    )
  })
})
