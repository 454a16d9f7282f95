/** Following the store's events with a window: fewer, larger index transactions. */
import type { PolderRecord, RecordState } from '@polder/schema'
import { TypedEventEmitter } from 'main-event'
import { describe, expect, it, vi } from 'vitest'
import type { ChangeEvents } from '../src/follow.js'
import { follow, SearchIndex } from '../src/index.js'
import { Corpus, fixtures } from './helpers.js'

const live = () => fixtures().filter((s): s is PolderRecord => !('reason' in s))
const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A fresh index in memory and a source of change events to follow. */
function setUp() {
  const { index } = SearchIndex.open({ path: ':memory:', records: new Corpus(fixtures()).load })
  const source = new TypedEventEmitter<ChangeEvents>()
  const add = (state: RecordState) =>
    source.safeDispatchEvent('record:added', {
      detail: { type: 'record:added', state, entry: 'x' },
    })
  return { index, source, add }
}

describe('follow with a window', () => {
  it('keeps the changes of many turns for one transaction, indexed at once by flush', async () => {
    const { index, source, add } = setUp()
    const following = follow(source, index, { windowMs: 60_000 })
    const applied: number[] = []
    const applyMany = index.applyMany.bind(index)
    index.applyMany = (states) => {
      const batch = [...states]
      applied.push(batch.length)
      applyMany(batch)
    }
    // one group commit a turn, as a node under publish load emits them
    for (const state of fixtures()) {
      add(state)
      await turn()
    }
    expect(index.search({}).total).toBe(0)
    following.flush()
    expect(applied).toEqual([fixtures().length])
    expect(index.search({}).total).toBe(live().length)
    following()
    index.close()
  })

  it('indexes what waits when the window ends, or at once when too much waits', async () => {
    const { index, source, add } = setUp()
    const [first, ...rest] = fixtures()
    if (first === undefined) throw new Error('no fixtures')
    const timed = follow(source, index, { windowMs: 20 })
    add(first)
    await turn()
    expect(index.search({}).total).toBe(0)
    await vi.waitFor(() => expect(index.search({}).total).toBe(1), { timeout: 5_000 })
    timed()

    const capped = follow(source, index, { windowMs: 60_000, maxPending: 5 })
    for (const state of rest.slice(0, 5)) add(state)
    await turn()
    expect(index.search({}).total).toBe(6)
    capped()
    index.close()
  })

  it('indexes what waits when it stops following', async () => {
    const { index, source, add } = setUp()
    const stop = follow(source, index, { windowMs: 60_000 })
    for (const state of fixtures()) add(state)
    await turn()
    expect(index.search({}).total).toBe(0)
    stop()
    expect(index.search({}).total).toBe(live().length)
    index.close()
  })
})
