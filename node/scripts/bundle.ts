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
import { rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import {
  classicLevelBinding,
  FASTIFY_COMPILERS,
  fastifyCompilers,
  httpThroughRequire,
  kadPrefixList,
  lazyGlob,
  lazyRequires,
} from './bundle-plugins.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const outdir = `${root}bundle`

/** Native modules and their loaders: each finds its binary next to its own package. */
const NATIVE = ['node-gyp-build', 'node-datachannel']

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
    kadPrefixList(outdir),
    httpThroughRequire,
    lazyGlob,
    fastifyCompilers,
    classicLevelBinding,
    lazyRequires,
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
