/**
 * Bundles the daemon and CLI into `node/bundle/` (run by `pnpm build` after `tsc --build`).
 *
 * Why: a node loaded ~1,660 ES and CommonJS modules at start, and resolving them (package.json
 * look-ups, stat calls) cost more than compiling them: most of a restart's CPU. The bundle is a
 * few files, so nothing is resolved at start. The bin stays tiny (its Node.js version check
 * runs before anything else is parsed), and every `import()` of the CLI stays a chunk of its
 * own, loaded only by the commands that need it.
 *
 * It bundles the tsc output (`dist/*.js` of every workspace package) and chains its source
 * maps, so a stack trace names our `.ts` sources. Kept out of the bundle: native modules (they
 * load their `.node` binary relative to their own package) and Node's own modules.
 * Every output file lands in one folder, so the `import.meta.url`-relative paths of the code
 * hold: `../package.json` (version.ts) is node/package.json, and the store's check worker,
 * an entry of its own, lies beside the chunk that starts it (check-pool.ts).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build, type Plugin } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = `${root}bundle`

/** Native modules and their loaders: each finds its binary next to its own package. */
const NATIVE = ['node-gyp-build', 'node-datachannel']

/**
 * classic-level's JavaScript (and abstract-level's, ~30 CommonJS files a start resolved and
 * loaded one by one) is bundled; only its `binding.js`, which loads LevelDB's binary from its
 * own folder, stays outside, found from the bundle as `classic-level/binding.js` (a direct
 * dependency of the node).
 */
const classicLevelBinding: Plugin = {
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
const kadPrefixList: Plugin = {
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
}

/**
 * `import ... from 'node:http'` in an ES module makes Node.js build the module's ES facade,
 * which reads every export once, and with them `http.WebSocket` and its siblings: lazy
 * getters that load Node's internal undici (~80 ms of CPU at every start, the cli chunk and
 * it-ws import it so). Here such imports take the module through `require`, as CommonJS code
 * already does, so a property is read only where the code uses it.
 */
const httpThroughRequire: Plugin = {
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
const lazyGlob: Plugin = {
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
const FASTIFY_COMPILERS: Record<string, string> = {
  '@fastify/ajv-compiler': 'fastify-ajv-compiler',
  '@fastify/fast-json-stringify-compiler': 'fastify-serializer-compiler',
}
const fastifyCompilers: Plugin = {
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
const lazyHttp2: Plugin = {
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

await rm(outdir, { recursive: true, force: true })
const fastifyDir = createRequire(import.meta.url).resolve('fastify')
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(
    Object.entries(FASTIFY_COMPILERS).map(([name, file]) => [
      file,
      createRequire(fastifyDir).resolve(name),
    ]),
  ),
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node26',
  sourcemap: 'linked',
  sourcesContent: false,
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
})
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    bin: 'dist/bin.js',
    // started as a worker thread by the store's check pool, from the folder of its chunk
    'check-worker': fileURLToPath(new URL('check-worker.js', import.meta.resolve('@polder/store'))),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node26',
  chunkNames: '[name]-[hash]',
  sourcemap: 'linked',
  // the sources are in the repository; the maps only point at them (smaller maps to read)
  sourcesContent: false,
  external: NATIVE,
  // CommonJS modules in the bundle call require() for Node's modules and read __dirname
  banner: {
    js: [
      "import { createRequire as __polderRequire } from 'node:module';",
      "import { dirname as __polderDirname } from 'node:path';",
      "import { fileURLToPath as __polderPath } from 'node:url';",
      'const require = __polderRequire(import.meta.url);',
      'const __filename = __polderPath(import.meta.url);',
      'const __dirname = __polderDirname(__filename);',
    ].join(' '),
  },
  // whitespace and syntax only: an idle node keeps every loaded chunk's source text in its heap
  // (-11 MB of RSS); identifiers stay, so every class and function keeps its name
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [
    kadPrefixList,
    httpThroughRequire,
    lazyGlob,
    fastifyCompilers,
    classicLevelBinding,
    lazyHttp2,
  ],
})
// `POLDER_BUNDLE_META=<file>`: esbuild's metafile (which module is in which chunk, and why)
if (process.env.POLDER_BUNDLE_META) {
  await writeFile(process.env.POLDER_BUNDLE_META, JSON.stringify(result.metafile))
}
const outputs = Object.entries(result.metafile.outputs).filter(([name]) => name.endsWith('.js'))
const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0)
process.stdout.write(
  `bundle: ${Object.keys(result.metafile.inputs).length} modules into ${outputs.length} files, ${(bytes / 1e6).toFixed(1)} MB\n`,
)
