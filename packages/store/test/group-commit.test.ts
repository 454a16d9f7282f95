import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import type { Store } from '../src/store.js'
import { openStore, practice, tempDir } from '../src/testing.js'
import { GATHER_OPERATIONS } from '../src/writer.js'

/** The log entries that carried the store's own changes from now on, in order. */
function entriesSeen(store: Store): string[] {
  const entries: string[] = []
  store.addEventListener('record:added', ({ detail }) => {
    if (entries.at(-1) !== detail.entry) entries.push(detail.entry)
  })
  return entries
}

/** Publishes one record in each of `turns` turns of the event loop, the first right away. */
async function publishOnePerTurn(store: Store, turns: number, first = 0): Promise<unknown> {
  const published: Promise<unknown>[] = []
  for (let turn = 0; turn < turns; turn++) {
    if (turn > 0) await nextTurn()
    published.push(store.publish(practice(first + turn)))
  }
  return Promise.all(published)
}

describe('group commit', () => {
  it('commits publishes read in the turns right after the first with it, in one entry', async () => {
    // over HTTP the first request of a burst is often read alone, its client's others in
    // the turns after: each used to cost an entry, signature and transaction of its own
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const entries = entriesSeen(store)
    await publishOnePerTurn(store, 5)
    expect(store.count()).toBe(5)
    expect(entries).toHaveLength(1)
  })

  it('closes a batch once a turn brings nothing new, so the next burst is a group of its own', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const entries = entriesSeen(store)
    await publishOnePerTurn(store, 3)
    await publishOnePerTurn(store, 3, 3)
    expect(store.count()).toBe(6)
    expect(entries).toHaveLength(2)
  })

  it('does not hold a batch open for ever under a steady stream of publishes', async () => {
    await using dir = await tempDir()
    await using store = await openStore(dir.path)
    const entries = entriesSeen(store)
    const turns = GATHER_OPERATIONS * 3
    await publishOnePerTurn(store, turns)
    expect(store.count()).toBe(turns)
    // a batch closes at GATHER_OPERATIONS; those arriving while it commits form the next
    expect(entries.length).toBeGreaterThanOrEqual(3)
  })
})
