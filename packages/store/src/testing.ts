/**
 * Helpers for the tests of the store and of the packages built on it: a temp directory
 * removed on dispose, a store opened in it, a valid record. Imported as
 * `@polder/store/testing`, never by code that runs in a node.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { NewRecord } from '@polder/schema'
import type { Segment } from './join.js'
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

/**
 * Every entry of a store's own log, oldest first, with the identity blocks they name: what a
 * peer would send a follower joining from nothing.
 */
export async function ownSegment(store: Store): Promise<Segment> {
  const log = store.log(store.did)
  if (log === undefined) throw new Error(`${store.did} has no own log`)
  const entries: Uint8Array[] = []
  const identities = new Map<string, Uint8Array>()
  for await (const entry of log.traverse()) {
    entries.unshift((await log.bytes(entry.hash)) as Uint8Array)
    identities.set(entry.identity, (await log.bytes(entry.identity)) as Uint8Array)
  }
  return { entries, identities: [...identities.values()] }
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
