/**
 * Words for what the API answers with codes: theme and kind labels from the record
 * model's vocabularies, organisation names from the node's directory, sizes, counts.
 */
import type { ApiClient } from '@polder/api'
import { RECORD_KINDS, THEMES } from '@polder/schema'

export type Lang = 'nl' | 'en'

const THEME_LABELS = new Map(THEMES.map((theme) => [theme.code as string, theme.label]))
const KIND_LABELS = new Map(RECORD_KINDS.map((kind) => [kind.code as string, kind.label]))

/** A theme's label, or its code when this version of the vocabulary lacks it. */
export const themeLabel = (code: string, lang: Lang): string =>
  THEME_LABELS.get(code)?.[lang] ?? code

/** A record kind's label. */
export const kindLabel = (code: string, lang: Lang): string => KIND_LABELS.get(code)?.[lang] ?? code

/** "1 peer", "2 peers". */
export const count = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`

/** Bytes as a person reads them: "812 B", "1.6 MB". */
export function size(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`
}

/** Names of the organisations the node knows of, by DID (those without a profile lack one). */
export async function orgNames(api: ApiClient, lang: Lang): Promise<Map<string, string>> {
  const { organizations } = await api.listOrgs()
  const names = new Map<string, string>()
  for (const org of organizations) {
    const name =
      org.name?.[lang] ?? (org.name === undefined ? undefined : Object.values(org.name)[0])
    if (name !== undefined) names.set(org.did, name)
  }
  return names
}

/** An organisation for a line of text: its name, else its DID. */
export const orgLabel = (names: ReadonlyMap<string, string>, did: string): string =>
  names.get(did) ?? did
