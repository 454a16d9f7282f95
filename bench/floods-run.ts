const { floods } = await import('./src/faults.ts')
const { table } = await import('./src/report.ts')
const quick = process.argv.includes('--quick')
console.log(table(await floods(quick)))
