/**
 * The data directory: `polder init` (and the first `polder start`) creates the
 * organisation's key, the documented config file and the API token in it.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadOrCreateKey, type OrgKey } from '@polder/store'
import { writeDefaultConfig } from './config-file.js'

export const TOKEN_FILE = 'api-token'
/** A shorter token is refused: an empty or short file must never open or weaken the API. */
export const MIN_TOKEN_LENGTH = 32

/** The token file exists but cannot protect the API: the node refuses to start. */
export class TokenFileError extends Error {
  override readonly name = 'TokenFileError'
}

export interface Home {
  readonly key: OrgKey
  readonly token: string
  /** What this call created: empty when the directory was ready. */
  readonly created: readonly ('key' | 'config' | 'token')[]
}

/**
 * Reads the API token, creating one (0600) if there is none. A file that is there but
 * empty or short is refused rather than replaced: whoever truncated it may rely on it, and
 * silently writing a new token would lock their scripts out without a word.
 */
async function loadOrCreateToken(home: string): Promise<{ token: string; created: boolean }> {
  const path = join(home, TOKEN_FILE)
  let text: string | undefined
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  if (text !== undefined) {
    const token = text.trim()
    if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token)) {
      throw new TokenFileError(
        `${path} holds ${token.length === 0 ? 'no token' : `a token of ${token.length} characters`}; ` +
          `the API needs one of at least ${MIN_TOKEN_LENGTH} characters without spaces. ` +
          'Delete the file and start again to get a new one, or write a longer token into it.',
      )
    }
    return { token, created: false }
  }
  const token = randomBytes(32).toString('base64url')
  await writeFile(path, `${token}\n`, { mode: 0o600, flag: 'wx' })
  return { token, created: true }
}

/** Makes `home` ready: directory (0700), key, config file and token, each only if missing. */
export async function initHome(home: string): Promise<Home> {
  await mkdir(home, { recursive: true, mode: 0o700 })
  const created: Home['created'][number][] = []
  const { key, created: keyCreated } = await loadOrCreateKey(home)
  if (keyCreated) created.push('key')
  if (await writeDefaultConfig(home)) created.push('config')
  const { token, created: tokenCreated } = await loadOrCreateToken(home)
  if (tokenCreated) created.push('token')
  return { key, token, created }
}
