/** The node's own errors (the API maps errors by name; see api/server.ts). */

/** An option has a value the node cannot use; the CLI prints it and exits 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}
