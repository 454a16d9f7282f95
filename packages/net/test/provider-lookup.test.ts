/**
 * Provider lookups of wanted blocks: started only once no block came for a while, and not
 * while blocks keep arriving, up to a limit. Bitswap's network is stood in for by an object
 * with its `findAndConnect`; time is vitest's fake clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { delayProviderLookups } from '../src/provider-lookup.js'

function lookups() {
  const looked: string[] = []
  const network = {
    async findAndConnect(cid: unknown, _options?: { signal?: AbortSignal }) {
      looked.push(String(cid))
    },
  }
  return { network, looked }
}

describe('provider lookups', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('looks a block up once it has not come and no other block came either', async () => {
    const { network, looked } = lookups()
    expect(
      delayProviderLookups(network, { ms: 250, flowGapMs: 1_000, whileFlowingMs: 3_000 }),
    ).toBe(true)
    const lookup = network.findAndConnect('a')
    await vi.advanceTimersByTimeAsync(249)
    expect(looked).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    await lookup
    expect(looked).toEqual(['a'])
  })

  it('does not look a block up while other blocks keep arriving, until the limit', async () => {
    const { network, looked } = lookups()
    let lastBlockAt = performance.now()
    delayProviderLookups(network, {
      ms: 250,
      flowGapMs: 1_000,
      whileFlowingMs: 3_000,
      lastBlockAt: () => lastBlockAt,
    })
    const lookup = network.findAndConnect('a')
    // a message of blocks every 900 ms: the want waits its turn
    for (let at = 0; at < 2_700; at += 900) {
      await vi.advanceTimersByTimeAsync(900)
      lastBlockAt = performance.now()
    }
    expect(looked).toEqual([])
    await vi.advanceTimersByTimeAsync(300)
    await lookup
    expect(looked).toEqual(['a'])
  })

  it('looks up as soon as the blocks stop coming', async () => {
    const { network, looked } = lookups()
    let lastBlockAt = performance.now()
    delayProviderLookups(network, {
      ms: 250,
      flowGapMs: 1_000,
      whileFlowingMs: 3_000,
      lastBlockAt: () => lastBlockAt,
    })
    const lookup = network.findAndConnect('a')
    await vi.advanceTimersByTimeAsync(200)
    lastBlockAt = performance.now()
    // once no block came for the flow's gap, not 250 ms after the want
    await vi.advanceTimersByTimeAsync(999)
    expect(looked).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    await lookup
    expect(looked).toEqual(['a'])
  })

  it('never looks up a block that came (its want aborted)', async () => {
    const { network, looked } = lookups()
    delayProviderLookups(network)
    const controller = new AbortController()
    const lookup = network.findAndConnect('a', { signal: controller.signal })
    await vi.advanceTimersByTimeAsync(100)
    controller.abort()
    await vi.advanceTimersByTimeAsync(5_000)
    await lookup
    expect(looked).toEqual([])
  })
})
