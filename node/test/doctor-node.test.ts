/**
 * The doctor's reading of a node's status, over the statuses a node can be in (the ones a
 * single test machine cannot reach for real, relayed or public, included); the real node's
 * are checked in doctor.test.ts and tests/collective/one-key-two-machines.test.ts.
 */
import type { OutputOf, Routes } from '@polder/api'
import { describe, expect, it } from 'vitest'
import { checkClock, checkPeers, checkReachability } from '../src/doctor-node.js'

type Status = OutputOf<Routes['getStatus']>

const DAY = 86_400_000

function status(over: Partial<Status>): Status {
  return {
    version: '0.1.0',
    did: 'did:key:z6Mk',
    peerId: '12D3KooW',
    addresses: [],
    peers: 0,
    records: 0,
    search: { state: 'ready', records: 0 },
    network: { state: 'started', reachability: 'private', relays: [], connections: [] },
    clock: [],
    ...over,
  }
}

const peer = (name: string, skewMs: number) => ({
  peer: name,
  skewMs,
  seen: '2026-12-05T12:00:00Z',
})

describe('the clock check', () => {
  it('blames this clock only when the typical of at least three peers is off', () => {
    const three = checkClock(status({ clock: [peer('a', -DAY), peer('b', -DAY), peer('c', 0)] }))
    expect(three.verdict).toBe('fail')
    expect(three.finding).toContain('1440 min behind')
    expect(three.action).toContain('timedatectl')
  })

  it('with two peers off, cannot tell whose clock it is: a warning naming them', () => {
    const two = checkClock(status({ clock: [peer('a', DAY), peer('b', DAY)] }))
    expect(two.verdict).toBe('warn')
    expect(two.finding).toContain('a 1440 min ahead, b 1440 min ahead')
  })

  it('is fine within a minute, and skipped with no peer heard', () => {
    expect(checkClock(status({ clock: [peer('a', 59_000), peer('b', -2_000)] })).verdict).toBe('ok')
    expect(checkClock(status({})).verdict).toBe('skip')
  })
})

describe('the reachability check', () => {
  it('passes public, relayed and hole-punched nodes; warns of private ones', () => {
    const of = (reachability: Status['network']['reachability']) =>
      checkReachability(
        status({
          network: { state: 'started', reachability, relays: ['12D3KooWRelay'], connections: [] },
        }),
      )
    expect(of('public').verdict).toBe('ok')
    expect(of('relayed')).toMatchObject({
      verdict: 'ok',
      finding: 'reachable through 1 relay(s) only',
    })
    expect(of('direct-after-hole-punch').verdict).toBe('ok')
    expect(of('private').verdict).toBe('warn')
    expect(of('private').action).toContain('open the libp2p TCP port')
  })

  it('says so while the network is still starting, rather than calling the node private', () => {
    const starting = checkReachability(
      status({
        network: { state: 'starting', reachability: 'private', relays: [], connections: [] },
      }),
    )
    expect(starting).toMatchObject({
      verdict: 'warn',
      finding: 'the node is still starting its network',
    })
  })
})

describe('the peers check', () => {
  const alone = (bootstrapRedials: Status['network']['bootstrapRedials']) =>
    checkPeers(
      status({
        network: {
          state: 'started',
          reachability: 'private',
          relays: [],
          connections: [],
          ...(bootstrapRedials === undefined ? {} : { bootstrapRedials }),
        },
      }),
    )

  it('names the failed redials and the last error of a lone node', () => {
    expect(
      alone({ rounds: 2, failures: { EncryptionFailedError: 3, Error: 1 }, lastFailure: 'refused' })
        .finding,
    ).toBe(
      'no peer connected: the bootstrap peers were dialled again 2 time(s), failing with EncryptionFailedError x3, Error x1; the last: refused',
    )
  })

  it('says only how often when no dial failed (a round aborted at stop)', () => {
    expect(alone({ rounds: 1, failures: {} }).finding).toBe(
      'no peer connected: the bootstrap peers were dialled again 1 time(s)',
    )
  })

  it('without redials, points to POLDER_BOOTSTRAP', () => {
    expect(alone(undefined)).toMatchObject({ verdict: 'warn', finding: 'no peer connected' })
  })
})
