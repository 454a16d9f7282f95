/** Quotas per organisation on their own: records, bytes, growth per hour. */
import { describe, expect, it } from 'vitest'
import { OrgQuotas } from '../src/quota.js'

const usage = (records: number, bytes = 0) => ({
  usage: () => ({ records, states: records, bytes }),
})

describe('quotas per organisation', () => {
  it('allows an organisation within bounds, names the bound it passes', () => {
    expect(new OrgQuotas(usage(10), { maxRecords: 11 }).exceeded('a')).toBeUndefined()
    expect(new OrgQuotas(usage(11), { maxRecords: 11 }).exceeded('a')).toMatch(
      /11 records, at most 11/,
    )
    expect(
      new OrgQuotas(usage(1, 3 * 1024 * 1024), { maxBytes: 2 * 1024 * 1024 }).exceeded('a'),
    ).toMatch(/3 MiB of records, at most 2 MiB/)
  })

  it('counts growth over the last hour only, per organisation', () => {
    const quotas = new OrgQuotas(usage(0), { maxStatesPerHour: 100 })
    const start = 1_000_000
    quotas.joined('a', 60, start)
    quotas.joined('a', 40, start + 1_000)
    quotas.joined('b', 99, start)
    expect(quotas.exceeded('a', start + 2_000)).toMatch(/100 record states in the last hour/)
    expect(quotas.exceeded('b', start + 2_000)).toBeUndefined()
    // an hour after the first 60: 40 left in the window
    expect(quotas.exceeded('a', start + 3_600_000 + 1)).toBeUndefined()
  })
})
