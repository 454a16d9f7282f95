/**
 * The map's figures: per municipality or province, how many practices run there and how
 * many adoptions (a practice replicated by another organisation) took place there.
 */
import { type OverviewRecord, provincesOf } from './overview'

export type MapLevel = 'municipality' | 'province'

export interface PlaceCounts {
  readonly running: number
  readonly adopted: number
}

/** Practices that ended no longer run; ideas do not run yet. */
const RUNNING = new Set(['pilot', 'scaled'])

function areasOf(
  record: OverviewRecord,
  level: MapLevel,
  provinceOfMunicipality: ReadonlyMap<string, string>,
): string[] {
  if (level === 'province') return provincesOf(record, provinceOfMunicipality)
  return [
    ...new Set(
      (record.places ?? []).flatMap((place) =>
        place.municipality === undefined ? [] : [place.municipality],
      ),
    ),
  ]
}

/** Counts per CBS code (`GM0363` or `PV27`): the codes of the boundary data. */
export function countByArea(
  records: readonly OverviewRecord[],
  level: MapLevel,
  provinceOfMunicipality: ReadonlyMap<string, string> = new Map(),
): Map<string, PlaceCounts> {
  const counts = new Map<string, { running: number; adopted: number }>()
  for (const record of records) {
    const field =
      record.kind === 'adoption'
        ? 'adopted'
        : record.kind === 'practice' && RUNNING.has(record.status ?? '')
          ? 'running'
          : undefined
    if (field === undefined) continue
    for (const area of areasOf(record, level, provinceOfMunicipality)) {
      const entry = counts.get(area) ?? { running: 0, adopted: 0 }
      entry[field] += 1
      counts.set(area, entry)
    }
  }
  return counts
}
