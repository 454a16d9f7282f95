import { describe, expect, it } from 'vitest'
import { countByArea } from '../src/lib/map-data'
import { groupBy, type OverviewRecord, totals, UNKNOWN } from '../src/lib/overview'
import { replicationGraph } from '../src/lib/replication'

const A = 'did:key:z6MkA'
const B = 'did:key:z6MkB'
const C = 'did:key:z6MkC'
const eur = (amount: string) => ({ amount, currency: 'EUR' })
const provinces = new Map([
  ['GM0193', 'PV23'],
  ['GM0363', 'PV27'],
])

const records: OverviewRecord[] = [
  {
    kind: 'initiative',
    author: A,
    id: '01',
    created: '2021-03-01T00:00:00Z',
    startDate: '2020-01-01',
    themes: ['energy-climate', 'mobility'],
    places: [{ municipality: 'GM0193' }],
    budget: eur('1000.50'),
    funding: [
      { source: 'eu', contribution: eur('600') },
      { source: 'municipal', contribution: eur('400.50') },
    ],
  },
  {
    kind: 'initiative',
    author: B,
    id: '02',
    created: '2022-05-01T00:00:00Z',
    themes: ['energy-climate'],
    places: [{ province: 'PV27' }, { municipality: 'GM0363' }],
    budget: eur('99.50'),
    funding: [{ source: 'eu' }],
  },
  { kind: 'initiative', author: C, id: '03', created: '2023-01-01T00:00:00Z' },
]

describe('overview figures', () => {
  it('groups records and exact budgets by theme, funding, province and year', () => {
    expect(groupBy(records, 'theme')).toEqual([
      { key: 'energy-climate', count: 2, budget: new Map([['EUR', 110000n]]) },
      { key: '?', count: 1, budget: new Map() },
      { key: 'mobility', count: 1, budget: new Map([['EUR', 100050n]]) },
    ])
    expect(groupBy(records, 'funding')).toEqual([
      { key: 'eu', count: 2, budget: new Map([['EUR', 69950n]]) },
      { key: '?', count: 1, budget: new Map() },
      { key: 'municipal', count: 1, budget: new Map([['EUR', 40050n]]) },
    ])
    expect(groupBy(records, 'province', provinces).map((g) => [g.key, g.count])).toEqual([
      ['?', 1],
      ['PV23', 1],
      ['PV27', 1], // two places in one province count once
    ])
    expect(groupBy(records, 'year').map((g) => g.key)).toEqual(['2020', '2022', '2023'])
    expect(totals(records)).toEqual({ count: 3, budget: new Map([['EUR', 110000n]]) })
    expect(UNKNOWN).toBe('?')
  })

  it('counts running practices and adoptions per municipality and province', () => {
    const map: OverviewRecord[] = [
      {
        kind: 'practice',
        author: A,
        id: '1',
        created: '',
        status: 'pilot',
        places: [{ municipality: 'GM0193' }],
      },
      {
        kind: 'practice',
        author: A,
        id: '2',
        created: '',
        status: 'ended',
        places: [{ municipality: 'GM0193' }],
      },
      {
        kind: 'adoption',
        author: B,
        id: '3',
        created: '',
        places: [{ municipality: 'GM0363' }, { municipality: 'GM0193' }],
      },
      { kind: 'lesson', author: B, id: '4', created: '', places: [{ municipality: 'GM0363' }] },
    ]
    expect(countByArea(map, 'municipality')).toEqual(
      new Map([
        ['GM0193', { running: 1, adopted: 1 }],
        ['GM0363', { running: 0, adopted: 1 }],
      ]),
    )
    expect(countByArea(map, 'province', provinces)).toEqual(
      new Map([
        ['PV23', { running: 1, adopted: 1 }],
        ['PV27', { running: 0, adopted: 1 }],
      ]),
    )
  })

  it('draws an edge from a practice’s organisation to each adopter', () => {
    const practice = `polder://${A}/01GC7GC4W03EV5QPN7WPB0KNMN`
    const graph = replicationGraph([
      {
        kind: 'adoption',
        author: B,
        id: '1',
        created: '',
        relations: [{ type: 'replicates', target: practice }],
      },
      {
        kind: 'adoption',
        author: C,
        id: '2',
        created: '',
        relations: [
          { type: 'replicates', target: practice },
          { type: 'cites', target: practice },
        ],
      },
      {
        kind: 'adoption',
        author: A,
        id: '3',
        created: '',
        relations: [{ type: 'replicates', target: practice }],
      },
      {
        kind: 'lesson',
        author: B,
        id: '4',
        created: '',
        relations: [{ type: 'replicates', target: practice }],
      },
    ])
    expect(graph.nodes).toEqual([A, B, C])
    expect(graph.edges).toEqual([
      { from: A, to: B, practices: [practice] },
      { from: A, to: C, practices: [practice] },
    ])
  })
})
