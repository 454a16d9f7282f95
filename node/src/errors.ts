/** The node's own errors (the API maps errors by name; see api/server.ts). */

/** An option has a value the node cannot use; the CLI prints it and exits 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Another node runs on this data directory; the CLI prints it and exits 2. */
export class HomeInUseError extends Error {
  override readonly name = 'HomeInUseError'
}

/** A port the node is to listen on is taken; the message names the option to change it. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError'
}
