/**
 * @packageDocumentation
 *
 * The Polder node as a library: build a {@link Config}, start a {@link Daemon}.
 *
 * @example
 * ```ts
 * import { buildConfig, createLogger, Daemon } from '@polder/node'
 *
 * const config = buildConfig({ home: '/var/lib/polder', api: '127.0.0.1:7878' })
 * await using daemon = new Daemon(config, createLogger(config.logLevel))
 * await daemon.start()
 * ```
 */
export {
  buildConfig,
  type Config,
  ConfigError,
  parseHostPort,
  type RawConfig,
  readEnv,
} from './config.js'
export { Daemon } from './daemon.js'
export { createLogger } from './logger.js'
export { VERSION } from './version.js'
