/**
 * The live-event hub on its own, with responses whose writes never complete (a client whose
 * socket buffers are full): it stops writing at 64 KiB in flight, keeps the events in its
 * ring for a reader that is merely behind, and ends the stream of one that fell off the ring
 * with a `stream:dropped` event; a client that keeps up gets everything.
 */
import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { EventHub } from '../src/api/event-hub.js'

/**
 * A response whose writes complete only when `flush()` is called, as a socket with full
 * buffers: what the hub writes is recorded as it writes it.
 */
function response() {
  const written: string[] = []
  const waiting: (() => void)[] = []
  let ended = false
  const out = {
    write(chunk: Buffer | string, done?: () => void) {
      written.push(chunk.toString())
      if (done !== undefined) waiting.push(done)
      return true
    },
    end(chunk?: string) {
      if (chunk !== undefined) written.push(chunk)
      ended = true
    },
    destroy() {},
    on() {},
  }
  return {
    out: out as unknown as ServerResponse,
    text: () => written.join(''),
    ended: () => ended,
    /** Completes every write so far (and those the completions start). */
    flush: () => {
      while (waiting.length > 0) for (const done of waiting.splice(0)) done()
    },
  }
}

const event = (n: number) => ({ n, padding: 'x'.repeat(1_000) })

describe('the live-event hub', () => {
  it('drops a client that stopped reading once the ring has moved past it, with the reason', () => {
    const hub = new EventHub({ ringBytes: 200_000, dropGraceMs: 60_000 })
    const stalled = response()
    const reader = response()
    hub.admit(stalled.out)
    hub.admit(reader.out)
    for (let n = 0; n < 1_000; n++) {
      hub.broadcast('record:added', event(n))
      reader.flush()
    }
    // the stalled client got at most about 64 KiB, then nothing until it was dropped
    expect(stalled.text().length).toBeLessThan(80_000)
    expect(stalled.text()).toMatch(
      /event: stream:dropped\ndata: \{"reason":"slow-client","missed":\d+/,
    )
    expect(hub.dropped).toBe(1)
    expect(stalled.ended()).toBe(true)
    // the reader got every event, in order, and no drop
    const numbers = [...reader.text().matchAll(/"n":(\d+)/g)].map((m) => Number(m[1]))
    expect(numbers).toEqual(Array.from({ length: 1_000 }, (_, n) => n))
    expect(reader.text()).not.toContain('stream:dropped')
  })

  it('keeps a burst for a reader that is behind but within the ring', () => {
    const hub = new EventHub({ ringBytes: 2_000_000 })
    const behind = response()
    hub.admit(behind.out)
    for (let n = 0; n < 1_000; n++) hub.broadcast('record:added', event(n))
    // nothing completed yet: about 64 KiB in flight, the rest waits in the ring
    expect(behind.text().length).toBeLessThan(80_000)
    behind.flush()
    const numbers = [...behind.text().matchAll(/"n":(\d+)/g)].map((m) => Number(m[1]))
    expect(numbers).toEqual(Array.from({ length: 1_000 }, (_, n) => n))
    expect(hub.dropped).toBe(0)
  })

  it('admits at most maxClients streams', () => {
    const hub = new EventHub({ maxClients: 2 })
    expect(hub.admit(response().out)).toBeDefined()
    expect(hub.admit(response().out)).toBeDefined()
    expect(hub.admit(response().out)).toBeUndefined()
    expect(hub.clients).toBe(2)
  })
})
