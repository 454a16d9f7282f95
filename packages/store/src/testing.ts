/**
 * Helpers for the tests of the store and of the packages built on it: a temp directory
 * removed on dispose, a store opened in it, a valid record. Imported as
 * `@polder/store/testing`, never by code that runs in a node.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewRecord } from '@polder/schema'
import { loadOrCreateKey } from './keys.js'
import { Store } from './store.js'

/** A temp directory removed on dispose. */
export async function tempDir(): Promise<{ path: string } & AsyncDisposable> {
  const path = await mkdtemp(join(tmpdir(), 'polder-store-'))
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) }
}

export async function openStore(home: string): Promise<Store> {
  const { key } = await loadOrCreateKey(home)
  return Store.open({ home, key })
}

export function practice(n: number): NewRecord {
  return {
    kind: 'practice',
    languages: ['nl', 'en'],
    title: { nl: `Hittekaart ${n}`, en: `Heat map ${n}` },
    summary: {
      nl: 'Waar het in de wijk te heet wordt.',
      en: 'Where the neighbourhood gets too hot.',
    },
    status: 'pilot',
    themes: ['climate-adaptation'],
    places: [{ name: 'Zwolle', country: 'NL', municipality: 'GM0193' }],
  }
}
