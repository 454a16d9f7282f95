import type { LangMap } from '@polder/schema'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SearchIndex, SearchQuery } from '../src/index.js'
import { fixtures, openIndex } from './helpers.js'

describe('relevance on the fixtures', () => {
  let index: SearchIndex
  beforeAll(() => {
    index = openIndex().index
  })
  afterAll(() => index.close())

  const cases: [string, RegExp][] = [
    ['hittestress', /Heat-stress map|heat stress/i],
    ['heat stress', /Heat-stress map|heat stress/i],
    ['koele routes', /cool routes/i],
    ['buurtbatterij', /Neighbourhood battery/i],
    ['neighbourhood battery', /Neighbourhood battery/i],
    ['slim laden laadpalen', /smart charging/i],
    ['smart charging', /smart charging/i],
    ['algoritmeregister', /Algorithm register/i],
    ['algorithm register', /Algorithm register/i],
    ['digitale tweeling', /Digital Twin/i],
    ['regentonnen', /rain barrels/i],
    ['LoRaWAN netwerk', /LoRaWAN/i],
    ['mobiliteitshubs', /Mobility hubs/i],
    ['crowd monitoring', /crowd monitoring/i],
    ['lantaarnpalen LED', /light/i],
  ]
  for (const [text, expected] of cases) {
    it(`"${text}" finds the right record first`, () => {
      const [first] = index.search({ text }).hits
      expect(first?.title.en).toMatch(expected)
    })
  }

  it('stems Dutch and English: fietsen/fiets, bikes/bike, warmte/warmtestress', () => {
    const base = fixtures().find((s) => s.kind === 'practice')
    if (base === undefined || base.kind !== 'practice') throw new Error('no practice')
    const make = (id: string, nl: string, en: string) => ({
      ...base,
      id,
      title: { nl, en },
      summary: undefined,
      body: undefined,
      tags: [],
      barriers: [],
      outcomes: [],
      partners: [],
      funding: [],
      places: [],
    })
    const { index: i } = openIndex([
      make('01HZZZZZZZZZZZZZZZZZZZZZZ1', 'Een fiets voor iedereen', 'A bike for everyone'),
      make('01HZZZZZZZZZZZZZZZZZZZZZZ2', 'Warmtestress in de wijk', 'Thermal stress'),
    ])
    expect(i.search({ text: 'fietsen' }).hits.map((h) => h.id)).toEqual([
      '01HZZZZZZZZZZZZZZZZZZZZZZ1',
    ])
    expect(i.search({ text: 'bikes' }).hits.map((h) => h.id)).toEqual([
      '01HZZZZZZZZZZZZZZZZZZZZZZ1',
    ])
    expect(i.search({ text: 'warmte' }).hits.map((h) => h.id)).toEqual([
      '01HZZZZZZZZZZZZZZZZZZZZZZ2',
    ])
    i.close()
  })

  it('meets Dutch word forms by their Snowball stems', () => {
    const base = fixtures().find((s) => s.kind === 'practice')
    if (base === undefined || base.kind !== 'practice') throw new Error('no practice')
    const forms = ['duurzame', 'veiligheden', 'straten', 'laadpalen', 'verlichting']
    const states = forms.map((nl, n) => ({
      ...base,
      id: `01HZZZZZZZZZZZZZZZZZZZZZ${n}A`,
      languages: ['nl'],
      title: { nl },
      summary: undefined,
      body: undefined,
      tags: [],
      barriers: [],
      outcomes: [],
      partners: [],
      funding: [],
      places: [],
      themes: [],
    }))
    const { index: i } = openIndex(states)
    const found = (text: string) => i.search({ text }).hits.map((h) => h.title.nl)
    expect(found('duurzaamheid')).toEqual(['duurzame'])
    expect(found('veilig')).toEqual(['veiligheden'])
    expect(found('straat')).toEqual(['straten'])
    expect(found('laadpaal')).toEqual(['laadpalen'])
    expect(found('verlichten')).toEqual(['verlichting'])
    i.close()
  })

  it('finds a prefix that is its own Dutch stem in every column of both languages', () => {
    const base = fixtures().find((s) => s.kind === 'practice')
    if (base === undefined || base.kind !== 'practice') throw new Error('no practice')
    const make = (n: number, texts: { title: LangMap; summary?: LangMap; body?: LangMap }) => ({
      ...base,
      id: `01HZZZZZZZZZZZZZZZZZZZZZ${n}B`,
      ...texts,
      tags: [],
      barriers: [],
      outcomes: [],
      partners: [],
      funding: [],
      places: [],
      themes: [],
    })
    const states = [
      make(1, { title: { nl: 'Sensoren in de wijk' }, summary: undefined, body: undefined }),
      make(2, { title: { en: 'A network' }, summary: { en: 'sensor network' }, body: undefined }),
      make(3, { title: { nl: 'Data' }, summary: undefined, body: { nl: 'met sensordata' } }),
      make(4, { title: { en: 'Everywhere' }, summary: undefined, body: { en: 'Sensors here' } }),
      make(5, { title: { nl: 'Geen meting' }, summary: undefined, body: undefined }),
    ]
    const { index: i } = openIndex(states)
    const ids = (query: SearchQuery) => i.search(query).hits.map((h) => h.id.slice(-2))
    expect(ids({ text: 'sensor*' }).sort()).toEqual(['1B', '2B', '3B', '4B'])
    expect(ids({ text: 'sensor*', sort: 'date' }).sort()).toEqual(['1B', '2B', '3B', '4B'])
    // ranked by BM25 as before: the title match first
    expect(ids({ text: 'sensor*' })[0]).toBe('1B')
    i.close()
  })

  it('finds an organisation’s records by its name', () => {
    const hits = index.search({ text: 'Zwolle', limit: 100 }).hits
    expect(hits.length).toBeGreaterThan(3)
  })

  it('marks matched words in snippets', () => {
    const [first] = index.search({ text: 'buurtbatterij' }).hits
    expect(first?.snippet).toContain('<mark>')
  })
})
