/**
 * kill -9, again and again, while single records and 1,000-record bulks are published (and
 * while many writers' single records share group commits): no acknowledged record is lost, no bulk is stored in part, SQLite's integrity check passes
 * and the search index holds exactly the records after every restart. The bench kills 20
 * times (`pnpm bench --faults`); here a few kills.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { killDuringWrites, TestNode } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

describe('kill -9 under single and bulk writes', () => {
  it('loses no acknowledged record, stores every bulk whole or not at all, stays sound', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polder-kill-'))
    const node = new TestNode('killed', join(dir, 'home'))
    try {
      const report = await killDuringWrites(node, { kills: 3, bulkSize: 1_000, seed: 3 })
      expect(report.acknowledged).toBeGreaterThan(0)
      expect(report.lost).toBe(0)
      expect(report.partialBulks).toBe(0)
      expect(report.integrityFailures).toEqual([])
      expect(report.searchMismatches).toEqual([])
      // and the node goes on writing after the last kill
      expect(
        await node.publish([
          { kind: 'practice', languages: ['en'], title: { en: 'after' }, status: 'pilot' },
        ]),
      ).toHaveLength(1)
    } finally {
      await node.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it('loses no acknowledged record of 30 concurrent writers whose publishes share group commits', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'polder-kill-group-'))
    const node = new TestNode('killed-group', join(dir, 'home'))
    try {
      const report = await killDuringWrites(node, {
        kills: 3,
        singleWriters: 30,
        bulkSize: 200,
        seed: 11,
      })
      expect(report.acknowledged).toBeGreaterThan(0)
      expect(report.lost).toBe(0)
      expect(report.partialBulks).toBe(0)
      expect(report.integrityFailures).toEqual([])
      expect(report.searchMismatches).toEqual([])
    } finally {
      await node.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
