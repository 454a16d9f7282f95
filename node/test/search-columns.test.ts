/**
 * A restarted node's search index leaves its in-memory columns unread until the API has
 * answered what came first (then the network's start reads them), or until a search needs
 * them: the first answers after a restart are exactly those of before it, whether they come
 * before the columns are read or after. The network's start is held
 * (`POLDER_FAULT_HOLD_NETWORK`) so that the requests come before it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InProcessNode, openInProcess, startInProcess } from './in-process.js'

let dir: string
let home: string

/** What a client asks first: the node's status, searches with facets, the overview. */
async function answers(node: InProcessNode) {
  return {
    status: await node.api.getStatus(),
    browse: await node.api.searchRecords({ query: {} }),
    text: await node.api.searchRecords({ query: { q: 'hitte', limit: '50' } }),
    budget: await node.api.searchRecords({ query: { kind: 'initiative', sort: 'budget' } }),
    overview: await node.api.getOverview({ query: {} }),
  }
}

/** The status without what only the network's start changes (held here, started before). */
const held = (status: Awaited<ReturnType<InProcessNode['api']['getStatus']>>) => {
  const { network: _n, addresses: _a, peers: _p, clock: _c, ...rest } = status
  return rest
}

let before: Awaited<ReturnType<typeof answers>>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-search-columns-'))
  home = join(dir, 'home')
  const first = await startInProcess(home, {}, { demo: true })
  try {
    await first.context.search.idle() // indexed whole, so its close writes the snapshot
    before = await answers(first)
  } finally {
    await first.close()
  }
  expect(before.status.search.records).toBeGreaterThan(80)
  expect(before.browse.facets.kind?.length).toBeGreaterThan(1)
  expect(before.text.total).toBeGreaterThan(0)
}, 60_000)

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the search columns after a restart', () => {
  it('are read at the first search, which answers as before the restart; the status needs none', async () => {
    const hold = join(dir, 'hold-1')
    const node = await openInProcess(home, { POLDER_FAULT_HOLD_NETWORK: hold })
    try {
      expect(node.context.search.columnsLoaded).toBe(false)
      const status = await node.api.getStatus()
      expect(node.context.search.columnsLoaded).toBe(false) // the count came from the snapshot
      expect(held(status)).toEqual(held(before.status))
      const after = await answers(node)
      expect(node.context.search.columnsLoaded).toBe(true)
      expect(after.browse).toEqual(before.browse)
      expect(after.text).toEqual(before.text)
      expect(after.budget).toEqual(before.budget)
      expect(after.overview).toEqual(before.overview)
      expect(after.status).toEqual(status) // the same with the columns read
      await writeFile(hold, '')
      await node.context.network.started
    } finally {
      await node.close()
    }
  }, 60_000)

  it('are read at the first overview too, which answers as before', async () => {
    const node = await openInProcess(home, { POLDER_FAULT_HOLD_NETWORK: join(dir, 'never') })
    try {
      expect(node.context.search.columnsLoaded).toBe(false)
      expect(await node.api.getOverview({ query: {} })).toEqual(before.overview)
      expect(node.context.search.columnsLoaded).toBe(true)
    } finally {
      await node.close() // with the network never started
    }
  }, 60_000)

  it('are read by the start once the API has answered, before the network; answers as before', async () => {
    const node = await startInProcess(home)
    try {
      expect(node.context.search.columnsLoaded).toBe(true)
      expect(node.context.startedAt.searchColumns).toBeLessThanOrEqual(
        node.context.startedAt.networkLoaded ?? 0,
      )
      const after = await answers(node)
      expect(after.browse).toEqual(before.browse)
      expect(after.text).toEqual(before.text)
      expect(after.overview).toEqual(before.overview)
      expect(held(after.status)).toEqual(held(before.status))
    } finally {
      await node.close()
    }
  }, 60_000)
})
