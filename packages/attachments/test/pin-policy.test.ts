/** The pin policy as a plan, on its own: what to pin, for whom, and what to release. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CurrentPin, type PinPlanInput, planPins } from '../src/pin-policy.js'
import type { AttachmentRef } from '../src/references.js'

const OWN = 'did:key:own'

function ref(author: string, size: number, updated: string): AttachmentRef {
  return {
    author,
    id: `${author}-${updated}`,
    name: 'f',
    mediaType: 'application/pdf',
    size,
    updated,
  }
}

function plan(input: Partial<PinPlanInput> & Pick<PinPlanInput, 'references'>) {
  return planPins({
    pins: new Map(),
    own: new Set([OWN]),
    follows: new Set(['a', 'b']),
    budget: 100,
    ...input,
  })
}

describe('the pin plan', () => {
  it('pins the own attachments always, whatever their size or the budget', () => {
    const result = plan({
      references: [['own1', [ref(OWN, 500, '2025-01-01')]]],
      budget: 0,
    })
    expect(result.own).toEqual([{ cid: 'own1', size: 500 }])
    expect(result.follow).toEqual([])
    expect(result.used).toBe(0)
  })

  it('pins no followed file larger than this node accepts for upload', () => {
    const result = plan({
      references: [
        ['huge', [ref('a', 600, '2025-03-01')]],
        ['fits', [ref('a', 20, '2025-02-01')]],
      ],
      budget: 1_000,
      maxFileBytes: 200,
    })
    expect(result.follow.map((item) => item.cid)).toEqual(['fits'])
    expect(result.overBudget).toEqual(['huge'])
  })

  it('gives one followed organisation at most its share of the budget', () => {
    const references: PinPlanInput['references'] = [
      ['a1', [ref('a', 20, '2025-03-01')]],
      ['a2', [ref('a', 20, '2025-02-01')]],
      ['b1', [ref('b', 20, '2025-01-01')]],
    ]
    const five = new Set(['a', 'b', 'c', 'd', 'e'])
    const result = plan({ references, budget: 100, orgShare: 0.25, follows: five })
    // a may take 25 of the 100: its newest file only; b's still fits
    expect(result.follow.map((item) => item.cid)).toEqual(['a1', 'b1'])
    expect(result.overBudget).toEqual(['a2'])
    expect(result.used).toBe(40)
    // following two, each may take half: all of a's fit
    const two = plan({ references, budget: 100, orgShare: 0.25 })
    expect(two.follow.map((item) => item.cid)).toEqual(['a1', 'a2', 'b1'])
  })

  it('pins followed organisations’ attachments newest first while they fit the budget', () => {
    const result = plan({
      references: [
        ['old', [ref('a', 40, '2025-01-01')]],
        ['new', [ref('b', 50, '2025-03-01')]],
        ['mid', [ref('a', 40, '2025-02-01')]],
        ['small', [ref('a', 10, '2024-12-01')]],
        ['stranger', [ref('c', 1, '2025-05-01')]],
      ],
    })
    // new (50) + mid (40) = 90; old (40) does not fit; small (10) still does
    expect(result.follow).toEqual([
      { cid: 'new', size: 50 },
      { cid: 'mid', size: 40 },
      { cid: 'small', size: 10 },
    ])
    expect(result.overBudget).toEqual(['old'])
    expect(result.used).toBe(100)
  })

  it('keeps pins it holds without pinning again, counting the pin’s own size', () => {
    const pins = new Map<string, CurrentPin>([
      ['held', { origin: 'follow', size: 80 }],
      ['mine', { origin: 'own', size: 5 }],
    ])
    const result = plan({
      references: [
        // the record claims 10 bytes, the pin holds 80: 80 count
        ['held', [ref('a', 10, '2025-03-01')]],
        ['next', [ref('b', 30, '2025-02-01')]],
        ['mine', [ref(OWN, 5, '2025-01-01')]],
      ],
      pins,
    })
    expect(result.follow).toEqual([])
    expect(result.own).toEqual([])
    expect(result.overBudget).toEqual(['next'])
    expect(result.release).toEqual([])
    expect(result.used).toBe(80)
  })

  it('releases follow pins no longer wanted: unfollowed, unreferenced or over the budget', () => {
    const pins = new Map<string, CurrentPin>([
      ['unfollowed', { origin: 'follow', size: 1 }],
      ['gone', { origin: 'follow', size: 1 }],
      ['too-big', { origin: 'follow', size: 200 }],
      ['mine', { origin: 'own', size: 1 }],
    ])
    const result = plan({
      references: [
        ['unfollowed', [ref('c', 1, '2025-01-01')]],
        ['too-big', [ref('a', 200, '2025-01-01')]],
      ],
      pins,
    })
    expect(result.release.sort()).toEqual(['gone', 'too-big', 'unfollowed'])
    // an own pin is never released by the plan, referenced or not
    expect(result.release).not.toContain('mine')
  })

  it('an attachment of an own record is own, even when followed organisations carry it too', () => {
    const result = plan({
      references: [['shared', [ref('a', 10, '2025-05-01'), ref(OWN, 10, '2025-01-01')]]],
      pins: new Map([['shared', { origin: 'follow', size: 10 }]]),
    })
    expect(result.own).toEqual([{ cid: 'shared', size: 10 }])
    expect(result.release).toEqual([])
    expect(result.used).toBe(0)
  })

  it('skips what failed recently, own or followed', () => {
    const result = plan({
      references: [
        ['own1', [ref(OWN, 1, '2025-01-01')]],
        ['f1', [ref('a', 1, '2025-01-01')]],
      ],
      skip: new Set(['own1', 'f1']),
    })
    expect(result.own).toEqual([])
    expect(result.follow).toEqual([])
    // a skipped follow candidate keeps its place in the budget for the next run
    expect(result.used).toBe(1)
  })

  it('never plans past the budget, never pins twice, releases only follow pins', () => {
    const author = fc.constantFrom(OWN, 'a', 'b', 'c')
    const refs = fc.array(
      fc.record({
        author,
        size: fc.integer({ min: 0, max: 60 }),
        updated: fc.constantFrom('2025-01-01', '2025-02-01', '2025-03-01'),
      }),
      { minLength: 1, maxLength: 3 },
    )
    const cids = fc.uniqueArray(fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5', 'c6'), {
      maxLength: 6,
    })
    const pin = fc.record({
      origin: fc.constantFrom('own' as const, 'follow' as const),
      size: fc.integer({ min: 0, max: 60 }),
    })
    fc.assert(
      fc.property(
        cids.chain((list) => fc.tuple(...list.map((cid) => fc.tuple(fc.constant(cid), refs)))),
        fc.dictionary(fc.constantFrom('c1', 'c2', 'c3', 'c7'), pin),
        fc.integer({ min: 0, max: 150 }),
        (entries, pinned, budget) => {
          const references = entries.map(
            ([cid, list]) =>
              [cid, list.map((r) => ref(r.author, r.size, r.updated))] as [string, AttachmentRef[]],
          )
          const pins = new Map(Object.entries(pinned))
          const result = plan({ references, pins, budget })
          expect(result.used).toBeLessThanOrEqual(budget)
          for (const { cid } of [...result.own, ...result.follow]) {
            if (pins.get(cid)?.origin === 'own') throw new Error(`${cid} pinned again as own`)
          }
          for (const { cid } of result.follow) expect(pins.has(cid)).toBe(false)
          for (const cid of result.release) expect(pins.get(cid)?.origin).toBe('follow')
          // what an own record carries is never released
          const ownCids = references
            .filter(([, list]) => list.some((r) => r.author === OWN))
            .map(([cid]) => cid)
          expect(result.release.filter((cid) => ownCids.includes(cid))).toEqual([])
        },
      ),
    )
  })
})
