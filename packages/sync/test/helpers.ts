import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewRecord } from '@polder/schema'
import { loadOrCreateKey, Store } from '@polder/store'

/** A temp directory removed on dispose. */
export async function tempDir(): Promise<{ path: string } & AsyncDisposable> {
  const path = await mkdtemp(join(tmpdir(), 'polder-sync-'))
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) }
}

export async function openStore(home: string): Promise<Store> {
  const { key } = await loadOrCreateKey(home)
  return Store.open({ home, key })
}

export function practice(n: number): NewRecord {
  return {
    kind: 'practice',
    languages: ['en'],
    title: { en: `Heat map ${n}` },
    status: 'pilot',
  }
}
