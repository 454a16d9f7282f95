import { spawn } from 'node:child_process'
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildConfig, ConfigError, parseHostPort } from '../src/config.js'
import { BIN, runPolder, startPolder, stopPolder } from './cli.js'

/** Loopback only, ports chosen by the OS. */
const LOOPBACK = {
  POLDER_API: '127.0.0.1:0',
  POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
  POLDER_CHECK_RESPONSES: 'true',
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-node-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const practice = {
  kind: 'practice',
  id: '01JD0000000000000000000000',
  schemaVersion: 1,
  author: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  created: '2024-11-20T10:00:00Z',
  updated: '2024-11-20T10:00:00Z',
  version: 1,
  languages: ['nl', 'en'],
  title: { nl: 'Hittekaart', en: 'Heat map' },
  status: 'pilot',
}

/** Status of a POST that declares `length` bytes of body but sends only its start. */
function statusOfDeclaredBody(url: string, length: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': length },
    })
    const timer = setTimeout(() => req.destroy(new Error('no answer in time')), 10_000)
    req.on('response', (res) => {
      clearTimeout(timer)
      resolve(res.statusCode)
      req.destroy()
    })
    req.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    req.write('{"kind":')
  })
}

describe('polder start', () => {
  it('starts with zero configuration on an empty directory, serves the API and stops on SIGTERM', async () => {
    const home = join(dir, 'home')
    const node = await startPolder({ POLDER_HOME: home, ...LOOPBACK })
    try {
      expect(node.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      const health = await fetch(`${node.url}/health`)
      expect(await health.json()).toMatchObject({ status: 'ok' })
      expect((await stat(home)).isDirectory()).toBe(true)

      const schema = (await (await fetch(`${node.url}/v1/schema/practice`)).json()) as Record<
        string,
        unknown
      >
      expect(schema.title).toBe('Polder practice record')
      expect((await fetch(`${node.url}/v1/schema/event`)).status).toBe(404)

      const context = (await (await fetch(`${node.url}/v1/context.jsonld`)).json()) as {
        '@context': Record<string, unknown>
      }
      expect(context['@context'].title).toEqual({ '@id': 'schema:name', '@container': '@language' })

      const ok = await fetch(`${node.url}/v1/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(practice),
      })
      expect(ok.status).toBe(200)

      const bad = await fetch(`${node.url}/v1/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...practice,
          status: 'running',
          places: [{ name: 'x', country: 'NL', municipality: 'X' }],
        }),
      })
      expect(bad.status).toBe(422)
      expect(bad.headers.get('content-type')).toContain('application/problem+json')
      const body = (await bad.json()) as { problems: { path: string; message: { nl: string } }[] }
      expect(body.problems.map((p) => p.path)).toEqual(['/places/0/municipality', '/status'])
      expect(body.problems[0]?.message.nl).toContain('CBS-gemeentecode')

      const malformed = await fetch(`${node.url}/v1/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"kind": "practice",',
      })
      expect(malformed.status).toBe(400)
      expect(((await malformed.json()) as { status: number }).status).toBe(400)

      const large = await fetch(`${node.url}/v1/validate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...practice,
          body: { nl: 'x'.repeat(90_000), en: 'y'.repeat(90_000), de: 'z'.repeat(90_000) },
        }),
      })
      expect(large.status).toBe(422)
      expect(((await large.json()) as { problems: { code: string }[] }).problems[0]?.code).toBe(
        'too_large',
      )

      // the node answers an oversized body from its declared length, without reading it
      expect(await statusOfDeclaredBody(`${node.url}/v1/validate`, 17_000_000)).toBe(413)
    } finally {
      expect(await stopPolder(node.child)).toBe(0)
    }
  })

  it('refuses a bad API address with a clear message', async () => {
    const result = await runPolder(['start'], {
      env: { POLDER_HOME: join(dir, 'x'), POLDER_API: 'localhost' },
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('POLDER_API must be host:port')
  })
})

describe('runtime guard', () => {
  it('refuses to run on Node.js older than 26, saying how to run it', async () => {
    // pretend to be Node 24 before the bin runs: the guard must not depend on the real version
    const pretend = `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'24.21.0'})`
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', pretend, BIN, 'start'], {
        env: { ...process.env, POLDER_HOME: join(dir, 'old'), ...LOOPBACK },
      })
      let stderr = ''
      child.stderr.on('data', (chunk) => (stderr += chunk))
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.on('error', reject)
      child.on('close', (code) => {
        clearTimeout(timer)
        resolve({ code, stderr })
      })
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('polder needs Node.js 26 or newer')
  })
})

describe('polder validate', () => {
  it('says which records are valid and where the others are wrong, in Dutch or English', async () => {
    const good = join(dir, 'good.json')
    const bad = join(dir, 'bad.json')
    await writeFile(
      good,
      JSON.stringify([practice, { ...practice, kind: 'initiative', status: undefined }]),
    )
    await writeFile(
      bad,
      JSON.stringify({ ...practice, budget: { amount: '12,50', currency: 'EUR' } }),
    )

    const valid = await runPolder(['validate', good])
    expect(valid.code).toBe(0)
    expect(valid.stdout).toMatch(/good\.json\[0\]: valid practice/)
    expect(valid.stdout).toMatch(/good\.json\[1\]: valid initiative/)

    const invalid = await runPolder(['validate', '--lang', 'nl', good, bad])
    expect(invalid.code).toBe(1)
    expect(invalid.stdout).toContain('bad.json: /budget/amount: geen bedrag')

    const missing = await runPolder(['validate', join(dir, 'nope.json')])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('ENOENT')
  })

  it('validates every fixture shipped with the schema package', async () => {
    const fixtures = new URL('../../packages/schema/fixtures/records/', import.meta.url)
    const files = (await readdir(fixtures)).map((file) => join(fixtures.pathname, file))
    expect(files.length).toBeGreaterThan(5)
    const result = await runPolder(['validate', ...files])
    expect(result.stdout).not.toContain(': /')
    expect(result.code).toBe(0)
  })
})

describe('configuration', () => {
  it('takes flags over environment over the config file over defaults', () => {
    const file = { POLDER_API: '127.0.0.1:9000', POLDER_COLLECTIVE: 'brabant' }
    const env = { POLDER_API: '127.0.0.1:9001', POLDER_MDNS: 'true' }
    const flags = { POLDER_API: '0.0.0.0:8000' }
    const config = buildConfig('/srv/polder', file, env, flags)
    expect(config.home).toBe('/srv/polder')
    expect(config.api).toEqual({ host: '0.0.0.0', port: 8000 })
    expect(config.collective).toBe('brabant')
    expect(config.mdns).toBe(true)
    const defaults = buildConfig('.polder')
    expect(defaults.api).toEqual({ host: '127.0.0.1', port: 7878 })
    expect(defaults.collective).toBe('nl-smart-city')
    expect(defaults.mdns).toBe(false)
    expect(defaults.bootstrap).toEqual([])
    expect(defaults.trust).toBe('web-of-trust')
    expect(defaults.trustVouches).toBe(2)
    expect(defaults.syncIntervalMs).toBe(30_000)
    expect(defaults.targetPeers).toBe(8)
    expect(defaults.dropHeadsMessages).toBe(0)
  })

  it.each([
    [{ POLDER_COLLECTIVE: 'Smart City!' }, /POLDER_COLLECTIVE/],
    [{ POLDER_MDNS: 'maybe' }, /POLDER_MDNS must be true or false/],
    [{ POLDER_LISTEN: 'tcp://0.0.0.0:4011' }, /POLDER_LISTEN/],
    [{ POLDER_BOOTSTRAP: '/ip4/127.0.0.1/tcp/4011' }, /no \/p2p/],
    [{ POLDER_LOG_LEVEL: 'loud' }, /POLDER_LOG_LEVEL/],
    [{ POLDER_TRUST: 'everyone' }, /POLDER_TRUST must be one of open, web-of-trust, allowlist/],
    [{ POLDER_TRUST_VOUCHES: '0' }, /POLDER_TRUST_VOUCHES must be a number from 1/],
    [{ POLDER_SYNC_INTERVAL: 'often' }, /POLDER_SYNC_INTERVAL must be a number/],
    [{ POLDER_PEERS: '-1' }, /POLDER_PEERS/],
    [{ POLDER_DENY_PEERS: 'mallory' }, /POLDER_DENY_PEERS: "mallory" is not a peer id/],
    [{ POLDER_FAULT_DROP_HEADS: '2' }, /POLDER_FAULT_DROP_HEADS must be a number from 0 to 1/],
  ])('refuses %j with a message naming the option', (raw, message) => {
    expect(() => buildConfig('.polder', raw)).toThrow(message)
  })

  it.each(['7878', 'host:', 'host:99999', ':80', 'a:b:c'])('refuses the address %s', (value) => {
    expect(() => parseHostPort(value, 'POLDER_API')).toThrow(ConfigError)
  })

  it('reads IPv6 addresses in brackets', () => {
    expect(parseHostPort('[::1]:7878', 'x')).toEqual({ host: '::1', port: 7878 })
  })
})
