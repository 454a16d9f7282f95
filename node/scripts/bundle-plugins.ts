/**
 * The esbuild plugins of the node's bundle (`bundle.ts`): each keeps out of a start what a
 * start does not run, or stops it resolving files one by one.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Plugin } from 'esbuild'

/**
 * classic-level's JavaScript (and abstract-level's, ~30 CommonJS files a start resolved and
 * loaded one by one) is bundled; only its `binding.js`, which loads LevelDB's binary from its
 * own folder, stays outside, found from the bundle as `classic-level/binding.js` (a direct
 * dependency of the node).
 */
export const classicLevelBinding: Plugin = {
  name: 'classic-level-binding',
  setup(build) {
    build.onResolve({ filter: /^\.\/binding(\.js)?$/ }, ({ importer }) =>
      /[\\/]classic-level[\\/][^\\/]+\.js$/.test(importer)
        ? { path: 'classic-level/binding.js', external: true }
        : undefined,
    )
  },
}

/**
 * kad-dht's table of 65,536 key prefixes, which it reads only when it refreshes its routing
 * table, was a 479 KB array literal that V8 parsed and built at every start (~15-30 ms of CPU,
 * 0.5 MB of heap), then a 350 KB base64 string in the daemon chunk, decoded as it loaded. Here
 * the numbers are a file beside the chunks (`kad-prefixes.bin`, 256 KB), read on the first
 * look-up (its one use is `GENERATED_PREFIXES[prefix]`).
 */
const KAD_PREFIXES = 'kad-prefixes.bin'
export const kadPrefixList = (outdir: string): Plugin => ({
  name: 'kad-prefix-list',
  setup(build) {
    const file = /kad-dht[\\/]dist[\\/]src[\\/]routing-table[\\/]generated-prefix-list\.js$/
    build.onLoad({ filter: file }, async ({ path }) => {
      const { default: list } = (await import(pathToFileURL(path).href)) as { default: number[] }
      const bytes = new Uint8Array(list.length * 4)
      const view = new DataView(bytes.buffer)
      for (const [i, prefix] of list.entries()) view.setUint32(i * 4, prefix, true)
      await mkdir(outdir, { recursive: true })
      await writeFile(join(outdir, KAD_PREFIXES), bytes)
      const contents = [
        "import { readFileSync } from 'node:fs'",
        'let list',
        'function table() {',
        '  if (list === undefined) {',
        `    const bytes = readFileSync(new URL('./${KAD_PREFIXES}', import.meta.url))`,
        '    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)',
        '    list = new Uint32Array(bytes.byteLength / 4)',
        '    for (let i = 0; i < list.length; i++) list[i] = view.getUint32(i * 4, true)',
        '  }',
        '  return list',
        '}',
        'export default new Proxy([], { get: (_, key) => table()[key] })',
      ].join('\n')
      // the module as it will run beside the file, checked against the table, number by number
      const check = join(outdir, 'kad-prefixes-check.mjs')
      await writeFile(check, contents)
      const { default: decoded } = (await import(pathToFileURL(check).href)) as {
        default: number[]
      }
      await rm(check)
      if (list.some((prefix, i) => decoded[i] !== prefix) || decoded[list.length] !== undefined)
        throw new Error(`${path}: the prefix list read from ${KAD_PREFIXES} differs from it`)
      return { contents, loader: 'js' }
    })
  },
})

/**
 * `import ... from 'node:http'` in an ES module makes Node.js build the module's ES facade,
 * which reads every export once, and with them `http.WebSocket` and its siblings: lazy
 * getters that load Node's internal undici (~80 ms of CPU at every start, the cli chunk and
 * it-ws import it so). Here such imports take the module through `require`, as CommonJS code
 * already does, so a property is read only where the code uses it.
 */
export const httpThroughRequire: Plugin = {
  name: 'http-through-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?http$/ }, ({ kind }) =>
      kind === 'import-statement' || kind === 'dynamic-import'
        ? { path: 'node:http', namespace: 'http-through-require' }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'http-through-require' }, () => ({
      contents: "module.exports = require('node:http')",
      loader: 'js',
    }))
  },
}

/**
 * blockstore-fs imports it-glob (fast-glob and its ~80 modules, ~150 KB) for `getAll` alone,
 * which a start never calls; every start evaluated them. Its import is a wrapper here that
 * loads it-glob (a chunk of its own) on the first call.
 */
export const lazyGlob: Plugin = {
  name: 'lazy-it-glob',
  setup(build) {
    build.onResolve({ filter: /^it-glob$/ }, ({ importer, namespace, resolveDir }) =>
      namespace === 'file' && /[\\/]blockstore-fs[\\/]/.test(importer)
        ? { path: 'it-glob', namespace: 'lazy-it-glob', pluginData: resolveDir }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'lazy-it-glob' }, ({ pluginData }) => ({
      contents: [
        'export default async function* glob(...args) {',
        "  const { default: glob } = await import('it-glob')",
        '  yield* glob(...args)',
        '}',
      ].join('\n'),
      resolveDir: pluginData as string,
      loader: 'js',
    }))
  },
}

/**
 * Fastify's default compilers (ajv, fast-json-stringify, fast-uri: ~400 KB) are required only
 * when a server is built without compilers of its own, and ours always has them (zod's). Inside
 * the daemon chunk, every start read and kept their source all the same; here they are files of
 * their own beside the chunks (CommonJS, as Fastify requires them), read only if required.
 */
export const FASTIFY_COMPILERS: Record<string, string> = {
  '@fastify/ajv-compiler': 'fastify-ajv-compiler',
  '@fastify/fast-json-stringify-compiler': 'fastify-serializer-compiler',
}
export const fastifyCompilers: Plugin = {
  name: 'fastify-compilers-apart',
  setup(build) {
    build.onResolve({ filter: /^@fastify\/(ajv|fast-json-stringify)-compiler$/ }, ({ path }) => ({
      path: `./${FASTIFY_COMPILERS[path]}.cjs`,
      external: true,
    }))
  },
}

/**
 * Fastify's server module requires `node:http2` as it loads (~12 ms of CPU: Node compiles its
 * HTTP/2 modules) for a server made with `http2: true`, which ours never is. Here the module
 * is required on its first use.
 */
export const lazyHttp2: Plugin = {
  name: 'fastify-lazy-http2',
  setup(build) {
    build.onLoad({ filter: /[\\/]fastify[\\/]lib[\\/]server\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8')
      const eager = "const http2 = require('node:http2')\n"
      if (source.split(eager).length !== 2) throw new Error(`${path}: no single '${eager.trim()}'`)
      const lazy = "const http2 = new Proxy({}, { get: (_, key) => require('node:http2')[key] })\n"
      return { contents: source.replace(eager, lazy), loader: 'js' }
    })
  },
}
