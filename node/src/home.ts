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

export interface Home {
  readonly key: OrgKey
  readonly token: string
  /** What this call created: empty when the directory was ready. */
  readonly created: readonly ('key' | 'config' | 'token')[]
}

/** Reads the API token, creating one (0600) if there is none. */
async function loadOrCreateToken(home: string): Promise<{ token: string; created: boolean }> {
  const path = join(home, TOKEN_FILE)
  try {
    return { token: (await readFile(path, 'utf8')).trim(), created: false }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
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
