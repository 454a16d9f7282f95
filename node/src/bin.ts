#!/usr/bin/env -S node --max-semi-space-size=4
// Kept free of imports so that an old Node.js gets this message, not a syntax or API error.
const major = Number(process.versions.node.split('.')[0])
if (major < 26) {
  process.stderr.write(
    `polder needs Node.js 26 or newer; this is ${process.version}.\n` +
      'Run it through the workspace (pnpm start), which brings its own Node.js 26.\n',
  )
  process.exitCode = 1
} else {
  // `polder start` checks its state file on another core while this one loads the CLI
  const { beginEarlyCheck, cacheCompiledCode } = await import('./early-check.js')
  const early = beginEarlyCheck(process.argv)
  if (early !== undefined) cacheCompiledCode(early.home)
  try {
    // stack traces name our .ts sources: the bundle's maps, read only when a trace needs them
    const { setSourceMapsSupport } = await import('node:module')
    setSourceMapsSupport(true)
    const { main } = await import('./cli.js')
    process.exitCode = await main(process.argv, early)
  } finally {
    early?.stop()
  }
}
