/** Fixture records and temp dirs for the search tests. */
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RecordState, validateState } from '@polder/schema'

const DIR = new URL('../../schema/fixtures/records/', import.meta.url)

/** The 57 fixture records, validated. */
export function fixtures(): RecordState[] {
  return readdirSync(DIR).flatMap((file) => {
    const list = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as unknown[]
    return list.map((input) => {
      const result = validateState(input)
      if (!result.ok) throw new Error(`invalid fixture in ${file}`)
      return result.value
    })
  })
}

export const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'polder-search-'))

export const titleOf = (state: { title: Readonly<Record<string, string>> }): string =>
  state.title.en ?? ''
