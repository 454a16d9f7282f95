/**
 * Place codes against the vocabulary of Dutch municipalities and provinces. These checks
 * belong to publishing, not to the record schema: a node refuses an unknown code in its
 * own organisation's records, but keeps a peer's record with a code it does not know (a
 * newer vocabulary) and flags it (see docs/record-model.md).
 */
import type { Problem } from './problems.js'
import { pointer, problemsOf } from './problems.js'
import { MUNICIPALITIES, PROVINCES } from './vocabularies/regions.js'

const MUNICIPALITY = new Map<string, { name: string; province: string }>(
  MUNICIPALITIES.map((m) => [m.code, { name: m.name, province: m.province }]),
)
const PROVINCE_NAME = new Map<string, string>(PROVINCES.map((p) => [p.code, p.name]))
const PROVINCE_LIST = PROVINCES.map((p) => `${p.code} (${p.name})`).join(', ')

/** The municipality of a CBS code, when the vocabulary has it. */
export function municipalityOf(code: string): { name: string; province: string } | undefined {
  return MUNICIPALITY.get(code)
}

/** The name of a province code, when the vocabulary has it. */
export function provinceName(code: string): string | undefined {
  return PROVINCE_NAME.get(code)
}

interface PlaceLike {
  municipality?: unknown
  province?: unknown
}

function placesOf(input: unknown): unknown[] {
  if (input === null || typeof input !== 'object') return []
  const places = (input as { places?: unknown }).places
  return Array.isArray(places) ? places : []
}

function isPlace(place: unknown): place is PlaceLike {
  return place !== null && typeof place === 'object' && !Array.isArray(place)
}

/**
 * A draft with the province of each known municipality filled in where it is missing;
 * anything else is returned as it is (validation reports it).
 */
export function completePlaces<T>(input: T): T {
  const places = placesOf(input)
  if (places.length === 0) return input
  const completed = places.map((place) => {
    if (!isPlace(place) || place.province !== undefined) return place
    if (typeof place.municipality !== 'string') return place
    const known = MUNICIPALITY.get(place.municipality)
    return known === undefined ? place : { ...place, province: known.province }
  })
  return { ...input, places: completed }
}

/** Suggestions for an unknown municipality code: the municipalities whose code is near (a typo). */
function nearHint(code: string): string {
  const number = Number(code.slice(2))
  const near = [...MUNICIPALITY.entries()]
    .map(([other, m]) => ({ other, m, distance: Math.abs(Number(other.slice(2)) - number) }))
    .filter(({ distance }) => distance <= 10)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, 3)
    .map(({ other, m }) => `${other} ${m.name}`)
  return near.length === 0 ? '' : ` (${near.join(', ')}, …?)`
}

function custom(path: (string | number)[], problem: string, params: Record<string, unknown>) {
  return problemsOf({
    code: 'custom',
    path,
    message: problem,
    params: { problem, ...params },
    input: undefined,
  })
}

/**
 * Problems of the place codes of a record or draft: a municipality or province not in
 * the vocabulary, or a province that is not the municipality's.
 */
export function placeProblems(input: unknown): Problem[] {
  const problems: Problem[] = []
  placesOf(input).forEach((place, index) => {
    if (!isPlace(place)) return
    const { municipality, province } = place
    const known = typeof municipality === 'string' ? MUNICIPALITY.get(municipality) : undefined
    if (typeof municipality === 'string' && /^GM[0-9]{4}$/.test(municipality) && !known) {
      problems.push(
        ...custom(['places', index, 'municipality'], 'unknown-municipality', {
          code: municipality,
          hint: nearHint(municipality),
        }),
      )
    }
    if (typeof province === 'string' && /^PV[0-9]{2}$/.test(province)) {
      if (!PROVINCE_NAME.has(province)) {
        problems.push(
          ...custom(['places', index, 'province'], 'unknown-province', {
            code: province,
            list: PROVINCE_LIST,
          }),
        )
      } else if (known !== undefined && known.province !== province) {
        problems.push(
          ...custom(['places', index, 'province'], 'province-mismatch', {
            municipality,
            municipalityName: known.name,
            actual: known.province,
            actualName: PROVINCE_NAME.get(known.province),
            given: `${province} ${PROVINCE_NAME.get(province)}`,
          }),
        )
      }
    }
  })
  return problems
}

/** The place codes of a stored record that this node's vocabulary does not know. */
export function unknownPlaceCodes(input: unknown): { path: string; code: string }[] {
  const unknown: { path: string; code: string }[] = []
  placesOf(input).forEach((place, index) => {
    if (!isPlace(place)) return
    if (typeof place.municipality === 'string' && !MUNICIPALITY.has(place.municipality)) {
      unknown.push({ path: pointer(['places', index, 'municipality']), code: place.municipality })
    }
    if (typeof place.province === 'string' && !PROVINCE_NAME.has(place.province)) {
      unknown.push({ path: pointer(['places', index, 'province']), code: place.province })
    }
  })
  return unknown
}
