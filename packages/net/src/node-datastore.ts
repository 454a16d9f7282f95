/**
 * Opens the node's LevelDB datastore (libp2p's peer store and DHT records, Helia's pins): a
 * damaged one is set aside and a new one made, a locked one is a named error.
 *
 * What it holds is rebuilt by a running node: peers are met again through bootstrap and the
 * DHT, provider records come back as their providers renew them (hourly, kad-dht), and the
 * attachment policy pins its files again from the blocks on disk at its next run. A node
 * that refused to start over it would need an operator for nothing.
 */
import { rename } from 'node:fs/promises'
import { LevelDatastore } from 'datastore-level'
import { DatastoreLockedError } from './errors.js'

export interface OpenedDatastore {
  readonly datastore: LevelDatastore
  /** Where a damaged datastore was moved before a new one was made. */
  readonly setAside?: string
}

/** Opens the LevelDB at `dir`, created if missing (datastore-level's own options). */
async function open(dir: string): Promise<LevelDatastore> {
  const datastore = new LevelDatastore(dir)
  // the Level's own open: datastore-level's turns the error into a string, losing its code
  await datastore.db.open({ createIfMissing: true, compression: false })
  return datastore
}

export async function openDatastore(dir: string): Promise<OpenedDatastore> {
  try {
    return { datastore: await open(dir) }
  } catch (err) {
    // classic-level: LEVEL_DATABASE_NOT_OPEN, the reason in its cause
    const code = (err as { cause?: { code?: unknown } }).cause?.code
    if (code === 'LEVEL_LOCKED') throw new DatastoreLockedError(dir, { cause: err })
    if (code !== 'LEVEL_CORRUPTION') throw err
  }
  const setAside = `${dir}.damaged-${new Date().toISOString().replaceAll(':', '-')}`
  await rename(dir, setAside)
  return { datastore: await open(dir), setAside }
}
