/** Loads the fixtures shipped in packages/schema/fixtures. */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../fixtures/', import.meta.url))

export interface FixtureOrganization {
  readonly slug: string
  readonly seedHex: string
  readonly did: string
}

export function fixtureOrganizations(): FixtureOrganization[] {
  return JSON.parse(readFileSync(`${ROOT}organizations.json`, 'utf8')) as FixtureOrganization[]
}

/** Every fixture record, with the slug of the file it came from. */
export function fixtureRecords(): { slug: string; record: Record<string, unknown> }[] {
  return readdirSync(`${ROOT}records`)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => {
      const records = JSON.parse(readFileSync(`${ROOT}records/${file}`, 'utf8')) as Record<
        string,
        unknown
      >[]
      return records.map((record) => ({ slug: file.replace(/\.json$/, ''), record }))
    })
}
