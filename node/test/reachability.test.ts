/**
 * The status's reachability is @polder/net's report (tested on real libp2p nodes in
 * packages/net/test/reachability.test.ts) in the API's words: each of its verdicts maps to
 * one of the contract, and each connection keeps its peer, address, direction and kind.
 */
import type { Network } from '@polder/net'
import { describe, expect, it } from 'vitest'
import { networkReport } from '../src/reachability.js'

type Report = ReturnType<Network['reachability']['report']>

type Reported = Pick<Network, 'reachability' | 'bootstrapRedials'>
const networkWith = (
  report: Report,
  bootstrapRedials: Network['bootstrapRedials'] = undefined,
): Reported => ({ reachability: { report: () => report }, bootstrapRedials }) as unknown as Reported

const report = (reachability: Report['reachability']): Report => ({
  reachability,
  publicAddresses: [],
  relayedAddresses: [],
  relays: ['12D3KooWRelay'],
  connections: [
    {
      peer: '12D3KooWPeer',
      address: '/ip4/11.0.0.2/tcp/4011/p2p/12D3KooWRelay/p2p-circuit',
      kind: 'relayed',
      direction: 'inbound',
      limited: true,
      upgraded: false,
    },
  ],
})

describe('the status network report', () => {
  it('names every verdict of the network layer in the contract’s words', () => {
    expect(networkReport(networkWith(report('public'))).reachability).toBe('public')
    expect(networkReport(networkWith(report('private'))).reachability).toBe('private')
    expect(networkReport(networkWith(report('relayed'))).reachability).toBe('relayed')
    expect(networkReport(networkWith(report('hole-punched'))).reachability).toBe(
      'direct-after-hole-punch',
    )
  })

  it('tells the bootstrap redials of a node that was alone, and nothing before the first', () => {
    const none = { rounds: 0, failures: {}, lastFailure: undefined }
    expect(networkReport(networkWith(report('private'), none))).not.toHaveProperty(
      'bootstrapRedials',
    )
    expect(networkReport(networkWith(report('private')))).not.toHaveProperty('bootstrapRedials')
    const failed = { rounds: 2, failures: { Error: 4 }, lastFailure: 'connect ECONNREFUSED' }
    expect(networkReport(networkWith(report('private'), failed)).bootstrapRedials).toEqual(failed)
  })

  it('keeps the relays and each connection’s peer, address, direction and type', () => {
    expect(networkReport(networkWith(report('relayed')))).toEqual({
      reachability: 'relayed',
      relays: ['12D3KooWRelay'],
      connections: [
        {
          peerId: '12D3KooWPeer',
          address: '/ip4/11.0.0.2/tcp/4011/p2p/12D3KooWRelay/p2p-circuit',
          direction: 'inbound',
          type: 'relayed',
        },
      ],
    })
  })
})
