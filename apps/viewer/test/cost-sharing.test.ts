import { describe, expect, it } from 'vitest'
import { costShares, isJointPilot } from '../src/lib/cost-sharing'

const city = (name: string) => ({ name, orgType: 'municipality' })
const eur = (amount: string) => ({ amount, currency: 'EUR' })

describe('cost sharing of joint pilots', () => {
  it('gives each contribution its share of the budget and says whether the funder is a partner', () => {
    const record = {
      kind: 'initiative',
      budget: eur('1350000'),
      partners: [city('Gemeente Zwolle'), city('Gemeente Deventer'), { name: 'Waterschap' }],
      funding: [
        { source: 'eu', funder: 'Interreg', contribution: eur('500000') },
        { source: 'municipal', funder: 'Gemeente Zwolle', contribution: eur('350000') },
        { source: 'municipal', funder: 'Gemeente Deventer', contribution: eur('300000.50') },
        { source: 'municipal', funder: 'Gemeente Deventer' },
      ],
    }
    expect(isJointPilot(record)).toBe(true)
    expect(costShares(record)).toEqual([
      {
        funder: 'Interreg',
        source: 'eu',
        contribution: eur('500000'),
        percent: 37,
        partner: false,
      },
      {
        funder: 'Gemeente Zwolle',
        source: 'municipal',
        contribution: eur('350000'),
        percent: 25.9,
        partner: true,
      },
      {
        funder: 'Gemeente Deventer',
        source: 'municipal',
        contribution: eur('300000.50'),
        percent: 22.2,
        partner: true,
      },
    ])
  })

  it('is nothing for a pilot of one municipality, a lab, or a share without a budget', () => {
    expect(isJointPilot({ kind: 'practice', partners: [city('A'), { name: 'B' }] })).toBe(false)
    expect(isJointPilot({ kind: 'lab', partners: [city('A'), city('B')] })).toBe(false)
    expect(costShares({ kind: 'lab', partners: [city('A'), city('B')] })).toEqual([])
    const noBudget = costShares({
      kind: 'practice',
      partners: [city('A'), city('B')],
      funding: [{ source: 'municipal', funder: 'A', contribution: eur('10') }],
    })
    expect(noBudget[0]?.percent).toBeUndefined()
  })
})
