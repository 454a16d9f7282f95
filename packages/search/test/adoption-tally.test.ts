/**
 * The adoptions per practice that the overview reads are kept as versions are indexed:
 * after adds, edits, retractions, deletions, a block and a reopen they must equal a
 * recount from the live records themselves.
 */
import { join } from 'node:path'
import {
  createRecord,
  type Did,
  didFromEd25519PublicKey,
  editRecord,
  formatRef,
  isTombstone,
  type NewRecord,
  type PolderRecord,
  type RecordState,
  retractRecord,
  STANDARDS,
} from '@polder/schema'
import { afterEach, describe, expect, it } from 'vitest'
import { SearchIndex } from '../src/index.js'
import { Corpus, tempDir } from './helpers.js'

const did = (n: number): Did => didFromEd25519PublicKey(new Uint8Array(32).fill(n))
const CITY = did(1)
const ADOPTERS = [did(2), did(3), did(4)]

let clock = Date.parse('2026-01-01T00:00:00Z')
/** A minute after the last version made: every version is newer than the one before. */
function next(): Date {
  clock += 60_000
  return new Date(clock)
}

/** A practice that uses exactly one standard: the standard's adoptions are its own. */
const practice = (n: number): PolderRecord =>
  createRecord(
    {
      kind: 'practice',
      languages: ['nl'],
      title: { nl: `Praktijk ${n}` },
      status: 'pilot',
      standards: [STANDARDS[n]?.code],
    } as NewRecord,
    CITY,
    { now: next() },
  )

const adoption = (by: Did, target: PolderRecord | string): PolderRecord =>
  createRecord(
    {
      kind: 'adoption',
      languages: ['nl'],
      title: { nl: 'Overgenomen' },
      status: 'pilot',
      relations: [
        { type: 'replicates', target: typeof target === 'string' ? target : formatRef(target) },
      ],
    } as NewRecord,
    by,
    { now: next() },
  )

/** Live records as the store holds them: the newest version of each, tombstones gone. */
class Live {
  readonly #latest = new Map<string, RecordState>()
  apply(...states: RecordState[]): void {
    for (const s of states) {
      const seen = this.#latest.get(formatRef(s))
      if (seen === undefined || seen.version < s.version) this.#latest.set(formatRef(s), s)
    }
  }
  drop(predicate: (s: RecordState) => boolean): void {
    for (const [ref, s] of this.#latest) if (predicate(s)) this.#latest.delete(ref)
  }
  /** Per standard: live practices using it, and live adoptions of those practices. */
  recount(): Map<string, { practices: number; adoptions: number }> {
    const live = [...this.#latest.values()].filter((s): s is PolderRecord => !isTombstone(s))
    const adoptionsOf = new Map<string, number>()
    for (const a of live)
      if (a.kind === 'adoption')
        for (const r of a.relations)
          if (r.type === 'replicates')
            adoptionsOf.set(r.target, (adoptionsOf.get(r.target) ?? 0) + 1)
    const out = new Map<string, { practices: number; adoptions: number }>()
    for (const p of live) {
      if (p.kind !== 'practice') continue
      for (const code of p.standards) {
        const entry = out.get(code) ?? { practices: 0, adoptions: 0 }
        entry.practices++
        entry.adoptions += adoptionsOf.get(formatRef(p)) ?? 0
        out.set(code, entry)
      }
    }
    return out
  }
}

const counted = (index: SearchIndex) =>
  new Map(
    index
      .overview()
      .standards.map((s) => [s.code, { practices: s.practices, adoptions: s.adoptions }]),
  )

let opened: SearchIndex[] = []
afterEach(() => {
  for (const index of opened) index.close()
  opened = []
})

describe('adoptions per practice, kept as versions are indexed', () => {
  it('equal a recount from the live records after adds, edits, retractions, deletions, a block and a reopen', async () => {
    const path = join(await tempDir(), 'search.sqlite')
    const corpus = new Corpus()
    const live = new Live()
    const open = () => {
      const { index } = SearchIndex.open({ path, records: corpus.load })
      opened.push(index)
      return index
    }
    let index = open()
    const apply = (...states: RecordState[]) => {
      corpus.add(...states)
      live.apply(...states)
      index.applyMany(states)
    }
    const check = (step: string) => expect(counted(index), step).toEqual(live.recount())

    const practices = [0, 1, 2, 3, 4].map(practice)
    apply(...practices)
    const [a0, a1, a2] = ADOPTERS as [Did, Did, Did]
    const adoptions = [
      adoption(a0, practices[0] as PolderRecord),
      adoption(a1, practices[0] as PolderRecord),
      adoption(a2, practices[0] as PolderRecord),
      adoption(a0, practices[1] as PolderRecord),
      adoption(a1, practices[2] as PolderRecord),
    ]
    apply(...adoptions)
    check('added')
    expect(counted(index).get(STANDARDS[0].code)?.adoptions).toBe(3)

    // an edited practice is a new version (another rowid): its adoptions go with it
    const edited = editRecord(practices[0] as PolderRecord, { status: 'scaled' }, { now: next() })
    apply(edited)
    check('practice edited')
    expect(counted(index).get(STANDARDS[0].code)?.adoptions).toBe(3)

    // an adoption edited to replicate another practice moves its count
    const moved = editRecord(
      adoptions[3] as PolderRecord,
      { relations: [{ type: 'replicates', target: formatRef(practices[3] as PolderRecord) }] },
      { now: next() },
    )
    apply(moved)
    check('adoption moved')
    expect(counted(index).get(STANDARDS[1].code)?.adoptions).toBe(0)

    // a retracted adoption no longer counts; a retracted practice takes its standard along
    apply(retractRecord(adoptions[0] as PolderRecord, { nl: 'dubbel' }, { now: next() }))
    check('adoption retracted')
    apply(retractRecord(practices[2] as PolderRecord, { nl: 'gestopt' }, { now: next() }))
    check('practice retracted')
    expect(counted(index).has(STANDARDS[2].code)).toBe(false)

    // deleted (the store dropped it) and blocked
    index.remove(a1, (adoptions[1] as PolderRecord).id)
    live.drop((s) => s.author === a1 && s.id === (adoptions[1] as PolderRecord).id)
    check('adoption deleted')
    index.removeAuthor(a0)
    live.drop((s) => s.author === a0)
    check('adopter blocked')

    // an adoption of a practice not held yet counts once the practice arrives
    const later = practice(5)
    apply(adoption(a2, later))
    check('adoption of a practice not held')
    apply(later)
    check('the practice arrived')
    expect(counted(index).get(STANDARDS[5].code)?.adoptions).toBe(1)

    // in one transaction, in any order
    const p6 = practice(6)
    const a6 = adoption(a2, p6)
    apply(a6, p6, editRecord(p6, { status: 'ended' }, { now: next() }))
    check('one transaction')

    // read back from the file at open
    index.close()
    index = open()
    check('reopened')
    expect([...counted(index).values()].some((c) => c.adoptions > 0)).toBe(true)
  })
})
