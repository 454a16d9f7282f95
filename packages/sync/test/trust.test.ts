/**
 * The trust policy on its own: who is replicated in each mode, from follows, vouch
 * records of followed organisations, the directory of announced organisations and
 * blocks. The store is a plain fake of the parts the policy reads.
 */
import { describe, expect, it } from 'vitest'
import { type TrustMode, TrustPolicy, type TrustSource } from '../src/trust.js'

const SELF = 'did:key:self'

interface World {
  follows?: string[]
  /** voucher -> subjects it vouches for */
  vouches?: Record<string, string[]>
  announced?: string[]
  blocked?: string[]
}

function source(world: World): TrustSource {
  return {
    did: SELF,
    follows: () => world.follows ?? [],
    // the store's query (tested with SQLite in the store's tests): followed vouchers only,
    // each voucher's first `perVoucher` subjects (newest first)
    vouchesOfFollowed: (perVoucher) => {
      const vouchers = new Map<string, string[]>()
      for (const author of world.follows ?? []) {
        for (const subject of (world.vouches?.[author] ?? []).slice(0, perVoucher)) {
          vouchers.set(subject, [...(vouchers.get(subject) ?? []), author])
        }
      }
      return vouchers
    },
    directory: {
      allKnown: () =>
        (world.announced ?? []).map((did) => ({
          did,
          firstSeen: '',
          lastSeen: '',
          peer: '',
          profile: undefined,
        })),
      isBlocked: (did) => (world.blocked ?? []).includes(did),
    },
  }
}

const trusted = (mode: TrustMode, world: World, vouches?: number) =>
  Object.fromEntries(new TrustPolicy(source(world), { mode, vouches }).trusted())

describe('the trust policy', () => {
  const world: World = {
    follows: ['a', 'b'],
    vouches: { a: ['x', 'y', SELF], b: ['x', 'z'], stranger: ['y', 'z'] },
    announced: ['a', 'x', 'w', SELF],
  }

  it('allowlist: the followed organisations only', () => {
    expect(trusted('allowlist', world)).toEqual({ a: 'followed', b: 'followed' })
  })

  it('web-of-trust: also those vouched for by enough followed organisations', () => {
    // x has two followed vouchers; y and z one each (a stranger's vouch does not count)
    expect(trusted('web-of-trust', world)).toEqual({ a: 'followed', b: 'followed', x: 'vouched' })
    expect(trusted('web-of-trust', world, 1)).toEqual({
      a: 'followed',
      b: 'followed',
      x: 'vouched',
      y: 'vouched',
      z: 'vouched',
    })
    expect(trusted('web-of-trust', world, 3)).toEqual({ a: 'followed', b: 'followed' })
  })

  it('open: every announced organisation, a follow counting as followed', () => {
    expect(trusted('open', world)).toEqual({ a: 'followed', b: 'followed', x: 'open', w: 'open' })
  })

  it('never the node itself, never a blocked organisation', () => {
    const blocked = { ...world, follows: ['a', 'b', SELF], blocked: ['b', 'x', 'w'] }
    for (const mode of ['allowlist', 'web-of-trust', 'open'] as const) {
      const result = trusted(mode, blocked, 1)
      expect(result[SELF]).toBeUndefined()
      expect(Object.keys(result).filter((did) => blocked.blocked.includes(did))).toEqual([])
      expect(result.a).toBe('followed')
    }
  })

  it('counts each followed voucher’s newest vouches only, up to its limit', () => {
    const many = { follows: ['a', 'b'], vouches: { a: ['x', 'y', 'z'], b: ['z', 'y', 'x'] } }
    const policy = new TrustPolicy(source(many), { mode: 'web-of-trust', vouchesPerVoucher: 1 })
    // a's newest is x, b's is z: nobody has two vouches
    expect(Object.fromEntries(policy.trusted())).toEqual({ a: 'followed', b: 'followed' })
    expect(policy.vouchesPerVoucher).toBe(1)
    expect(new TrustPolicy(source(many), { mode: 'web-of-trust' }).trusted().size).toBe(5)
  })
})
