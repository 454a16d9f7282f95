/** Where the built viewer lives, for the node that serves it. */
import { fileURLToPath } from 'node:url'

export const distPath = fileURLToPath(new URL('./dist/', import.meta.url))
