/**
 * `polder doctor`'s checks of the machine and the data directory, which need no running
 * node: the Node.js version, the key and token files, free disk, the API's address, and
 * (when the node is not running) whether its ports are free.
 */
import { stat, statfs } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import type { Config } from './config.js'
import { MIN_TOKEN_LENGTH, TOKEN_FILE } from './home.js'

export type Verdict = 'ok' | 'warn' | 'fail' | 'skip'

/** One check's result: what was found and, unless all is well, what to do. */
export interface Finding {
  readonly check: string
  readonly verdict: Verdict
  readonly finding: string
  readonly action?: string
}

/** The Node.js line Polder runs on (the workspace pins 26.10.0; the bin refuses older). */
export const NODE_MAJOR = 26
const KEY_FILE = 'identity.key'
const MiB = 1024 * 1024
/** Free space under which writes are near failing (507 disk-full). */
export const DISK_FAIL_BYTES = 256 * MiB
/** Free space under which the operator should act soon. */
export const DISK_WARN_BYTES = 2048 * MiB

const mib = (bytes: number) => `${Math.floor(bytes / MiB)} MiB`

export function checkNodeVersion(version = process.versions.node): Finding {
  const major = Number(version.split('.')[0])
  return major >= NODE_MAJOR
    ? { check: 'node-version', verdict: 'ok', finding: `Node.js ${version}` }
    : {
        check: 'node-version',
        verdict: 'fail',
        finding: `Node.js ${version}; Polder needs ${NODE_MAJOR} or newer`,
        action: `install Node.js ${NODE_MAJOR} (the workspace pins 26.10.0; pnpm start brings it)`,
      }
}

/** A secret file: present, and readable by its owner only. */
async function secretFile(
  check: string,
  path: string,
  missing: Omit<Finding, 'check'>,
): Promise<Finding | { mode: number }> {
  try {
    const { mode } = await stat(path)
    if ((mode & 0o077) !== 0)
      return {
        check,
        verdict: 'fail',
        finding: `${path} is readable by others (mode ${(mode & 0o777).toString(8)})`,
        action: `chmod 600 ${path}`,
      }
    return { mode }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    return { check, ...missing }
  }
}

export async function checkKeyFile(home: string): Promise<Finding> {
  const path = join(home, KEY_FILE)
  const result = await secretFile('key-file', path, {
    verdict: 'fail',
    finding: `${path} does not exist`,
    action: 'run polder init, or restore your key backup with polder key import',
  })
  return 'check' in result
    ? result
    : { check: 'key-file', verdict: 'ok', finding: `${path}, mode 600` }
}

export async function checkTokenFile(home: string, read: (path: string) => Promise<string>) {
  const path = join(home, TOKEN_FILE)
  const result = await secretFile('api-token', path, {
    verdict: 'warn',
    finding: `${path} does not exist: nobody can write through the API yet`,
    action: 'start the node once: it creates the token',
  })
  if ('check' in result) return result
  const token = (await read(path)).trim()
  if (token.length < MIN_TOKEN_LENGTH || /\s/.test(token))
    return {
      check: 'api-token',
      verdict: 'fail',
      finding: `${path} holds a token of ${token.length} characters; the node refuses to start with it`,
      action: `delete ${path} and start the node to get a new one`,
    } satisfies Finding
  return { check: 'api-token', verdict: 'ok', finding: `${path}, mode 600` } satisfies Finding
}

export async function checkDisk(home: string): Promise<Finding> {
  const fs = await statfs(home)
  const free = fs.bavail * fs.bsize
  const share = fs.blocks === 0 ? 0 : Math.round((fs.bavail / fs.blocks) * 100)
  const finding = `${mib(free)} free on the disk of ${home} (${share} %)`
  if (free < DISK_FAIL_BYTES)
    return {
      check: 'disk',
      verdict: 'fail',
      finding,
      action: 'free space or move the data directory to a larger disk: writes fail at 0',
    }
  if (free < DISK_WARN_BYTES)
    return { check: 'disk', verdict: 'warn', finding, action: 'free space soon' }
  return { check: 'disk', verdict: 'ok', finding }
}

const LOOPBACK = /^(127\.|::1$|localhost$)/

/** The API beyond loopback without TLS: the bearer token would cross the network in clear. */
export function checkApiAddress(config: Pick<Config, 'api' | 'publicUrl'>): Finding {
  const { host, port } = config.api
  if (LOOPBACK.test(host))
    return { check: 'api-address', verdict: 'ok', finding: `the API listens on ${host}:${port}` }
  if (config.publicUrl?.startsWith('https://') === true)
    return {
      check: 'api-address',
      verdict: 'ok',
      finding: `the API listens on ${host}:${port}, published as ${config.publicUrl}`,
      action: `make sure only the TLS proxy reaches port ${port} (firewall)`,
    }
  return {
    check: 'api-address',
    verdict: 'warn',
    finding: `the API listens on ${host}:${port}, beyond loopback, with no https POLDER_PUBLIC_URL: the API token would cross the network unencrypted`,
    action:
      'set POLDER_API=127.0.0.1:7878 and put a TLS reverse proxy in front (docs/operations.md), then set POLDER_PUBLIC_URL=https://…',
  }
}

/** Whether a TCP port can be bound now (false: another program holds it). */
function portFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)))
  })
}

/** With the node stopped: the API port and every TCP listen port must be free for it. */
export async function checkPorts(config: Pick<Config, 'api' | 'listen'>): Promise<Finding> {
  const wanted: { host: string; port: number; option: string }[] = [
    { ...config.api, option: 'POLDER_API' },
  ]
  for (const address of config.listen) {
    const match = /^\/ip[46]\/([^/]+)\/tcp\/(\d+)/.exec(address)
    if (match === null || match[2] === '0') continue
    wanted.push({ host: match[1] ?? '', port: Number(match[2]), option: 'POLDER_LISTEN' })
  }
  const taken: string[] = []
  for (const { host, port, option } of wanted) {
    if (!(await portFree(host, port))) taken.push(`${host}:${port} (${option})`)
  }
  if (taken.length === 0)
    return {
      check: 'ports',
      verdict: 'ok',
      finding: `free: ${wanted.map((w) => `${w.host}:${w.port}`).join(', ')}`,
    }
  return {
    check: 'ports',
    verdict: 'fail',
    finding: `in use by another program: ${taken.join(', ')}`,
    action: 'stop that program (ss -ltnp shows it) or change the option named',
  }
}
