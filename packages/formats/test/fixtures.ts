/** The record model's fixtures (packages/schema/fixtures), validated. */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type RecordState, validateRecord } from '@polder/schema'

const ROOT = fileURLToPath(new URL('../../schema/fixtures/records/', import.meta.url))

export function fixtureRecords(): { slug: string; record: RecordState }[] {
  return readdirSync(ROOT)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) =>
      (JSON.parse(readFileSync(`${ROOT}${file}`, 'utf8')) as unknown[]).map((raw) => {
        const result = validateRecord(raw)
        if (!result.ok) throw new Error(`fixture ${file} is invalid`)
        return {
          slug: `${file.replace(/\.json$/, '')} ${result.value.kind} ${result.value.id}`,
          record: result.value,
        }
      }),
    )
}
