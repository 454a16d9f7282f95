/** The node's search service on a real store: what a search finds right after a change. */
import { openStore, practice, tempDir } from '@polder/store/testing'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { SearchService } from '../src/parts/search.js'

describe('the search service', () => {
  it("finds a record in a search asked on the record's own record:added event", async () => {
    await using dir = await tempDir()
    const store = await openStore(dir.path)
    const service = SearchService.open(store, dir.path, pino({ level: 'silent' }))
    try {
      // what a viewer or the propagation bench does: search as soon as the event is heard;
      // the index's batch of that turn is written at the turn's end, so the read flushes it
      const found = new Promise<number>((resolve) =>
        store.addEventListener(
          'record:added',
          () => resolve(service.search({ text: 'Hittekaart' }).hits.length),
          { once: true },
        ),
      )
      await store.publish(practice(1))
      expect(await found).toBe(1)
    } finally {
      await service.close()
      await store.stop()
    }
  })

  it('counts a record published a moment ago, while its indexing waits for the window', async () => {
    await using dir = await tempDir()
    const store = await openStore(dir.path)
    const service = SearchService.open(store, dir.path, pino({ level: 'silent' }))
    try {
      await store.publish(practice(1))
      expect(service.status.records).toBe(1)
    } finally {
      await service.close()
      await store.stop()
    }
  })
})
