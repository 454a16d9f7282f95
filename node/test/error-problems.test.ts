/**
 * Every named error of the packages below the API that a request can meet has a problem
 * type of its own: the API answers a refused action with its status, never a generic 500.
 * A new error class in any package's errors.ts fails this test until it is mapped (or
 * listed below as one no request can meet).
 */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { ERRORS } from '../src/api/server.js'

const PACKAGES = ['schema', 'store', 'net', 'sync', 'attachments', 'search']

/** Errors no API request can meet, and why. */
const NOT_FROM_REQUESTS: Record<string, string> = {
  EncodingError: 'decoding a peer’s bytes; requests are validated, not decoded',
  InvalidEntryError:
    'a peer’s log entry refused while replicating (an archive’s is an InvalidArchiveError)',
  MissingPastError: 'replication: pushed entries whose past is missing',
  KeyFileError: 'the key file, read before the API starts, and the key CLI',
  StoreVersionError: 'opening the database, before the API starts',
  StateFileCorruptError: 'opening the database, before the API starts',
  ProtocolError: 'a peer’s gossip or sync message',
  PeerMisbehavedError: 'a peer during a pull',
  SyncRefusedError: 'a peer during a pull',
  HolderStalledError: 'a peer during a pull: no message within the timeout',
  HolderTooSlowError: 'a peer during a pull: below the least rate',
  PeerUnreachableError:
    'a pull or a directory request: no connection to the peer could be had, shown in the sync status',
  JoinFailedError:
    'a pull this node could not keep (its own disk or store), shown in the sync status',
  QuotaExceededError: 'replication: an organisation over its quota, shown in the sync status',
  DhtBusyError: 'another node’s DHT request refused while this node answers enough of them',
  DatastoreLockedError: 'opening the network’s datastore, before the API starts',
}

/**
 * 5xx answers that are right: the node is stopping, a part of it is unavailable, or its
 * disk is full (507).
 */
const UNAVAILABLE = new Set([503, 504, 507])

async function errorClasses(pkg: string): Promise<string[]> {
  const url = new URL(`../../packages/${pkg}/src/errors.ts`, import.meta.url)
  const source = await readFile(url, 'utf8')
  return [...source.matchAll(/export class (\w+) extends Error/g)].map((match) => match[1] ?? '')
}

describe('errors at the API boundary', () => {
  it('maps every named error a request can meet to its own problem type and status', async () => {
    const names = (await Promise.all(PACKAGES.map(errorClasses))).flat()
    expect(names).toContain('FollowSelfError')
    const unmapped = names.filter((name) => !(name in NOT_FROM_REQUESTS) && !(name in ERRORS))
    expect(unmapped).toEqual([])
    for (const name of names.filter((n) => n in ERRORS)) {
      const [status, slug] = ERRORS[name] as [number, string]
      expect(status >= 400 && (status < 500 || UNAVAILABLE.has(status)), name).toBe(true)
      expect(slug).toMatch(/^[a-z]+(-[a-z]+)*$/)
    }
  })

  it('lists as internal only errors that exist', async () => {
    const names = new Set((await Promise.all(PACKAGES.map(errorClasses))).flat())
    expect(Object.keys(NOT_FROM_REQUESTS).filter((name) => !names.has(name))).toEqual([])
  })
})
