/**
 * The bundle users run (`node/bundle/bin.js`, what `pnpm start`, the tests and the benches
 * spawn): its stack traces name our TypeScript sources through the source maps. (The store's
 * check worker, a file of its own beside the bundle, is needed by archive.test.ts: a changed
 * archive's refusal names the entry whose signature the worker found false.)
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN, runPolder, startPolder, stopPolder } from './cli.js'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-bundle-'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the bundled node', () => {
  it('is what the tests run', () => {
    expect(BIN).toMatch(/node\/bundle\/bin\.js$/)
  })

  it('names our TypeScript sources in a stack trace', async () => {
    const run = await runPolder(['status', '--debug'], {
      env: { POLDER_HOME: join(dir, 'none'), POLDER_API: '127.0.0.1:1' },
    })
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/ClientError: no node running at http:\/\/127\.0\.0\.1:1/)
    // frames of the node's own code and of another workspace package, not of bundle chunks
    expect(run.stderr).toMatch(/at .*node\/src\/client\.ts:\d+:\d+/)
    expect(run.stderr).toMatch(/at .*packages\/api\/src\/client\.ts:\d+:\d+/)
    expect(run.stderr).not.toMatch(/bundle\/(?!bin\.js)[^/\s]+\.js/)
  })

  it('starts without what a start does not run, and loads it when used', async () => {
    // `import ... from 'node:http'` read http.WebSocket, a getter that loads undici: ~80 ms
    const preload = join(dir, 'loaded.mjs')
    const report = join(dir, 'loaded.json')
    await writeFile(
      preload,
      "import { writeFileSync } from 'node:fs'\n" +
        `process.on('exit', () => writeFileSync(${JSON.stringify(report)}, JSON.stringify(process.moduleLoadList)))\n`,
    )
    const home = join(dir, 'home')
    const node = await startPolder({
      POLDER_HOME: home,
      POLDER_API: '127.0.0.1:0',
      POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
      NODE_OPTIONS: `--import ${preload}`,
    })
    try {
      // the blockstore's listing (fast-glob), a chunk of its own, loads on the first collection
      const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
      const collected = await fetch(`${node.url}/v1/attachments/gc`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      })
      expect(collected.status).toBe(200)
      expect(await collected.json()).toEqual({ deleted: 0 })
    } finally {
      expect(await stopPolder(node.child)).toBe(0)
    }
    const loaded = JSON.parse(await readFile(report, 'utf8')) as string[]
    expect(loaded).toContain('NativeModule http') // the list is Node's own
    // and Fastify's server module no longer requires HTTP/2 as it loads (~12 ms)
    expect(loaded.filter((name) => /undici|http2/.test(name))).toEqual([])
  })

  it('serves its API before it loads the network (libp2p, Helia, the collective), TLS, zlib or readline', async () => {
    // each file the process loads, appended as it loads (a synchronous module hook), and
    // Node's own modules loaded when its first answer is sent
    const preload = join(dir, 'files.mjs')
    const files = join(dir, 'files.txt')
    const builtins = join(dir, 'first-answer.json')
    await writeFile(
      preload,
      "import { appendFileSync, renameSync, writeFileSync } from 'node:fs'\n" +
        "import { subscribe, unsubscribe } from 'node:diagnostics_channel'\n" +
        "import { registerHooks } from 'node:module'\n" +
        'registerHooks({ load(url, context, next) {\n' +
        `  appendFileSync(${JSON.stringify(files)}, url + '\\n')\n` +
        '  return next(url, context)\n' +
        '} })\n' +
        'const answered = () => {\n' +
        "  unsubscribe('http.server.response.finish', answered)\n" +
        `  writeFileSync(${JSON.stringify(`${builtins}.part`)}, JSON.stringify(process.moduleLoadList))\n` +
        `  renameSync(${JSON.stringify(`${builtins}.part`)}, ${JSON.stringify(builtins)})\n` +
        '}\n' +
        "subscribe('http.server.response.finish', answered)\n",
    )
    const hold = join(dir, 'hold')
    const node = await startPolder(
      {
        POLDER_HOME: join(dir, 'network-later'),
        POLDER_API: '127.0.0.1:0',
        POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
        POLDER_FAULT_HOLD_NETWORK: hold,
        NODE_OPTIONS: `--import ${preload}`,
      },
      20_000,
      [],
      'API listening',
    )
    const network = (loaded: string) => loaded.split('\n').filter((f) => /network-parts-/.test(f))
    try {
      expect((await fetch(`${node.url}/v1/status`)).status).toBe(200)
      expect(network(await readFile(files, 'utf8'))).toEqual([])
      // written as the answer's last bytes leave: it may come a moment after the client has it
      for (const deadline = Date.now() + 10_000; !existsSync(builtins); ) {
        if (Date.now() > deadline) throw new Error('no list of the modules at the first answer')
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      const first = JSON.parse(await readFile(builtins, 'utf8')) as string[]
      expect(first).toContain('NativeModule http')
      // Fastify's server module and prom-client's Pushgateway required https (and with it
      // TLS's modules) and zlib (and Node 26's 14 zip modules) for uses a node never has; the
      // CLI, readline (and its history's modules) for a passphrase
      const unused = /^NativeModule (https|tls|zlib|readline)$/
      expect(first.filter((name) => unused.test(name))).toEqual([])
      await writeFile(hold, '')
      for (const deadline = Date.now() + 20_000; !node.output().includes('Polder node started'); ) {
        if (Date.now() > deadline) throw new Error(`the network did not start\n${node.output()}`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(network(await readFile(files, 'utf8'))).toHaveLength(1)
    } finally {
      expect(await stopPolder(node.child)).toBe(0)
    }
  })

  it("keeps Fastify's own compilers in files of their own, whole", () => {
    // required only by a server built without compilers (ours has zod's), never at start
    const load = createRequire(BIN)
    const validators = load('./fastify-ajv-compiler.cjs')() as ValidatorFactory
    const validate = validators({}, { customOptions: {} })({ schema: NUMBER_BODY })
    expect(validate({ n: 1 })).toBe(true)
    expect(validate({ n: 'one' })).toBe(false)
    const serializers = load('./fastify-serializer-compiler.cjs')() as SerializerFactory
    const serialize = serializers({}, {})({ schema: NUMBER_BODY })
    expect(serialize({ n: 1, secret: 'x' })).toBe('{"n":1}')
  })
})

const NUMBER_BODY = { type: 'object', properties: { n: { type: 'integer' } } }
type ValidatorFactory = (
  schemas: object,
  options: object,
) => (route: { schema: object }) => (data: unknown) => boolean
type SerializerFactory = (
  schemas: object,
  options: object,
) => (route: { schema: object }) => (data: unknown) => string
