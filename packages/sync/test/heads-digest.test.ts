/** Which replicated logs a node's periodic heads digest still says (heads-digest.ts). */
import { describe, expect, it } from 'vitest'
import { HeardDigests, headsKey, stillToDigest } from '../src/heads-digest.js'

describe('the heads digest leaves out what another peer said', () => {
  const now = 1_000_000
  const since = now - 45_000

  it('says a log nobody else announced', () => {
    expect(stillToDigest(undefined, 'a', since)).toBe(true)
  })

  it('keeps quiet about heads another peer announced within the window', () => {
    expect(stillToDigest({ heads: 'a,b', at: now - 1_000 }, 'a,b', since)).toBe(false)
  })

  it('says heads announced before the window again', () => {
    expect(stillToDigest({ heads: 'a,b', at: since - 1 }, 'a,b', since)).toBe(true)
  })

  it('is not silenced by a claim of other heads (a liar, or a holder behind or ahead)', () => {
    expect(stillToDigest({ heads: 'forged', at: now - 1_000 }, 'a', since)).toBe(true)
    expect(stillToDigest({ heads: 'a', at: now - 1_000 }, 'a,b', since)).toBe(true)
  })

  it('compares heads whatever their order', () => {
    expect(headsKey(['b', 'a'])).toBe(headsKey(['a', 'b']))
    const heard = new HeardDigests()
    heard.heard('did:key:z1', ['b', 'a'], now - 1_000)
    expect(heard.stillToSay('did:key:z1', ['a', 'b'], since)).toBe(false)
    expect(heard.stillToSay('did:key:z2', ['a', 'b'], since)).toBe(true)
  })

  it('keeps quiet about heads said a few messages ago, while the log changes', () => {
    // a holder one live message behind (or a peer's digest a step behind, heard last)
    // once said its heads in every digest, and its hearers theirs in turn
    const heard = new HeardDigests()
    for (const head of ['a', 'b', 'c']) heard.heard('did:key:z1', [head], now - 1_000)
    expect(heard.stillToSay('did:key:z1', ['b'], since)).toBe(false)
    expect(heard.stillToSay('did:key:z1', ['c'], since)).toBe(false)
    expect(heard.stillToSay('did:key:z1', ['d'], since)).toBe(true)
  })

  it('forgets logs no longer held', () => {
    const heard = new HeardDigests()
    heard.heard('did:key:z1', ['a'], now - 1_000)
    heard.keepOnly(new Set(['did:key:z2']))
    expect(heard.stillToSay('did:key:z1', ['a'], since)).toBe(true)
  })
})
