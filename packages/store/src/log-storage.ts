/**
 * OrbitDB storages backed by the node's SQLite database: entry and identity blocks,
 * the per-log index of entries, and the per-log heads. Being in SQLite, a log append and
 * the state it produces commit together.
 */
import type { DatabaseSync } from 'node:sqlite'
import type { Storage } from '@orbitdb/core'
import { BLOCK_CACHE_SIZE } from './constants.js'

function unsupported(): never {
  throw new Error('Not supported by Polder storage')
}

function storage<V>(ops: {
  put(key: string, value: V): void
  get(key: string): V | undefined
  del(key: string): void
}): Storage<V> {
  return {
    put: async (key, value) => ops.put(key, value),
    get: async (key) => ops.get(key),
    del: async (key) => ops.del(key),
    // OrbitDB calls these only through clear/drop and merge, which Polder never uses
    iterator: unsupported,
    merge: async () => unsupported(),
    clear: async () => unsupported(),
    // the database outlives each log
    close: async () => {},
  }
}

export interface BlockStorage extends Storage<Uint8Array> {
  /** Stores blocks without a promise each (a bulk join stores thousands). */
  putMany(blocks: readonly { readonly hash: string; readonly bytes: Uint8Array }[]): void
  /**
   * Forgets the cache: after a rolled-back join, whose blocks must not be found again
   * (a later entry pointing to one would join it without it being on disk).
   */
  forgetCached(): void
}

/**
 * Content-addressed blocks (log entries, identities), shared by all logs, with a small
 * cache: every append reads the current heads and the identity again. Blocks never
 * change under a hash, so a cached block is right as long as its transaction committed.
 */
export function blockStorage(db: DatabaseSync, cacheSize = BLOCK_CACHE_SIZE): BlockStorage {
  const put = db.prepare('INSERT OR IGNORE INTO blocks (hash, bytes) VALUES (?, ?)')
  const get = db.prepare('SELECT bytes FROM blocks WHERE hash = ?')
  const del = db.prepare('DELETE FROM blocks WHERE hash = ?')
  const cache = new Map<string, Uint8Array>()
  const remember = (hash: string, bytes: Uint8Array) => {
    cache.delete(hash)
    cache.set(hash, bytes)
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string)
  }
  const blocks = storage<Uint8Array>({
    put: (hash, bytes) => {
      put.run(hash, bytes)
      remember(hash, bytes)
    },
    get: (hash) => {
      const cached = cache.get(hash)
      if (cached !== undefined) return cached
      const bytes = (get.get(hash) as { bytes: Uint8Array } | undefined)?.bytes
      if (bytes !== undefined) remember(hash, bytes)
      return bytes
    },
    del: (hash) => {
      cache.delete(hash)
      del.run(hash)
    },
  })
  const putMany = (added: readonly { readonly hash: string; readonly bytes: Uint8Array }[]) => {
    for (const { hash, bytes } of added) {
      put.run(hash, bytes)
      remember(hash, bytes)
    }
  }
  return { ...blocks, putMany, forgetCached: () => cache.clear() }
}

/** Which entries a log holds (verified and joined). */
export function indexStorage(db: DatabaseSync, log: string): Storage<boolean> {
  const put = db.prepare('INSERT OR IGNORE INTO log_index (log, hash) VALUES (?, ?)')
  const get = db.prepare('SELECT 1 AS present FROM log_index WHERE log = ? AND hash = ?')
  const del = db.prepare('DELETE FROM log_index WHERE log = ? AND hash = ?')
  return storage({
    put: (hash) => void put.run(log, hash),
    get: (hash) => (get.get(log, hash) === undefined ? undefined : true),
    del: (hash) => void del.run(log, hash),
  })
}

/** The entry index of a log, in bulk: what a join of a peer's segment asks and adds. */
export interface LogIndexBulk {
  /** Which of `hashes` the log holds, in one statement. */
  held(hashes: readonly string[]): Set<string>
  /** Adds entries to the log's index; the caller holds the transaction. */
  addMany(hashes: readonly string[]): void
  /** How many entries the log holds. */
  count(): number
}

export function logIndexBulk(db: DatabaseSync, log: string): LogIndexBulk {
  const held = db.prepare(
    'SELECT hash FROM log_index WHERE log = ? AND hash IN (SELECT value FROM json_each(?))',
  )
  const add = db.prepare(
    'INSERT OR IGNORE INTO log_index (log, hash) SELECT ?, value FROM json_each(?)',
  )
  const count = db.prepare('SELECT count(*) AS entries FROM log_index WHERE log = ?')
  return {
    held: (hashes) =>
      hashes.length === 0
        ? new Set()
        : new Set(
            (held.all(log, JSON.stringify(hashes)) as { hash: string }[]).map((row) => row.hash),
          ),
    addMany: (hashes) => {
      if (hashes.length > 0) add.run(log, JSON.stringify(hashes))
    },
    count: () => (count.get(log) as { entries: number }).entries,
  }
}

/** A log's heads: OrbitDB keeps them under the one key `heads`. */
export function headsStorage(db: DatabaseSync, log: string): Storage<Uint8Array> {
  const put = db.prepare(
    'INSERT INTO log_heads (log, heads) VALUES (?, ?) ON CONFLICT (log) DO UPDATE SET heads = excluded.heads',
  )
  const get = db.prepare('SELECT heads FROM log_heads WHERE log = ?')
  const del = db.prepare('DELETE FROM log_heads WHERE log = ?')
  return storage({
    put: (_key, bytes) => void put.run(log, bytes),
    get: () => (get.get(log) as { heads: Uint8Array } | undefined)?.heads,
    del: () => void del.run(log),
  })
}
