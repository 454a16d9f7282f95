import { createRequire } from 'node:module'

const pkg = createRequire(import.meta.url)('../package.json') as { version: string }

/** The version of the Polder node. */
export const VERSION: string = pkg.version
