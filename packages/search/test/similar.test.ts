import { isTombstone, type PolderRecord } from '@polder/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchIndex } from '../src/index.js'
import { fixtures, openIndex } from './helpers.js'

describe('similar records (more like this)', () => {
  let index: SearchIndex
  let records: PolderRecord[]
  beforeAll(() => {
    const states = fixtures()
    records = states.filter((s): s is PolderRecord => !isTombstone(s))
    index = openIndex(states).index
  })
  afterAll(() => index.close())

  const byTitle = (en: RegExp) => {
    const found = records.find((r) => en.test(r.title.en ?? ''))
    if (found === undefined) throw new Error(`no fixture ${en}`)
    return found
  }

  it('finds work on the same topic, of every kind, never the record itself', () => {
    const question = byTitle(/keep older residents cool/)
    const hits = index.similar(question, { limit: 10 })
    const titles = hits.map((h) => h.title.en)
    expect(hits.some((h) => h.id === question.id)).toBe(false)
    expect(titles).toEqual(expect.arrayContaining([expect.stringMatching(/Heat-stress map/)]))
    expect(new Set(hits.map((h) => h.kind)).size).toBeGreaterThan(1)
    // best first
    const scores = hits.map((h) => h.score)
    expect([...scores].sort((a, b) => b - a)).toEqual(scores)
  })

  it('narrows by filters and limit, and gives nothing for a record of stopwords only', () => {
    const question = byTitle(/keep older residents cool/)
    const findings = index.similar(question, { filters: { kind: ['finding'] }, limit: 2 })
    expect(findings.length).toBeGreaterThan(0)
    expect(findings.length).toBeLessThanOrEqual(2)
    expect(findings.every((h) => h.kind === 'finding')).toBe(true)
    const empty = {
      ...question,
      title: { nl: 'de het een', en: 'the and of' },
      summary: undefined,
      themes: [],
      tags: [],
      places: [],
    }
    expect(index.similar(empty)).toEqual([])
  })
})
