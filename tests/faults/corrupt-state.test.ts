/**
 * A damaged state file at start: garbage over its pages, garbage over all of it, or cut
 * short. The node must refuse to start with an error that names the file and says what to
 * do, exit non-zero, and leave the file's bytes exactly as they were.
 */
import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { copyFile, mkdtemp, open, readdir, readFile, rm, stat, truncate } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TestNode } from '@polder/testnet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const BIN = createRequire(import.meta.url).resolve('@polder/node/bin')

/** `polder start` on `home`: its exit code and output (it should not get far). */
function start(home: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: {
        ...process.env,
        POLDER_HOME: home,
        POLDER_API: '127.0.0.1:0',
        POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`polder start did not exit in 30 s:\n${stdout}${stderr}`))
    }, 30_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** sha-256 of every state file in `home` (the database and any -wal or -shm beside it). */
async function fingerprints(home: string): Promise<Record<string, string>> {
  const files = (await readdir(home)).filter((name) => name.startsWith('state.sqlite'))
  const sums: Record<string, string> = {}
  for (const name of files) {
    sums[name] = createHash('sha256')
      .update(await readFile(join(home, name)))
      .digest('hex')
  }
  return sums
}

async function overwrite(file: string, from: number, length: number): Promise<void> {
  const handle = await open(file, 'r+')
  try {
    await handle.write(randomBytes(length), 0, length, from)
  } finally {
    await handle.close()
  }
}

let dir: string
let pristine: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-corrupt-'))
  const node = new TestNode('corrupted', join(dir, 'home'))
  await node.start()
  try {
    await node.publish(
      Array.from({ length: 500 }, (_, i) => ({
        kind: 'practice',
        languages: ['en'],
        title: { en: `Heat map ${i}` },
        status: 'pilot',
      })),
    )
  } finally {
    await node.stop()
  }
  pristine = join(dir, 'pristine.sqlite')
  await copyFile(join(node.home, 'state.sqlite'), pristine)
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a damaged state file at start', () => {
  const damages: [string, (file: string, size: number) => Promise<void>][] = [
    [
      'garbage over its pages (the header kept)',
      (file, size) => overwrite(file, 4_096, size - 4_096),
    ],
    ['garbage over all of it', (file, size) => overwrite(file, 0, size)],
    [
      'garbage over a few pages in the middle',
      (file, size) => overwrite(file, Math.floor(size / 2 / 4_096) * 4_096, 3 * 4_096),
    ],
    ['cut short', (file, size) => truncate(file, Math.floor(size / 3))],
  ]
  for (const [damage, apply] of damages) {
    it(`refuses to start, names the file and what to do, and overwrites nothing: ${damage}`, async () => {
      const home = join(dir, 'home')
      const file = join(home, 'state.sqlite')
      await rm(`${file}-wal`, { force: true })
      await rm(`${file}-shm`, { force: true })
      await copyFile(pristine, file)
      await apply(file, (await stat(file)).size)
      const before = await fingerprints(home)

      const result = await start(home)

      expect(result.stdout).not.toContain('Polder node started')
      expect(result.code, result.stderr).toBe(2)
      expect(result.stderr).toContain(file)
      expect(result.stderr).toMatch(/damaged/)
      expect(result.stderr).toMatch(/restore the file from your backup/)
      // one clear line, not a stack trace
      expect(result.stderr).not.toMatch(/\n\s+at /)
      expect(await fingerprints(home)).toEqual(before)
    }, 40_000)
  }
})
