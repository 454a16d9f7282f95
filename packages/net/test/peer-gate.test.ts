import { describe, expect, it } from 'vitest'
import { PeerGate } from '../src/peer-gate.js'

const MINUTE = 60_000

describe('the peer gate', () => {
  it('refuses a cut-off peer until its time is up', () => {
    const gate = new PeerGate()
    gate.cutOff('peer-a', ['203.0.113.5'], 10 * MINUTE, 0)
    expect(gate.denies('peer-a', 1)).toBe(true)
    expect(gate.denies('peer-a', 10 * MINUTE + 1)).toBe(false)
    expect(gate.denies('peer-b', 1)).toBe(false)
  })

  it('refuses an address once three distinct peers from it were cut off within the window', () => {
    const gate = new PeerGate()
    gate.cutOff('peer-a', ['203.0.113.5'], 10 * MINUTE, 0)
    gate.cutOff('peer-a', ['203.0.113.5'], 10 * MINUTE, 1)
    gate.cutOff('peer-b', ['203.0.113.5'], 10 * MINUTE, 2)
    // the same peer twice is one peer: not yet
    expect(gate.deniesAddress('203.0.113.5', 3)).toBe(false)
    gate.cutOff('peer-c', ['203.0.113.5'], 10 * MINUTE, 3)
    expect(gate.deniesAddress('203.0.113.5', 4)).toBe(true)
    expect(gate.deniesAddress('203.0.113.6', 4)).toBe(false)
    expect(gate.list(4)).toContainEqual(
      expect.objectContaining({
        target: '203.0.113.5',
        kind: 'address',
        source: 'address-offences',
      }),
    )
    expect(gate.deniesAddress('203.0.113.5', 3 + 10 * MINUTE + 1)).toBe(false)
  })

  it('forgets cut-offs older than the window, and never blocks an exempt address', () => {
    const gate = new PeerGate({ exemptAddresses: ['127.0.0.1'] })
    gate.cutOff('peer-a', ['198.51.100.1'], MINUTE, 0)
    gate.cutOff('peer-b', ['198.51.100.1'], MINUTE, 1)
    gate.cutOff('peer-c', ['198.51.100.1'], MINUTE, 11 * MINUTE)
    expect(gate.deniesAddress('198.51.100.1', 11 * MINUTE)).toBe(false)
    for (const peer of ['x', 'y', 'z', 'w']) gate.cutOff(peer, ['127.0.0.1'], MINUTE, 0)
    expect(gate.deniesAddress('127.0.0.1', 1)).toBe(false)
    expect(gate.denies('w', 1)).toBe(true)
  })

  it("takes an operator's denial of a peer or an address, and lifts it", () => {
    const gate = new PeerGate()
    expect(gate.deny('2001:db8::1', MINUTE, 'scanning', 0)).toMatchObject({
      kind: 'address',
      source: 'operator',
      reason: 'scanning',
    })
    expect(gate.deny('12D3KooWpeer', 5 * MINUTE, undefined, 0).kind).toBe('peer')
    expect(gate.deniesAddress('2001:db8::1', 1)).toBe(true)
    expect(gate.list(1).map((denial) => denial.target)).toEqual(['2001:db8::1', '12D3KooWpeer'])
    expect(gate.lift('12D3KooWpeer')).toBe(true)
    expect(gate.denies('12D3KooWpeer', 1)).toBe(false)
    expect(gate.lift('12D3KooWpeer')).toBe(false)
  })

  it('stays bounded under a flood of offenders', () => {
    const gate = new PeerGate()
    for (let i = 0; i < 25_000; i++) gate.block(`peer-${i}`, MINUTE, i)
    expect(gate.list(25_000).length).toBeLessThanOrEqual(10_000)
    expect(gate.denies('peer-24999', 25_000)).toBe(true)
  })
})
