/** The facets a search can count and filter on. */
import { MUNICIPALITIES, type RecordState, THEMES } from '@polder/schema'

/** Facet names, as used in `filters` and in the counts of a result. */
export const FACET_NAMES = [
  'kind',
  'theme',
  'sdg',
  'organization',
  'orgType',
  'place',
  'municipality',
  'province',
  'country',
  'status',
  'year',
  'funding',
  'language',
  'barrier',
  'standard',
  'jointPilot',
  'endorses',
  'answers',
  'replicates',
] as const
export type FacetName = (typeof FACET_NAMES)[number]

/** `orgType` comes from the author's organisation record, looked up at query time. */
export type StoredFacet = Exclude<FacetName, 'orgType'>

const SDGS_OF_THEME = new Map<string, readonly number[]>(THEMES.map((t) => [t.code, t.sdgs]))
const PROVINCE_OF = new Map<string, string>(MUNICIPALITIES.map((m) => [m.code, m.province]))

/** The facet values of one live record, as `[facet, value]` pairs without duplicates. */
export function facetsOf(state: RecordState): [StoredFacet, string][] {
  const pairs = new Set<string>()
  const add = (facet: StoredFacet, value: string | number | undefined) => {
    if (value !== undefined) pairs.add(`${facet}\u0000${value}`)
  }
  add('kind', state.kind)
  add('organization', state.author)
  if (!('languages' in state)) return split(pairs)
  for (const language of state.languages) add('language', language)
  for (const theme of state.themes) {
    add('theme', theme)
    for (const sdg of SDGS_OF_THEME.get(theme) ?? []) add('sdg', sdg)
  }
  for (const place of state.places) {
    add('place', place.name)
    add('country', place.country)
    add('municipality', place.municipality)
    const province =
      place.province ??
      (place.municipality === undefined ? undefined : PROVINCE_OF.get(place.municipality))
    add('province', province)
  }
  if ('status' in state) add('status', state.status)
  add('year', yearOf(state))
  if ('funding' in state) for (const item of state.funding) add('funding', item.source)
  if ('barriers' in state) for (const note of state.barriers) add('barrier', note.barrier)
  if ('standards' in state) for (const code of state.standards) add('standard', code)
  if (isJointPilot(state)) add('jointPilot', 'yes')
  for (const relation of state.relations) {
    // counted per target: endorsements per question, answers per question, adoptions per practice
    if (relation.type === 'endorses' && state.kind === 'endorsement')
      add('endorses', relation.target)
    if (relation.type === 'answers') add('answers', relation.target)
    if (relation.type === 'replicates' && state.kind === 'adoption')
      add('replicates', relation.target)
  }
  return split(pairs)
}

/**
 * A joint pilot: an initiative or practice with two or more municipalities among its
 * partners (the strategy's innovation fund rewards cities that pilot together).
 */
export function isJointPilot(state: RecordState): boolean {
  if (state.kind !== 'initiative' && state.kind !== 'practice') return false
  if (!('partners' in state)) return false
  return state.partners.filter((partner) => partner.orgType === 'municipality').length >= 2
}

/** The year the work started, else was published, else the record was created. */
function yearOf(state: RecordState): string {
  const start = 'startDate' in state ? state.startDate : undefined
  const published = 'published' in state ? state.published : undefined
  return (start ?? published ?? state.created).slice(0, 4)
}

function split(pairs: Set<string>): [StoredFacet, string][] {
  return [...pairs].map((pair) => {
    const [facet, value] = pair.split('\u0000') as [StoredFacet, string]
    return [facet, value]
  })
}
