/**
 * @packageDocumentation
 *
 * The Polder node as a library: raw options ({@link readRawConfig}) into a checked
 * {@link Config}, a {@link AppContext} built from it (every part of a node), or a
 * {@link Daemon} that runs one until stopped.
 *
 * @example
 * ```ts
 * import { AppContext, buildConfig, createLogger, readRawConfig } from '@polder/node'
 *
 * const home = '/var/lib/polder'
 * const config = buildConfig(home, ...(await readRawConfig(home)))
 * await using context = await AppContext.fromConfig(config, createLogger(config.logLevel))
 * console.log(await context.listen())
 * ```
 */
export {
  buildConfig,
  type Config,
  ConfigError,
  parseHostPort,
  type RawConfig,
} from './config.js'
export { AppContext, type ContextOptions } from './context.js'
export { Daemon, type DaemonOptions } from './daemon.js'
export { OPTIONS, readEnv, readRawConfig } from './env.js'
export { createLogger } from './logger.js'
export { VERSION } from './version.js'
