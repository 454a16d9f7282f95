/**
 * Nodes behind NATs on a small real internet (network namespaces, see @polder/testnet's
 * netns.ts): a public relay and bootstrap node, and members behind home routers that
 * reach each other through it; one behind a symmetric NAT, one whose only way out is a
 * WebSocket, one behind a port forward. The tests share the relay and nodes a and b, and
 * run in order.
 */
import { type NetnsHost, type SmallInternet, type TestNode, waitFor } from '@polder/testnet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { practice, practices } from '../collective/records.js'
import { connectionsTo, relayedAddress, skipReason, TCP_PORT, Testbed, WS_PORT } from './hosts.js'

const skip = skipReason()
const LONG = { timeoutMs: 120_000 }

describe.skipIf(skip !== undefined)('behind NATs, through a relay', () => {
  let testbed: Testbed
  let internet: SmallInternet
  let relayHost: NetnsHost
  let relay: TestNode
  let bootstrap: string
  let a: TestNode
  let b: TestNode

  const start = async (host: NetnsHost, env: Record<string, string> = {}) =>
    testbed.node(host, { POLDER_BOOTSTRAP: bootstrap, ...env })

  beforeAll(async () => {
    testbed = await Testbed.create()
    internet = testbed.internet
    ;({ host: relayHost, node: relay, bootstrap } = await testbed.relay())
    a = await start(await internet.homeHost('a', { nat: 'port-preserving' }))
  }, 180_000)

  afterAll(async () => {
    await testbed?.dispose()
  }, 60_000)

  it('replicates both ways between two nodes each behind its own NAT, over a relayed connection', async () => {
    b = await start(await internet.homeHost('b', { nat: 'port-preserving' }))
    // neither can be dialled: each holds a reservation on the relay instead
    expect(await relayedAddress(a)).toContain(`/p2p/${relay.peerId}/p2p-circuit`)
    expect(await relayedAddress(b)).toContain(`/p2p/${relay.peerId}/p2p-circuit`)
    await a.follow(b)
    await b.follow(a)
    const [fromA] = await a.publish([practice(1, 'Zwolle')])
    const [fromB] = await b.publish([practice(2, 'Deventer')])
    await waitFor(async () => (await b.count(a.did)) === 1, { ...LONG, what: "a's record on b" })
    await waitFor(async () => (await a.count(b.did)) === 1, { ...LONG, what: "b's record on a" })
    const onB = await b.client.getRecord({ params: { id: `polder://${a.did}/${fromA?.id}` } })
    const onA = await a.client.getRecord({ params: { id: `polder://${b.did}/${fromB?.id}` } })
    expect(onB.id).toBe(fromA?.id)
    expect(onA.id).toBe(fromB?.id)
    // the relay follows nobody: the records came from a and b themselves, through it
    expect(await relay.count(a.did)).toBe(0)
    const between = await connectionsTo(b, a)
    expect(between.some((address) => address.includes(`/p2p/${relay.peerId}/p2p-circuit`))).toBe(
      true,
    )
  }, 300_000)

  it('keeps a node behind a symmetric NAT relayed, with every record live and after being offline', async () => {
    const c = await start(await internet.homeHost('c', { nat: 'symmetric' }))
    await relayedAddress(c)
    await c.follow(a)
    const before = await a.count(a.did)
    await waitFor(async () => (await c.count(a.did)) === before, { ...LONG, what: 'catch-up on c' })
    // live: one record at a time
    await a.publish([practice(100, 'Kampen')])
    await waitFor(async () => (await c.count(a.did)) === before + 1, {
      ...LONG,
      what: 'the live record on c',
    })
    expect((await connectionsTo(c, a)).every((address) => address.includes('/p2p-circuit'))).toBe(
      true,
    )
    // offline: 300 records published meanwhile, all there after the restart
    await c.stop()
    await a.publish(practices(200, 300))
    await c.start()
    await waitFor(async () => (await c.count(a.did)) === before + 301, {
      ...LONG,
      what: 'the 300 records published while c was offline',
    })
    expect(await c.count(a.did)).toBe(await a.count(a.did))
  }, 400_000)

  it('reaches the collective from a network whose only way out is a WebSocket to the relay', async () => {
    const w = await start(
      await internet.homeHost('w', { nat: 'port-preserving', egressTcpPorts: [WS_PORT] }),
      {
        POLDER_BOOTSTRAP: `/ip4/${relayHost.ip}/tcp/${WS_PORT}/ws/p2p/${relay.peerId}`,
      },
    )
    const toRelay = await waitFor(async () => (await connectionsTo(w, relay)).at(0), {
      ...LONG,
      what: 'w connected to the relay',
    })
    expect(toRelay).toContain(`/tcp/${WS_PORT}/ws`)
    await relayedAddress(w)
    await w.follow(a)
    const held = await a.count(a.did)
    await waitFor(async () => (await w.count(a.did)) === held, {
      ...LONG,
      what: "a's records on w",
    })
    // and the other way: a follows w, whose records leave over the WebSocket only
    await a.follow(w)
    await w.publish([practice(3, 'Urk')])
    await waitFor(async () => (await a.count(w.did)) === 1, { ...LONG, what: "w's record on a" })
  }, 300_000)

  it('connects directly to a node behind a port forward that announces its public address', async () => {
    const dHost = await internet.homeHost('d', {
      nat: 'port-preserving',
      forwardTcpPorts: [TCP_PORT],
    })
    const d = await start(dHost, { POLDER_ANNOUNCE: `/ip4/${dHost.publicIp}/tcp/${TCP_PORT}` })
    expect((await d.client.getStatus()).addresses).toContain(
      `/ip4/${dHost.publicIp}/tcp/${TCP_PORT}/p2p/${d.peerId}`,
    )
    await b.follow(d)
    await d.publish([practice(4, 'Hoorn')])
    await waitFor(async () => (await b.count(d.did)) === 1, { ...LONG, what: "d's record on b" })
    // b, itself behind a NAT, reaches d at its forwarded public address: a direct connection,
    // at once or as the upgrade of a relayed one that opened first (either may carry the record)
    const direct = `/ip4/${dHost.publicIp}/tcp/${TCP_PORT}/p2p/${d.peerId}`
    await waitFor(async () => (await connectionsTo(b, d)).includes(direct), {
      ...LONG,
      what: `b connected to d at ${direct}`,
    })
  }, 300_000)

  it('relays for members only, and refuses a reservation past its limit', async () => {
    const { node: small, bootstrap: viaSmallRelay } = await testbed.relay('small', {
      POLDER_RELAY_RESERVATIONS: '1',
    })
    const viaSmall = { POLDER_BOOTSTRAP: viaSmallRelay }
    // a node of another collective never announces itself in this one: not a member
    const stranger = await start(await internet.homeHost('n', { nat: 'port-preserving' }), {
      ...viaSmall,
      POLDER_COLLECTIVE: 'another-collective',
    })
    await waitFor(
      () =>
        small.output
          .split('\n')
          .some(
            (line) =>
              line.includes('relay service refused') &&
              line.includes(stranger.peerId) &&
              line.includes('reservation: not a member'),
          ),
      { ...LONG, what: 'the relay refusing the stranger' },
    )
    // a member takes the one reservation; the next member is refused
    const x = await start(await internet.homeHost('x', { nat: 'port-preserving' }), viaSmall)
    expect(await relayedAddress(x)).toContain(`/p2p/${small.peerId}/p2p-circuit`)
    const y = await start(await internet.homeHost('y', { nat: 'port-preserving' }), {
      ...viaSmall,
      // the relay transport's own log says why a reservation failed
      DEBUG: 'libp2p:circuit-relay:transport:reservation-store*',
    })
    await waitFor(() => y.output.includes('reservation failed with status RESERVATION_REFUSED'), {
      ...LONG,
      what: 'the over-limit reservation refused',
    })
    const addresses = (await y.client.getStatus()).addresses
    expect(addresses.filter((address) => address.includes('/p2p-circuit'))).toEqual([])
    expect(
      (await stranger.client.getStatus()).addresses.some((address) =>
        address.includes('/p2p-circuit'),
      ),
    ).toBe(false)
  }, 300_000)
})
