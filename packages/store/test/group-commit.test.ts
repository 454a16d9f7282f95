import { setImmediate as nextTurn } from 'node:timers/promises'
import { describe, expect, it } from 'vitest'
import type { Store } from '../src/store.js'
import { openStore, practice, tempDir } from '../src/testing.js'
import { GATHER_CPU_MS, GATHER_OPERATIONS } from '../src/writer.js'

/** The log entries that carried the store's own changes from now on, in order. */
function entriesSeen(store: Store): string[] {
  const entries: string[] = []
  store.addEventListener('record:added', ({ detail }) => {
    if (entries.at(-1) !== detail.entry) entries.push(detail.entry)
  })
  return entries
}

/** A store whose publish path V8 has compiled: a first publish costs more than the limit. */
async function warmStore(path: string): Promise<Store> {
  const store = await openStore(path)
  await store.publish(practice(-1))
  return store
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
    await using store = await warmStore(dir.path)
    const entries = entriesSeen(store)
    await publishOnePerTurn(store, 5)
    expect(store.count()).toBe(6)
    expect(entries).toHaveLength(1)
  })

  it('closes a batch once a turn brings nothing new, so the next burst is a group of its own', async () => {
    await using dir = await tempDir()
    await using store = await warmStore(dir.path)
    const entries = entriesSeen(store)
    await publishOnePerTurn(store, 3)
    await publishOnePerTurn(store, 3, 3)
    expect(store.count()).toBe(7)
    expect(entries).toHaveLength(2)
  })

  it('does not hold a batch open through turns of long other work', async () => {
    await using dir = await tempDir()
    await using store = await warmStore(dir.path)
    const entries = entriesSeen(store)
    const first = store.publish(practice(0))
    await nextTurn()
    // a turn of other work (a replicated log's slice applied, say) longer than the limit
    const start = process.threadCpuUsage()
    for (;;) {
      const { user, system } = process.threadCpuUsage(start)
      if (user + system > (GATHER_CPU_MS + 5) * 1000) break
    }
    const second = store.publish(practice(1))
    await nextTurn()
    await Promise.all([first, second, store.publish(practice(2))])
    // the first two close their batch; the third, a turn later, is a group of its own
    expect(entries).toHaveLength(2)
  })

  it('does not hold a batch open for ever under a steady stream of publishes', async () => {
    await using dir = await tempDir()
    await using store = await warmStore(dir.path)
    const entries = entriesSeen(store)
    const turns = GATHER_OPERATIONS * 3
    await publishOnePerTurn(store, turns)
    expect(store.count()).toBe(turns + 1)
    // a batch closes at GATHER_OPERATIONS; those arriving while it commits form the next
    expect(entries.length).toBeGreaterThanOrEqual(3)
  })
})
