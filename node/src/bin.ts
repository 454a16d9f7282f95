#!/usr/bin/env -S node --max-semi-space-size=16
// Kept free of imports so that an old Node.js gets this message, not a syntax or API error.
const major = Number(process.versions.node.split('.')[0])
if (major < 26) {
  process.stderr.write(
    `polder needs Node.js 26 or newer; this is ${process.version}.\n` +
      'Run it through the workspace (pnpm start), which brings its own Node.js 26.\n',
  )
  process.exitCode = 1
} else {
  // stack traces name our .ts sources: the bundle's maps, read only when a trace needs them
  const { setSourceMapsSupport } = await import('node:module')
  setSourceMapsSupport(true)
  const { main } = await import('./cli.js')
  process.exitCode = await main(process.argv)
}
