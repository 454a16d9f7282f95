/**
 * Reachability from what libp2p exposes. The inputs are the plain shapes libp2p's own
 * objects have (addresses and connections as strings): the rule is what is tested here;
 * a real node's answer is checked through the API in node.test.ts and doctor.test.ts.
 */
import { describe, expect, it } from 'vitest'
import {
  connectionType,
  isPrivateAddress,
  networkReport,
  type ReachabilitySource,
} from '../src/reachability.js'

const RELAY = '12D3KooWRelay'
const SELF = '12D3KooWSelf'

function source(
  own: string[],
  connections: { peer: string; address: string; inbound?: boolean; limited?: boolean }[],
  services: Record<string, unknown> = {},
): ReachabilitySource {
  return {
    getMultiaddrs: () => own,
    getConnections: () =>
      connections.map((c) => ({
        remotePeer: c.peer,
        remoteAddr: c.address,
        direction: c.inbound === true ? 'inbound' : 'outbound',
        ...(c.limited === true ? { limits: { bytes: 1n } } : {}),
      })),
    services,
  }
}

describe('connection types', () => {
  it('tells relayed, WebSocket and direct connections apart', () => {
    expect(connectionType(`/ip4/1.2.3.4/tcp/4011/p2p/${RELAY}/p2p-circuit`, false)).toBe('relayed')
    expect(connectionType('/ip4/1.2.3.4/tcp/4011', true)).toBe('relayed')
    expect(connectionType('/ip4/1.2.3.4/tcp/4012/ws', false)).toBe('websocket')
    expect(connectionType('/dns4/polder.example.nl/tcp/443/tls/ws', false)).toBe('websocket')
    expect(connectionType('/ip4/1.2.3.4/tcp/4011', false)).toBe('direct')
  })

  it('knows private addresses from public ones', () => {
    for (const a of ['/ip4/10.0.0.1/tcp/1', '/ip4/192.168.1.2/tcp/1', '/ip4/172.20.0.1/tcp/1'])
      expect(isPrivateAddress(a)).toBe(true)
    for (const a of ['/ip4/127.0.0.1/tcp/1', '/ip4/100.64.0.1/tcp/1', '/ip6/::1/tcp/1'])
      expect(isPrivateAddress(a)).toBe(true)
    expect(isPrivateAddress('/ip6/fd00::1/tcp/1')).toBe(true)
    expect(isPrivateAddress('/ip4/145.100.1.1/tcp/4011')).toBe(false)
    expect(isPrivateAddress('/ip4/172.32.0.1/tcp/4011')).toBe(false)
    expect(isPrivateAddress('/dns4/polder.example.nl/tcp/4011')).toBe(false)
  })
})

describe('reachability', () => {
  it('is unknown without an AutoNAT service, whatever the addresses', () => {
    const report = networkReport(source(['/ip4/145.100.1.1/tcp/4011'], []))
    expect(report).toEqual({ reachability: 'unknown', relays: [], connections: [] })
  })

  it('is public with AutoNAT and a public address, private with only LAN addresses', () => {
    const services = { autoNAT: {} }
    expect(networkReport(source(['/ip4/145.100.1.1/tcp/4011'], [], services)).reachability).toBe(
      'public',
    )
    expect(networkReport(source(['/ip4/192.168.1.5/tcp/4011'], [], services)).reachability).toBe(
      'private',
    )
  })

  it('is relayed with a reservation, and names the relay', () => {
    const circuit = `/ip4/145.100.1.1/tcp/4011/p2p/${RELAY}/p2p-circuit/p2p/${SELF}`
    const report = networkReport(
      source(
        ['/ip4/192.168.1.5/tcp/4011', circuit],
        [
          { peer: RELAY, address: '/ip4/145.100.1.1/tcp/4011' },
          {
            peer: 'peerA',
            address: `/ip4/145.100.1.1/tcp/4011/p2p/${RELAY}/p2p-circuit`,
            inbound: true,
          },
          { peer: 'peerB', address: '/ip4/145.100.2.2/tcp/4012/ws' },
        ],
      ),
    )
    expect(report.reachability).toBe('relayed')
    expect(report.relays).toEqual([RELAY])
    expect(report.connections.map((c) => [c.peerId, c.type, c.direction])).toEqual([
      [RELAY, 'direct', 'outbound'],
      ['peerA', 'relayed', 'inbound'],
      ['peerB', 'websocket', 'outbound'],
    ])
  })

  it('is direct after hole punching when a peer other than a relay came in directly', () => {
    const circuit = `/ip4/145.100.1.1/tcp/4011/p2p/${RELAY}/p2p-circuit/p2p/${SELF}`
    const report = networkReport(
      source(
        [circuit],
        [
          { peer: RELAY, address: '/ip4/145.100.1.1/tcp/4011', inbound: true },
          { peer: 'peerA', address: '/ip4/82.1.2.3/tcp/50123', inbound: true },
        ],
      ),
    )
    expect(report.reachability).toBe('direct-after-hole-punch')
  })
})
