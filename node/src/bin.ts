#!/usr/bin/env -S node --max-semi-space-size=1
// Kept free of imports so that an old Node.js gets this message, not a syntax or API error.
const major = Number(process.versions.node.split('.')[0])
if (major < 22) {
  process.stderr.write(
    `polder needs Node.js 22 or newer; this is ${process.version}.\n` +
      'Run it through the workspace (pnpm start), which brings its own Node.js 22.\n',
  )
  process.exitCode = 1
} else {
  // node:sqlite is stable in use but still flagged experimental on Node 22: keep that one
  // warning out of operators' logs, print every other warning as usual
  process.removeAllListeners('warning')
  process.on('warning', (warning) => {
    if (warning.name === 'ExperimentalWarning' && warning.message.includes('SQLite')) return
    process.stderr.write(`${warning.name}: ${warning.message}\n`)
  })
  const { main } = await import('./cli.js')
  process.exitCode = await main(process.argv)
}
