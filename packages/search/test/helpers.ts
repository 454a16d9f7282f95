/** Fixture records and temp dirs for the search tests. */
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RecordState, validateState } from '@polder/schema'
import { type RecordLoader, SearchIndex } from '../src/index.js'

const DIR = new URL('../../schema/fixtures/records/', import.meta.url)

/** The 81 fixture records, validated. */
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

/** Record versions by author, id and version, served to the index as the store would. */
export class Corpus {
  readonly #states = new Map<string, RecordState>()

  constructor(states: Iterable<RecordState> = []) {
    this.add(...states)
  }

  add(...states: RecordState[]): void {
    for (const s of states) this.#states.set(`${s.author}/${s.id}/${s.version}`, s)
  }

  readonly load: RecordLoader = (author, id, version) =>
    this.#states.get(`${author}/${id}/${version}`)
}

/** An in-memory index of `states` (the fixtures by default) and the corpus it reads. */
export function openIndex(states: readonly RecordState[] = fixtures()): {
  index: SearchIndex
  corpus: Corpus
} {
  const corpus = new Corpus(states)
  const { index } = SearchIndex.open({ path: ':memory:', records: corpus.load })
  index.rebuild(states)
  return { index, corpus }
}
