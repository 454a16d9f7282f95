/**
 * Random requests against a running node: its routes with random and hostile parameters,
 * random query strings, headers and bodies, with and without the token. Every one gets an
 * answer below 500, and the node stays up. `pnpm bench --faults` sends many more.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fuzzApi, TestNode } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

describe('fuzzing the HTTP API', () => {
  it('answers every random request with a status below 500 and stays up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polder-fuzz-api-'))
    // downloads of unknown files give up after 1 s instead of 30
    const node = new TestNode('fuzzed', join(dir, 'home'), { env: { POLDER_FETCH_TIMEOUT: '1' } })
    try {
      await node.start()
      // a new seed each run, named in any failure so that it can be replayed
      const seed = Date.now() % 100_000
      const result = await fuzzApi(node, { runs: 2_000, seed })
      expect(result.examples, `seed ${seed}`).toEqual([])
      expect(result.serverErrors).toBe(0)
      expect(result.noAnswer).toBe(0)
      // the requests reached the routes: some were served, many refused
      const count = (from: number, to: number) =>
        Object.entries(result.statuses)
          .filter(([status]) => Number(status) >= from && Number(status) < to)
          .reduce((sum, [, n]) => sum + n, 0)
      expect(count(200, 300)).toBeGreaterThan(50)
      expect(count(400, 500)).toBeGreaterThan(500)
      expect(node.running).toBe(true)
      expect((await fetch(`${node.url}/health`)).status).toBe(200)
    } finally {
      await node.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
