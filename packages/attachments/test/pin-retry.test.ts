import { describe, expect, it } from 'vitest'
import {
  PinFailures,
  type PinWork,
  pinLanes,
  RETRY_FIRST_MS,
  RETRY_MAX_MS,
  retryDelay,
  runLanes,
} from '../src/pin-retry.js'

const MINUTE = 60_000

describe('failed pins', () => {
  it('wait 1 minute after a failure, doubling to at most 1 hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelay)).toEqual(
      [1, 2, 4, 8, 16, 32, 60, 60, 60].map((minutes) => minutes * MINUTE),
    )
    expect(RETRY_FIRST_MS).toBe(MINUTE)
    expect(RETRY_MAX_MS).toBe(60 * MINUTE)
  })

  it('are left out until their time comes, and forgotten once pinned', () => {
    const failures = new PinFailures()
    const t0 = 1_000_000
    expect(failures.failed('a', 'not found', t0)).toEqual({
      error: 'not found',
      attempts: 1,
      retryAt: t0 + MINUTE,
    })
    expect(failures.waiting(t0 + MINUTE - 1)).toEqual(new Set(['a']))
    expect(failures.waiting(t0 + MINUTE)).toEqual(new Set())
    // the second failure in a row waits 2 minutes, the third 4
    failures.failed('a', 'not found', t0 + MINUTE)
    expect(failures.waiting(t0 + 3 * MINUTE - 1)).toEqual(new Set(['a']))
    expect(failures.failed('a', 'not found', t0 + 3 * MINUTE).retryAt).toBe(t0 + 7 * MINUTE)
    failures.succeeded('a')
    expect(failures.get('a')).toBeUndefined()
    // after a success, the next failure starts again at 1 minute
    expect(failures.failed('a', 'not found', t0).attempts).toBe(1)
  })
})

describe('the lanes of pinning', () => {
  it('puts own, followed and retried pins in lanes of their own', () => {
    const failures = new PinFailures()
    failures.failed('own-failed', 'x', 0)
    failures.failed('follow-failed', 'x', 0)
    const [own, follow, retries] = pinLanes(
      [
        { cid: 'own-1', size: 1 },
        { cid: 'own-failed', size: 1 },
      ],
      [
        { cid: 'follow-failed', size: 1 },
        { cid: 'follow-1', size: 1 },
      ],
      failures,
    )
    expect(own?.map((w) => w.cid)).toEqual(['own-1'])
    expect(follow?.map((w) => w.cid)).toEqual(['follow-1'])
    expect(retries?.map((w) => [w.cid, w.origin])).toEqual([
      ['own-failed', 'own'],
      ['follow-failed', 'follow'],
    ])
  })

  it('never lets a pin that hangs hold up the followed organisations’ pins', async () => {
    // the own lane's first file hangs until the followed file is pinned: in one lane this
    // would never end
    let followPinned: () => void = () => undefined
    const followDone = new Promise<void>((resolve) => {
      followPinned = resolve
    })
    const order: string[] = []
    const lanes: PinWork[][] = [
      [
        { cid: 'nobody-has-it', size: 1, origin: 'own' },
        { cid: 'own-2', size: 1, origin: 'own' },
      ],
      [{ cid: 'dataset', size: 1, origin: 'follow' }],
      [{ cid: 'retry', size: 1, origin: 'follow' }],
    ]
    await runLanes(lanes, async ({ cid }) => {
      if (cid === 'nobody-has-it') await followDone
      order.push(cid)
      if (cid === 'dataset') followPinned()
    })
    expect(order.indexOf('dataset')).toBeLessThan(order.indexOf('nobody-has-it'))
    expect(order.indexOf('nobody-has-it')).toBeLessThan(order.indexOf('own-2'))
    expect(order).toHaveLength(4)
  })

  it('stops taking work once aborted', async () => {
    const controller = new AbortController()
    const done: string[] = []
    await runLanes(
      [
        [
          { cid: 'a', size: 1, origin: 'own' },
          { cid: 'b', size: 1, origin: 'own' },
        ],
      ],
      async ({ cid }) => {
        done.push(cid)
        controller.abort()
      },
      { signal: controller.signal },
    )
    expect(done).toEqual(['a'])
  })
})
