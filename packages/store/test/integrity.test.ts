/**
 * The state file's check on a worker thread (`checkStateFile`), which a starting node runs
 * while it loads its modules, and the store's open that then skips its own check.
 */
import { createHash, randomBytes } from 'node:crypto'
import { open, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
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
    await expect(checkStateFile(dir.path)).resolves.toBeUndefined()
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
