/**
 * The node's configuration: raw environment and flags in, a checked {@link Config} out.
 * Every option can be set by flag or environment variable; flags win.
 */
import { resolve } from 'node:path'

export interface Config {
  /** Data directory. Env `POLDER_HOME`, flag `--home`. @default ./.polder */
  readonly home: string
  /** Where the HTTP API and viewer listen. Env `POLDER_API`, flag `--api`. @default 127.0.0.1:7878 */
  readonly api: { readonly host: string; readonly port: number }
  /** Log level. Env `POLDER_LOG_LEVEL`. @default info */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
}

export interface RawConfig {
  readonly home?: string | undefined
  readonly api?: string | undefined
  readonly logLevel?: string | undefined
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

export const DEFAULT_API = '127.0.0.1:7878'
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** The options the environment sets. */
export function readEnv(env: NodeJS.ProcessEnv = process.env): RawConfig {
  return { home: env.POLDER_HOME, api: env.POLDER_API, logLevel: env.POLDER_LOG_LEVEL }
}

/** `host:port` (IPv6 in brackets: `[::1]:7878`). */
export function parseHostPort(value: string, option: string): { host: string; port: number } {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+):([0-9]{1,5})$/.exec(value.trim())
  const port = Number(match?.[2])
  if (match === null || port > 65_535) {
    throw new ConfigError(`${option} must be host:port, such as ${DEFAULT_API}; got "${value}"`)
  }
  return { host: (match[1] as string).replace(/^\[(.*)\]$/, '$1'), port }
}

/** Defaults and checks: later sources override earlier ones (env, then flags). */
export function buildConfig(...sources: RawConfig[]): Config {
  const pick = (key: keyof RawConfig) =>
    sources.reduce<string | undefined>((value, source) => source[key] || value, undefined)
  const logLevel = pick('logLevel') ?? 'info'
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`POLDER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)
  }
  return {
    home: resolve(pick('home') ?? '.polder'),
    api: parseHostPort(pick('api') ?? DEFAULT_API, 'POLDER_API / --api'),
    logLevel: logLevel as Config['logLevel'],
  }
}
