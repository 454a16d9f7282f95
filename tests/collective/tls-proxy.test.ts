/**
 * The TLS reverse proxies of docs/operations.md, for real, in front of a node on 127.0.0.1:
 * Caddy (deploy/Caddyfile's site, with Caddy's local CA) and nginx (deploy/nginx.conf as it
 * is, with a test certificate and free ports). Through each: reads, a write with the token,
 * an upload larger than a proxy's default body limit, live events as they happen, and a
 * second node that reaches the first over libp2p's secure WebSocket (wss) and replicates
 * it. Skipped with a hint where a proxy is not installed; in CI both must be (.ci/run).
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:https'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const installed = async (command: string, args: string[]) =>
  run(command, args).then(
    () => true,
    () => false,
  )

const DEPLOY = join(import.meta.dirname, '..', '..', 'deploy')

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

/** An https request trusting only the proxy's CA. */
function https(
  url: string,
  ca: string,
  init: {
    method?: string
    headers?: Record<string, string>
    body?: string | Buffer
    /** For a stream that does not end: answer once the body contains this. */
    until?: string
    /** Called once the answer's first bytes are in. */
    onFirstChunk?: () => void
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, ca }, (res) => {
      let body = ''
      let first = true
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
        if (first) {
          first = false
          init.onFirstChunk?.()
        }
        if (init.until !== undefined && body.includes(init.until)) {
          res.destroy()
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
        }
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      res.on('error', reject)
    })
    req.setTimeout(20_000, () => req.destroy(new Error(`${url} timed out`)))
    req.on('error', reject)
    req.end(init.body)
  })
}

/** A proxy running in front of the node's API and its WebSocket listener. */
interface RunningProxy {
  /** The API's https origin. */
  readonly base: string
  /** The port of the wss site in front of the node's WebSocket listener. */
  readonly wssPort: number
  /** The PEM file of the CA that signed the proxy's certificates. */
  readonly caFile: string
  readonly process: ChildProcess
}

interface Proxy {
  readonly name: string
  readonly installed: boolean
  readonly hint: string
  start(dir: string, api: string, ws: string, log: (chunk: string) => void): Promise<RunningProxy>
}

const caddy: Proxy = {
  name: 'Caddy',
  installed: await installed('caddy', ['version']),
  hint: 'apt-get install caddy',
  async start(dir, api, ws, log) {
    const [httpsPort, httpPort, wssPort] = [await freePort(), await freePort(), await freePort()]
    // deploy/Caddyfile's site, on free ports, with Caddy's local CA instead of Let's Encrypt
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
        `\treverse_proxy ${api}`,
        '}',
        // docs/operations.md's wss site
        `localhost:${wssPort} {`,
        '\ttls internal',
        `\treverse_proxy ${ws}`,
        '}',
        '',
      ].join('\n'),
    )
    const child = spawn(
      'caddy',
      ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'],
      {
        env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    child.stderr?.on('data', (chunk) => log(String(chunk)))
    return {
      base: `https://localhost:${httpsPort}`,
      wssPort,
      caFile: join(dir, 'data', 'pki', 'authorities', 'local', 'root.crt'),
      process: child,
    }
  },
}

/** Replaces `from` in `text` exactly `count` times, so a changed deploy file fails loudly. */
function replaceExactly(text: string, from: string, to: string, count: number): string {
  const parts = text.split(from)
  if (parts.length - 1 !== count)
    throw new Error(`deploy/nginx.conf: expected ${count}× "${from}", found ${parts.length - 1}`)
  return parts.join(to)
}

const nginx: Proxy = {
  name: 'nginx',
  installed: await installed('nginx', ['-v']),
  hint: 'apt-get install nginx',
  async start(dir, api, ws, log) {
    const [httpsPort, wssPort] = [await freePort(), await freePort()]
    const cert = join(dir, 'cert.pem')
    const key = join(dir, 'key.pem')
    // one self-signed certificate for localhost serves as its own CA
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
    ])
    // deploy/nginx.conf as shipped: only the ports, certificates and the node's addresses differ
    let site = await readFile(join(DEPLOY, 'nginx.conf'), 'utf8')
    if (site.split('listen 443 ssl;').length !== 3)
      throw new Error('deploy/nginx.conf: expected two servers listening on 443')
    site = site.replace('listen 443 ssl;', `listen 127.0.0.1:${httpsPort} ssl;`)
    site = site.replace('listen 443 ssl;', `listen 127.0.0.1:${wssPort} ssl;`)
    for (const name of ['polder.example.nl', 'relay.example.nl']) {
      site = replaceExactly(site, `/etc/letsencrypt/live/${name}/fullchain.pem`, cert, 1)
      site = replaceExactly(site, `/etc/letsencrypt/live/${name}/privkey.pem`, key, 1)
    }
    site = replaceExactly(site, 'http://127.0.0.1:7878', `http://${api}`, 2)
    site = replaceExactly(site, 'http://127.0.0.1:4012', `http://${ws}`, 1)
    await writeFile(join(dir, 'polder.conf'), site)
    const temp = ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    await Promise.all(temp.map((name) => mkdir(join(dir, name))))
    await writeFile(
      join(dir, 'nginx.conf'),
      [
        // as root nginx's workers would run as nobody, who may not read this directory
        process.getuid?.() === 0 ? 'user root;' : '',
        'worker_processes 1;',
        `pid ${join(dir, 'nginx.pid')};`,
        'error_log stderr notice;',
        'events {}',
        'http {',
        '    access_log off;',
        ...temp.map(
          (name) => `    ${name === 'body' ? 'client_body' : name}_temp_path ${join(dir, name)};`,
        ),
        `    include ${join(dir, 'polder.conf')};`,
        '}',
        '',
      ].join('\n'),
    )
    const child = spawn(
      'nginx',
      ['-p', dir, '-e', 'stderr', '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    child.stderr?.on('data', (chunk) => log(String(chunk)))
    return { base: `https://localhost:${httpsPort}`, wssPort, caFile: cert, process: child }
  },
}

const missing = [caddy, nginx].filter((proxy) => !proxy.installed)
if (missing.length > 0 && process.env.CI === 'true')
  throw new Error(
    `${missing.map((proxy) => proxy.name).join(' and ')} missing in CI: .ci/run installs them`,
  )

const practice = (title: string) => ({
  kind: 'practice',
  languages: ['en'],
  title: { en: title },
  status: 'pilot',
})

describe.each([caddy, nginx])('the API behind $name with TLS', (proxy) => {
  describe.skipIf(!proxy.installed)(
    proxy.installed ? 'installed' : `skipped: not installed (${proxy.hint})`,
    () => {
      let dir: string
      let network: TestNetwork
      let remote: TestNetwork | undefined
      let node: TestNode
      let running: RunningProxy
      let ca: string
      let output = ''

      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), `polder-${proxy.name.toLowerCase()}-`))
        const wsPort = await freePort()
        network = await TestNetwork.create({
          nodes: 1,
          node: {
            env: { POLDER_LISTEN: `/ip4/127.0.0.1/tcp/0,/ip4/127.0.0.1/tcp/${wsPort}/ws` },
          },
        })
        node = network.nodes[0] as TestNode
        running = await proxy.start(dir, new URL(node.url).host, `127.0.0.1:${wsPort}`, (chunk) => {
          output += chunk
        })
        running.process.on('error', (err) => (output += `${err}\n`))
        running.process.on('exit', (code) => (output += `${proxy.name} exited: ${code}\n`))
        await waitFor(
          async () => {
            ca = await readFile(running.caFile, 'utf8').catch(() => '')
            if (ca === '') return false
            return (
              (await https(`${running.base}/health`, ca).catch(() => undefined))?.status === 200
            )
          },
          { what: `${proxy.name} serving ${running.base}`, timeoutMs: 30_000 },
        ).catch((err: Error) => {
          throw new Error(`${err.message}\n${proxy.name} said:\n${output}`)
        })
      }, 90_000)

      afterAll(async () => {
        running?.process.kill('SIGTERM')
        await remote?.[Symbol.asyncDispose]()
        await network?.[Symbol.asyncDispose]()
        await rm(dir, { recursive: true, force: true })
      })

      it('serves the status over https, trusted through the proxy’s CA only', async () => {
        const answer = await https(`${running.base}/v1/status`, ca)
        expect(answer.status).toBe(200)
        expect((JSON.parse(answer.body) as { did: string }).did).toBe(node.did)
        // without that CA the certificate is refused: it is TLS, not plain http
        await expect(https(`${running.base}/v1/status`, '')).rejects.toThrow(/certificate/)
      })

      it('passes the token: a write through the proxy is kept; without it, 401', async () => {
        const headers = { 'content-type': 'application/json' }
        const body = JSON.stringify(practice('Published through the TLS proxy'))
        const refused = await https(`${running.base}/v1/records`, ca, {
          method: 'POST',
          headers,
          body,
        })
        expect(refused.status).toBe(401)
        const kept = await https(`${running.base}/v1/records`, ca, {
          method: 'POST',
          headers: { ...headers, authorization: `Bearer ${node.token}` },
          body,
        })
        expect(kept.status).toBe(201)
        expect(await node.count(node.did)).toBe(1)
      })

      it('takes an upload larger than a proxy’s default body limit (nginx: 1 MB)', async () => {
        const file = randomBytes(3 * 1024 * 1024)
        const answer = await https(`${running.base}/v1/attachments?name=survey.bin`, ca, {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            authorization: `Bearer ${node.token}`,
          },
          body: file,
        })
        expect(answer.status, answer.body).toBe(201)
        expect((JSON.parse(answer.body) as { size: number }).size).toBe(file.length)
      })

      it('streams a live event through the proxy as it happens', async () => {
        const title = `Seen live through ${proxy.name}`
        const answer = await https(`${running.base}/v1/events`, ca, {
          headers: { accept: 'text/event-stream' },
          until: title,
          // publish only once the stream is open, so the event can only come live
          onFirstChunk: () => void node.publish([practice(title)]),
        })
        expect(answer.status).toBe(200)
        expect(answer.headers['content-type']).toContain('text/event-stream')
        expect(answer.body).toContain(title)
      })

      it('carries libp2p over wss: a node that trusts the proxy’s CA replicates through it', async () => {
        remote = await TestNetwork.create({
          nodes: 1,
          node: { env: { NODE_EXTRA_CA_CERTS: running.caFile } },
        })
        const follower = remote.nodes[0] as TestNode
        const address = `/dns4/localhost/tcp/${running.wssPort}/wss/p2p/${node.peerId}`
        await follower.client.connectPeer({ body: { address } })
        const { peers } = await follower.client.listPeers()
        expect(peers.find((peer) => peer.peerId === node.peerId)?.address).toContain('/wss')
        await follower.follow(node)
        const total = await node.count(node.did)
        await waitFor(async () => (await follower.count(node.did)) === total, {
          what: `the ${total} records replicated over wss through ${proxy.name}`,
          timeoutMs: 30_000,
        })
      }, 60_000)
    },
  )
})
