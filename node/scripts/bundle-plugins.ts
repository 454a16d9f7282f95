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
 * A module of a library required as another loads, for a use a start never has: here it is
 * required on its first use instead. Each entry is one line of one file, which must be there
 * once (a library's update that moves it fails the build rather than the saving).
 */
interface LazyRequire {
  /** The file, by its path in node_modules. */
  readonly file: RegExp
  /** The line as the library writes it. */
  readonly eager: string
  /** What takes its place: the same name, bound to what requires the module when read. */
  readonly lazy: string
}

/** `name` bound to a stand-in that requires `module` at its first property read. */
const onFirstRead = (name: string, module: string): string =>
  `const ${name} = new Proxy({}, { get: (_, key) => require('${module}')[key] })\n`

const LAZY_REQUIRES: readonly LazyRequire[] = [
  // Fastify's server module, for a server made with `http2: true` or `https`, which ours
  // never is: HTTP/2 (~12 ms of CPU as Node compiles its modules) and HTTPS (TLS's modules)
  {
    file: /[\\/]fastify[\\/]lib[\\/]server\.js$/,
    eager: "const http2 = require('node:http2')\n",
    lazy: onFirstRead('http2', 'node:http2'),
  },
  {
    file: /[\\/]fastify[\\/]lib[\\/]server\.js$/,
    eager: "const https = require('node:https')\n",
    lazy: onFirstRead('https', 'node:https'),
  },
  // prom-client's Pushgateway (which requires https, TLS's modules and zlib, whose 14 zip
  // modules Node 26 loads with it), which we never push to: its module on the first read
  {
    file: /[\\/]prom-client[\\/]index\.js$/,
    eager: "exports.Pushgateway = require('./lib/pushgateway');\n",
    lazy: "Object.defineProperty(exports, 'Pushgateway', { enumerable: true, get: () => require('./lib/pushgateway') });\n",
  },
]

export const lazyRequires: Plugin = {
  name: 'lazy-requires',
  setup(build) {
    // one onLoad a file (esbuild runs only the first that answers), with each of its lines
    const files = new Map(LAZY_REQUIRES.map(({ file }) => [file.source, file]))
    for (const [key, file] of files) {
      build.onLoad({ filter: file }, async ({ path }) => {
        let source = await readFile(path, 'utf8')
        for (const { eager, lazy } of LAZY_REQUIRES.filter((entry) => entry.file.source === key)) {
          if (source.split(eager).length !== 2)
            throw new Error(`${path}: no single '${eager.trim()}'`)
          source = source.replace(eager, lazy)
        }
        return { contents: source, loader: 'js' }
      })
    }
  },
}
