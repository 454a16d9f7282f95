/**
 * One node per data directory: a running node holds `node.lock` in its home, a JSON file
 * with its process id and, once the API listens, the API's actual address. A second node
 * on the same home stops before it opens anything (its LevelDB, SQLite and search files
 * would otherwise meet the first node's), and the CLI's client commands read the address
 * to find a node started on another port.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { HomeInUseError } from './errors.js'

export const LOCK_FILE = 'node.lock'

export interface RunningNode {
  readonly pid: number
  /** The API's URL, once it listens. */
  readonly api?: string
}

export interface HomeLock {
  /** Writes the API's actual URL into the lock, for the CLI. */
  setApi(url: string): Promise<void>
  /** Removes the lock (the node stopped). */
  release(): Promise<void>
}

/** Whether a process with this id runs (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readLock(path: string): Promise<RunningNode | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  try {
    const parsed = JSON.parse(text) as Partial<RunningNode>
    if (typeof parsed.pid !== 'number' || !Number.isSafeInteger(parsed.pid)) return undefined
    return { pid: parsed.pid, ...(typeof parsed.api === 'string' ? { api: parsed.api } : {}) }
  } catch {
    return undefined // a half-written lock of a process that died while writing it
  }
}

/** The node running on `home`, if one is: a lock whose process is alive. */
export async function runningNode(home: string): Promise<RunningNode | undefined> {
  const lock = await readLock(join(home, LOCK_FILE))
  return lock !== undefined && alive(lock.pid) ? lock : undefined
}

/** A {@link HomeInUseError} when a node runs on `home`: checked before asking anything. */
export async function assertNotRunning(home: string): Promise<void> {
  const running = await runningNode(home)
  if (running !== undefined)
    throw new HomeInUseError(`${resolve(home)} is in use by process ${running.pid}`)
}

/**
 * Takes the lock of `home` (creating the directory); a {@link HomeInUseError} when a live
 * process holds it. A lock left by a process that is gone (kill -9, power loss) is taken over.
 */
export async function lockHome(home: string): Promise<HomeLock> {
  await mkdir(home, { recursive: true, mode: 0o700 })
  const path = join(home, LOCK_FILE)
  const write = (running: RunningNode, flag: 'wx' | 'w') =>
    writeFile(path, `${JSON.stringify(running)}\n`, { mode: 0o600, flag })
  for (let attempt = 0; ; attempt++) {
    try {
      await write({ pid: process.pid }, 'wx')
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err
    }
    await assertNotRunning(home)
    await rm(path, { force: true }) // stale: its process is gone
  }
  let released = false
  return {
    setApi: async (url) => {
      if (!released) await write({ pid: process.pid, api: url }, 'w')
    },
    release: async () => {
      released = true
      await rm(path, { force: true })
    },
  }
}
