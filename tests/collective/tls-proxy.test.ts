/**
 * The TLS reverse proxy of docs/operations.md, for real: Caddy (Debian's `caddy`, which
 * .ci/run installs) with its own local CA in front of a node on 127.0.0.1; reads, a write
 * with the token and the viewer's live events go through https. Skipped with a hint where
 * Caddy is not installed; in CI it must be.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:https'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)

const caddy = await run('caddy', ['version']).then(
  () => true,
  () => false,
)
if (!caddy && process.env.CI === 'true')
  throw new Error('caddy is missing in CI: .ci/run installs it (apt-get install caddy)')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

interface Answer {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** An https request trusting only Caddy's local CA. */
function https(
  url: string,
  ca: string,
  init: {
    method?: string
    headers?: Record<string, string>
    body?: string
    firstChunk?: boolean
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
        // an event stream does not end: its first event is enough
        if (init.firstChunk === true) {
          res.destroy()
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
        }
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      res.on('error', reject)
    })
    req.setTimeout(15_000, () => req.destroy(new Error(`${url} timed out`)))
    req.on('error', reject)
    req.end(init.body)
  })
}

describe.skipIf(!caddy)(
  'the API behind Caddy with TLS (skipped without caddy: apt-get install caddy)',
  () => {
    let dir: string
    let network: TestNetwork
    let node: TestNode
    let proxy: ChildProcess
    let base: string
    let ca: string
    let output = ''

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'polder-caddy-'))
      network = await TestNetwork.create({ nodes: 1 })
      node = network.nodes[0] as TestNode
      const [httpsPort, httpPort] = [await freePort(), await freePort()]
      base = `https://localhost:${httpsPort}`
      // deploy/Caddyfile's site, on a free port, with Caddy's local CA instead of Let's Encrypt
      await writeFile(
        join(dir, 'Caddyfile'),
        [
          '{',
          '\tadmin off',
          '\tskip_install_trust',
          `\thttp_port ${httpPort}`,
          `\thttps_port ${httpsPort}`,
          `\tstorage file_system ${join(dir, 'data')}`,
          '}',
          `localhost:${httpsPort} {`,
          '\ttls internal',
          '\tencode zstd gzip',
          `\treverse_proxy ${new URL(node.url).host}`,
          '}',
          '',
        ].join('\n'),
      )
      proxy = spawn(
        'caddy',
        ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'],
        {
          env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      )
      proxy.stderr?.on('data', (chunk) => (output += chunk))
      const root = join(dir, 'data', 'pki', 'authorities', 'local', 'root.crt')
      await waitFor(
        async () => {
          ca = await readFile(root, 'utf8').catch(() => '')
          if (ca === '') return false
          return (await https(`${base}/health`, ca).catch(() => undefined))?.status === 200
        },
        { what: `Caddy serving ${base}\n${output}`, timeoutMs: 30_000 },
      )
    }, 90_000)

    afterAll(async () => {
      proxy?.kill('SIGTERM')
      await network?.[Symbol.asyncDispose]()
      await rm(dir, { recursive: true, force: true })
    })

    it('serves the status over https, trusted through the proxy’s CA only', async () => {
      const answer = await https(`${base}/v1/status`, ca)
      expect(answer.status).toBe(200)
      expect((JSON.parse(answer.body) as { did: string }).did).toBe(node.did)
      // without that CA the certificate is refused: it is TLS, not plain http
      await expect(https(`${base}/v1/status`, '')).rejects.toThrow(/certificate/)
    })

    it('passes the token: a write through the proxy is kept; without it, 401', async () => {
      const record = {
        kind: 'practice',
        languages: ['en'],
        title: { en: 'Published through the TLS proxy' },
        status: 'pilot',
      }
      const headers = { 'content-type': 'application/json' }
      const refused = await https(`${base}/v1/records`, ca, {
        method: 'POST',
        headers,
        body: JSON.stringify(record),
      })
      expect(refused.status).toBe(401)
      const kept = await https(`${base}/v1/records`, ca, {
        method: 'POST',
        headers: { ...headers, authorization: `Bearer ${node.token}` },
        body: JSON.stringify(record),
      })
      expect(kept.status).toBe(201)
      expect(await node.count(node.did)).toBe(1)
    })

    it('streams live events through the proxy', async () => {
      const answer = await https(`${base}/v1/events`, ca, {
        headers: { accept: 'text/event-stream' },
        firstChunk: true,
      })
      expect(answer.status).toBe(200)
      expect(answer.headers['content-type']).toContain('text/event-stream')
    })
  },
)
