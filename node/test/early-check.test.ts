/**
 * `polder start`'s state file check begun by the bin before the CLI loads: only for the
 * start command, on the home the command line names, and stopped when it is not used.
 */
import { open, rm, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { loadOrCreateKey, StateFileCorruptError, Store } from '@polder/store'
import { CLEAN_STOP_FILE } from '@polder/store/integrity'
import { practice, tempDir } from '@polder/store/testing'
import { describe, expect, it } from 'vitest'
import { beginEarlyCheck } from '../src/early-check.js'

const argv = (...args: string[]) => ['node', 'bin.js', ...args]

async function filledHome(home: string): Promise<void> {
  const { key } = await loadOrCreateKey(home)
  const store = await Store.open({ home, key })
  try {
    await store.publishMany(Array.from({ length: 200 }, (_, i) => practice(i)))
  } finally {
    await store.stop()
  }
}

describe('the early state file check', () => {
  it('begins only for polder start', () => {
    for (const args of [[], ['status'], ['init', '--home', 'x'], ['search', 'start']]) {
      expect(beginEarlyCheck(argv(...args), {})).toBeUndefined()
    }
  })

  it('checks the home of --home, --home=, POLDER_HOME or ./.polder, as the CLI reads them', async () => {
    const homeOf = (args: string[], env: NodeJS.ProcessEnv = {}) => {
      const early = beginEarlyCheck(argv(...args), env)
      early?.stop()
      return early?.home
    }
    expect(homeOf(['start', '--home', '/tmp/a'])).toBe('/tmp/a')
    expect(homeOf(['--debug', 'start', '--api', '127.0.0.1:0', '--home=/tmp/b'])).toBe('/tmp/b')
    expect(homeOf(['start'], { POLDER_HOME: '/tmp/c' })).toBe('/tmp/c')
    expect(homeOf(['start', '--home', '/tmp/d'], { POLDER_HOME: '/tmp/c' })).toBe('/tmp/d')
    expect(homeOf(['start'])).toBe(resolve('.polder'))
  })

  it('passes a whole file and refuses a damaged one', async () => {
    await using dir = await tempDir()
    await filledHome(dir.path)
    await expect(beginEarlyCheck(argv('start', '--home', dir.path))?.check).resolves.toMatchObject({
      checkedAt: expect.any(Number),
    })
    const file = join(dir.path, 'state.sqlite')
    const handle = await open(file, 'r+')
    try {
      const { size } = await stat(file)
      await handle.write(Buffer.alloc(3 * 4096, 0xa5), 0, 3 * 4096, Math.floor(size / 8192) * 4096)
    } finally {
      await handle.close()
    }
    const early = beginEarlyCheck(argv('start', '--home', dir.path))
    await expect(early?.check).rejects.toBeInstanceOf(StateFileCorruptError)
  })

  it('stops its worker when it is not used, rejecting with the reason', async () => {
    await using dir = await tempDir()
    await filledHome(dir.path)
    // without its clean stop's note, so that the file is read on a worker
    await rm(join(dir.path, CLEAN_STOP_FILE))
    const early = beginEarlyCheck(argv('start', '--home', dir.path))
    early?.stop()
    await expect(early?.check).rejects.toThrow(/abort/i)
  })
})
