/**
 * `polder start`'s state file check, begun by the bin before it loads the CLI: the check
 * (`checkStateFile`, on a worker thread) is the longest part of a start with a large store,
 * so it begins as soon as the data directory is known, from the command line as the CLI
 * will read it. The CLI uses it only for the home it resolves itself; else it stops it and
 * checks its own.
 */
import { existsSync } from 'node:fs'
import { enableCompileCache } from 'node:module'
import { join, resolve } from 'node:path'
import { checkStateFile, type StateCheck } from '@polder/store/integrity'

export interface EarlyCheck {
  /** The data directory checked (absolute). */
  readonly home: string
  /** The check: resolves when the state file is whole (see `checkStateFile`). */
  readonly check: Promise<StateCheck>
  /** Milliseconds since the process started at which it began. */
  readonly begunAt: number
  /** Stops the check when it is not used (another home, or no start after all). */
  stop(): void
}

/** The folder of V8's compiled code of the bundle, in the data directory. */
export const COMPILE_CACHE = 'compile-cache'

/**
 * Keeps V8's code for the modules loaded from now on in `home`, so that the next start
 * compiles less (a cache of another build or Node.js does not match and is written anew).
 * Only in a home that exists: the first start creates it, owner-only, before anything else.
 */
export function cacheCompiledCode(home: string): void {
  if (existsSync(home)) enableCompileCache(join(home, COMPILE_CACHE))
}

/** `--home <dir>` or `--home=<dir>` among `args`, if given. */
function homeFlag(args: readonly string[]): string | undefined {
  for (const [i, arg] of args.entries()) {
    if (arg === '--home') return args[i + 1]
    if (arg.startsWith('--home=')) return arg.slice('--home='.length)
  }
  return undefined
}

/** Begins the check when `argv` is `polder start`; undefined for every other command. */
export function beginEarlyCheck(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): EarlyCheck | undefined {
  const args = argv.slice(2).filter((arg) => arg !== '--debug')
  if (args[0] !== 'start') return undefined
  const home = resolve(homeFlag(args) ?? env.POLDER_HOME ?? '.polder')
  const begunAt = Math.round(performance.now())
  const controller = new AbortController()
  const check = checkStateFile(home, { signal: controller.signal })
  check.catch(() => {}) // handled by the start that uses it, not unhandled if none does
  return { home, check, begunAt, stop: () => controller.abort() }
}
