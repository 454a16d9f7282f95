/**
 * The state file's check on a worker thread (`checkStateFile`), which a starting node runs
 * while it loads its modules, and the store's open that then skips its own check; a file as
 * its clean stop left it is not read again (`clean-stop.ts`).
 */
import { createHash, randomBytes } from 'node:crypto'
import { appendFile, copyFile, open, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLEAN_STOP_FILE, FULL_CHECK_MAX_AGE_MS, takeCleanStop } from '../src/clean-stop.js'
import { STATE_FILE } from '../src/constants.js'
import { StateFileCorruptError } from '../src/errors.js'
import { checkStateFile } from '../src/integrity.js'
import { loadOrCreateKey } from '../src/keys.js'
import { Store } from '../src/store.js'
import { practice, tempDir } from '../src/testing.js'

async function filledHome(home: string): Promise<void> {
  const { key } = await loadOrCreateKey(home)
  const store = await Store.open({ home, key })
  try {
    await store.publishMany(Array.from({ length: 300 }, (_, i) => practice(i)))
  } finally {
    await store.stop()
  }
}

const sha = async (file: string) =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex')

describe('checkStateFile', () => {
  it('passes a whole file, and the store opens it checked with every record', async () => {
    await using dir = await tempDir()
    await filledHome(dir.path)
    await checkStateFile(dir.path)
    const { key } = await loadOrCreateKey(dir.path)
    const store = await Store.open({ home: dir.path, key, stateChecked: true })
    try {
      expect(store.count()).toBe(300)
    } finally {
      await store.stop()
    }
  })

  it('passes a home without a state file yet (nothing to check)', async () => {
    await using dir = await tempDir()
    await expect(checkStateFile(dir.path)).resolves.toMatchObject({ read: false })
  })

  it('refuses a file with garbage over a few pages, naming it, and leaves it as it was', async () => {
    await using dir = await tempDir()
    await filledHome(dir.path)
    const file = join(dir.path, STATE_FILE)
    const { size } = await stat(file)
    const handle = await open(file, 'r+')
    try {
      await handle.write(randomBytes(3 * 4096), 0, 3 * 4096, Math.floor(size / 2 / 4096) * 4096)
    } finally {
      await handle.close()
    }
    const before = await sha(file)
    const checked = checkStateFile(dir.path)
    await expect(checked).rejects.toBeInstanceOf(StateFileCorruptError)
    await expect(checked).rejects.toThrow(file)
    expect(await sha(file)).toBe(before)
  })

  it('refuses a file that is not a database', async () => {
    await using dir = await tempDir()
    await filledHome(dir.path)
    const file = join(dir.path, STATE_FILE)
    const handle = await open(file, 'r+')
    try {
      await handle.write(randomBytes(8192), 0, 8192, 0)
    } finally {
      await handle.close()
    }
    await expect(checkStateFile(dir.path)).rejects.toBeInstanceOf(StateFileCorruptError)
  })
})

describe('a restart after a clean stop', () => {
  const exists = (file: string) =>
    stat(file).then(
      () => true,
      () => false,
    )

  it('does not read the file again, once, and keeps when it was last read', async () => {
    await using dir = await tempDir()
    const before = Date.now()
    await filledHome(dir.path)
    expect(await exists(join(dir.path, CLEAN_STOP_FILE))).toBe(true)
    const first = await checkStateFile(dir.path)
    expect(first.read).toBe(false)
    expect(first.checkedAt).toBeGreaterThanOrEqual(before)
    // the note is for one start: a crash after it leaves none, and the next start reads
    expect(await exists(join(dir.path, CLEAN_STOP_FILE))).toBe(false)
    expect((await checkStateFile(dir.path)).read).toBe(true)

    // a store opened on that check notes the same time at its stop, not its own
    const { key } = await loadOrCreateKey(dir.path)
    const store = await Store.open({ home: dir.path, key, stateChecked: true, checkedAt: 1_000 })
    await store.stop()
    expect(takeCleanStop(dir.path, 2_000)).toBe(1_000)
  })

  it('reads a file restored over it, grown, or checked too long ago', async () => {
    await using dir = await tempDir()
    await filledHome(dir.path)
    const file = join(dir.path, STATE_FILE)
    const copy = join(dir.path, 'copy.sqlite')
    await copyFile(file, copy)
    const { key } = await loadOrCreateKey(dir.path)
    const reopen = async () => (await Store.open({ home: dir.path, key })).stop()

    await reopen()
    await copyFile(copy, file) // the same bytes, restored from a backup
    expect((await checkStateFile(dir.path)).read).toBe(true)

    await reopen()
    await appendFile(file, Buffer.alloc(4096))
    expect((await checkStateFile(dir.path)).read).toBe(true)

    await reopen()
    expect(takeCleanStop(dir.path, Date.now() + FULL_CHECK_MAX_AGE_MS)).toBeUndefined()
  })

  it('leaves no note when the store did not know the file was checked', async () => {
    await using dir = await tempDir()
    await filledHome(dir.path)
    await checkStateFile(dir.path)
    const { key } = await loadOrCreateKey(dir.path)
    const store = await Store.open({ home: dir.path, key, stateChecked: true })
    await store.stop()
    expect(await exists(join(dir.path, CLEAN_STOP_FILE))).toBe(false)
  })
})
