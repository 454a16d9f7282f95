/**
 * The baseline: raw OrbitDB 4 `documents` puts on Helia with a file-system blockstore,
 * the way OrbitDB's own examples set it up, measured in the same run.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startOrbitDB } from './orbitdb-helia.ts'
import { practice } from './records.ts'

export async function orbitdbPutsPerSecond(count: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'polder-bench-orbitdb-'))
  try {
    const { orbitdb, stop } = await startOrbitDB(dir, { id: 'bench' })
    try {
      const db = await orbitdb.open('bench-docs', { type: 'documents' })
      const start = performance.now()
      for (let i = 0; i < count; i++) await db.put({ _id: String(i), ...practice(i) })
      return (count / (performance.now() - start)) * 1000
    } finally {
      await stop()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
