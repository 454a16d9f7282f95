/**
 * `polder doctor` (the real bin) against a node running in this process, and against a
 * data directory whose node is stopped. Each finding a test provokes is provoked for
 * real: a key file made readable by others, the API address beyond loopback, a port
 * held by another server, the key's refusal of writes.
 */
import { execFile } from 'node:child_process'
import { chmod, mkdtemp, rm, statfs } from 'node:fs/promises'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ApiError } from '@polder/api'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../src/doctor-local.js'
import { runPolder } from './cli.js'
import { type InProcessNode, startInProcess } from './in-process.js'

const run = promisify(execFile)

let dir: string
let home: string
let node: InProcessNode
let env: NodeJS.ProcessEnv

interface Report {
  readonly ok: boolean
  readonly findings: Finding[]
}

async function doctor(extra: NodeJS.ProcessEnv = {}, home_ = home) {
  const result = await runPolder(['doctor', '--json'], {
    env: { ...env, POLDER_HOME: home_, ...extra },
  })
  const report = JSON.parse(result.stdout) as Report
  const of = (check: string) => report.findings.find((f) => f.check === check)
  return { code: result.code, report, of }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-doctor-'))
  home = join(dir, 'home')
  node = await startInProcess(home)
  env = { POLDER_API: node.url.replace('http://', '') }
}, 60_000)

afterAll(async () => {
  await node?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('polder doctor', () => {
  it('passes a sound node, naming what it found for each check', async () => {
    const { code, report, of } = await doctor()
    expect(code).toBe(0)
    expect(report.ok).toBe(true)
    expect(report.findings.map((f) => f.check)).toEqual([
      'node-version',
      'key-file',
      'api-token',
      'disk',
      'api-address',
      'node',
      'reachability',
      'peers',
      'clock',
      'key-in-use',
    ])
    expect(of('node-version')?.finding).toBe(`Node.js ${process.versions.node}`)
    expect(of('key-file')?.verdict).toBe('ok')
    // the free space as the file system reports it (others write to this disk meanwhile)
    const fs = await statfs(home)
    const reported = Number(/^(\d+) MiB free/.exec(of('disk')?.finding ?? '')?.[1])
    expect(Math.abs(reported - (fs.bavail * fs.bsize) / 2 ** 20)).toBeLessThan(1024)
    // on loopback only, AutoNAT can confirm no address and there is no relay
    expect(of('reachability')).toMatchObject({ verdict: 'warn' })
    expect(of('reachability')?.finding).toMatch(/^private/)
    expect(of('peers')).toMatchObject({ verdict: 'warn', finding: 'no peer connected' })
    expect(of('clock')?.verdict).toBe('skip')
    expect(of('key-in-use')?.verdict).toBe('ok')
    const metrics = await (await fetch(`${node.url}/metrics`)).text()
    expect(metrics).toMatch(/^polder_writes_refused 0$/m)
  })

  it('says why a lone node has no peer: its bootstrap redials and their errors', async () => {
    // a bootstrap peer at a port nobody listens on: every dial is refused
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen({ host: '127.0.0.1', port: 0 }, resolve))
    const { port } = closed.address() as { port: number }
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const peer = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    const lone = await startInProcess(join(dir, 'lone'), {
      POLDER_BOOTSTRAP: `/ip4/127.0.0.1/tcp/${port}/p2p/${peer}`,
    })
    try {
      // its first redial comes 5 s after the start
      const deadline = Date.now() + 30_000
      while ((await lone.api.getStatus()).network.bootstrapRedials === undefined) {
        if (Date.now() > deadline) throw new Error('no bootstrap redial within 30 s')
        await new Promise((resolve) => setTimeout(resolve, 500))
      }
      const { of } = await doctor(
        { POLDER_API: lone.url.replace('http://', '') },
        join(dir, 'lone'),
      )
      expect(of('peers')?.verdict).toBe('warn')
      expect(of('peers')?.finding).toMatch(
        /^no peer connected: the bootstrap peers were dialled again \d+ time\(s\), failing with \w+ x\d+; the last: .*ECONNREFUSED/,
      )
      expect(of('peers')?.action).toContain('POLDER_BOOTSTRAP')
    } finally {
      await lone.close()
    }
  }, 60_000)

  it('fails a key file readable by others, and says to chmod it', async () => {
    const key = join(home, 'identity.key')
    await chmod(key, 0o644)
    try {
      const { code, report, of } = await doctor()
      expect(code).toBe(1)
      expect(report.ok).toBe(false)
      expect(of('key-file')).toEqual({
        check: 'key-file',
        verdict: 'fail',
        finding: `${key} is readable by others (mode 644)`,
        action: `chmod 600 ${key}`,
      })
      const human = await runPolder(['doctor'], { env: { ...env, POLDER_HOME: home } })
      expect(human.code).toBe(1)
      expect(human.stdout).toMatch(/FAIL {2}key-file .*mode 644\)\n +-> chmod 600 /)
    } finally {
      await chmod(key, 0o600)
    }
  })

  it('warns of an API beyond loopback without TLS, not with an https public URL', async () => {
    // the node listens on 127.0.0.1; 0.0.0.0 with its port still reaches it here
    const everywhere = { POLDER_API: env.POLDER_API?.replace('127.0.0.1', '0.0.0.0') }
    const open = await doctor(everywhere)
    expect(open.code).toBe(0)
    expect(open.of('api-address')?.verdict).toBe('warn')
    expect(open.of('api-address')?.action).toContain('TLS reverse proxy')
    const proxied = await doctor({ ...everywhere, POLDER_PUBLIC_URL: 'https://polder.example.nl' })
    expect(proxied.of('api-address')?.verdict).toBe('ok')
  })

  it('fails while writes are refused because the key is in use elsewhere; publish answers 423', async () => {
    node.context.store.refuseWrites('a message signed with this key that this node did not send')
    const failure = await node.api
      .publishRecords({
        body: { kind: 'practice', languages: ['en'], title: { en: 'x' }, status: 'pilot' },
      })
      .catch((err: unknown) => err)
    expect(failure).toBeInstanceOf(ApiError)
    const problem = (failure as ApiError).problem
    expect((failure as ApiError).status).toBe(423)
    expect(problem?.type).toBe('urn:polder:problem:key-in-use-elsewhere')
    expect(JSON.stringify(problem)).toContain('de sleutel van deze organisatie')
    expect(node.context.store.count()).toBe(0)
    const status = await node.api.getStatus()
    expect(status.keyConflict?.evidence).toContain('did not send')
    const metrics = await (await fetch(`${node.url}/metrics`)).text()
    expect(metrics).toMatch(/^polder_writes_refused 1$/m)
    const { code, of } = await doctor()
    expect(code).toBe(1)
    expect(of('key-in-use')?.verdict).toBe('fail')
    expect(of('key-in-use')?.action).toContain('stop the other machine')
  })
})

/** Whether this process may mount a small tmpfs (root, as in CI); else that test is skipped. */
async function canMount(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false
  const probe = await mkdtemp(join(tmpdir(), 'polder-mount-'))
  try {
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe])
    await run('umount', [probe])
    return true
  } catch {
    return false
  } finally {
    await rm(probe, { recursive: true, force: true })
  }
}
const mountable = await canMount()
if (!mountable && process.env.CI === 'true')
  throw new Error('CI runs as root and must be able to mount a tmpfs for the disk check')

describe.skipIf(!mountable)(
  'polder doctor on a small disk (skipped unless root: mounts a tmpfs)',
  () => {
    let disk: string
    beforeAll(async () => {
      disk = await mkdtemp(join(tmpdir(), 'polder-small-disk-'))
      await run('mount', ['-t', 'tmpfs', '-o', 'size=64m,mode=0700', 'tmpfs', disk])
    })
    afterAll(async () => {
      await run('umount', [disk]).catch(() => undefined)
      await rm(disk, { recursive: true, force: true })
    })

    it('fails a data directory on a disk with less than 256 MiB free', async () => {
      const small = join(disk, 'home')
      expect((await runPolder(['init', '--home', small])).code).toBe(0)
      const { code, of } = await doctor({ POLDER_API: '127.0.0.1:9' }, small)
      expect(code).toBe(1)
      expect(of('disk')?.verdict).toBe('fail')
      expect(of('disk')?.finding).toMatch(/^6\d MiB free on the disk of /)
      expect(of('disk')?.action).toContain('free space')
    })
  },
)

describe('polder doctor with the node stopped', () => {
  let server: Server
  let port: number
  // a home of its own: the running node's lock would name where that node answers
  let stopped: string
  beforeAll(async () => {
    stopped = join(dir, 'stopped')
    expect((await runPolder(['init', '--home', stopped])).code).toBe(0)
    server = createServer()
    await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve))
    port = (server.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('says the node does not answer and fails a port another program holds', async () => {
    const { code, of } = await doctor(
      { POLDER_API: '127.0.0.1:9', POLDER_LISTEN: `/ip4/127.0.0.1/tcp/${port}` },
      stopped,
    )
    expect(code).toBe(1)
    expect(of('node')?.verdict).toBe('warn')
    expect(of('node')?.finding).toContain('no node answers at http://127.0.0.1:9')
    expect(of('ports')).toMatchObject({
      verdict: 'fail',
      finding: `in use by another program: 127.0.0.1:${port} (POLDER_LISTEN)`,
    })
    expect(of('reachability')).toBeUndefined()
  })

  it('fails a data directory without a key, and a short token', async () => {
    const empty = join(dir, 'empty')
    const { mkdir, writeFile } = await import('node:fs/promises')
    await mkdir(empty, { mode: 0o700 })
    await writeFile(join(empty, 'api-token'), 'short\n', { mode: 0o600 })
    const { code, of } = await doctor({ POLDER_API: '127.0.0.1:9' }, empty)
    expect(code).toBe(1)
    expect(of('key-file')).toMatchObject({ verdict: 'fail' })
    expect(of('key-file')?.action).toContain('polder init')
    expect(of('api-token')).toMatchObject({ verdict: 'fail' })
    expect(of('api-token')?.finding).toContain('5 characters')
  })
})
