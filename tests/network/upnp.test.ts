/**
 * UPnP port mapping against a real gateway: Debian's miniupnpd on a home router of the
 * small internet (@polder/testnet's SmallInternet with `upnp: true`). A node with
 * POLDER_UPNP=true finds the gateway by SSDP multicast on its LAN, maps its listen port,
 * announces the router's public address (though its only peer, a relay, connected before
 * the mapping existed), is dialled there by a node on the internet and replicates over
 * that connection;
 * the same router maps nothing for a node without POLDER_UPNP, which cannot be dialled;
 * stopping the node removes its mapping. The tests share the reader and run in order.
 */
import {
  ApiError,
  type NetnsHost,
  type SmallInternet,
  type TestNode,
  upnpUnavailable,
  waitFor,
} from '@polder/testnet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { practice } from '../collective/records.js'
import { addressesOf, connectionsTo, skipReason, TCP_PORT, Testbed } from './hosts.js'

const skip = skipReason() ?? gatewayMissing()
const LONG = { timeoutMs: 60_000 }

/** CI installs miniupnpd (.ci/run) and must run these; elsewhere its absence skips them. */
function gatewayMissing(): string | undefined {
  const missing = upnpUnavailable()
  if (missing === undefined) return undefined
  if (process.env.CI !== undefined) throw new Error(`CI must run the UPnP tests: ${missing}`)
  console.warn(`tests/network/upnp.test.ts skipped: ${missing}`)
  return missing
}

describe.skipIf(skip !== undefined)('UPnP port mapping on a home router', () => {
  let testbed: Testbed
  let internet: SmallInternet
  let reader: TestNode
  let bootstrap: string
  let uHost: NetnsHost
  let u: TestNode

  /**
   * A node on `host`, listening on TCP only. With a WebSocket listener too (two mappings),
   * u's record did not reach the reader in 2 of 4 runs, its sync saying "The connection
   * muxer is closed" of one of its two connections to u. Two causes were found and fixed
   * (gossipsub lost its stream when one of two connections closed: packages/net
   * gossip-streams.ts; a pull kept meeting a connection whose multiplexer had closed:
   * packages/net peer-stream.ts), but at load 30 it still failed 2 of 4 runs: not yet
   * understood.
   */
  const start = async (host: NetnsHost, env: Record<string, string> = {}) =>
    testbed.node(host, { POLDER_LISTEN: `/ip4/${host.ip}/tcp/${TCP_PORT}`, ...env })
  const publicAddress = (host: NetnsHost, node: TestNode) =>
    `/ip4/${host.publicIp}/tcp/${TCP_PORT}/p2p/${node.peerId}`

  beforeAll(async () => {
    testbed = await Testbed.create()
    internet = testbed.internet
    // no bootstrap peers and no relay: the reader meets a home node only by dialling it
    reader = await start(await internet.publicHost('reader'))
    ;({ bootstrap } = await testbed.relay())
  }, 120_000)

  afterAll(async () => {
    await testbed?.dispose()
  }, 60_000)

  it('maps the listen port, announces the public address, is dialled there and replicates', async () => {
    uHost = await internet.homeHost('u', { nat: 'port-preserving', upnp: true })
    // u meets its bootstrap relay at once, seconds before it has a mapping
    u = await start(uHost, {
      POLDER_UPNP: 'true',
      POLDER_BOOTSTRAP: bootstrap,
    })
    // found by SSDP, asked with AddAnyPortMapping: the router forwards its port 4011 to u
    await waitFor(async () => ((await uHost.upnp?.mappings()) ?? []).length > 0, {
      ...LONG,
      what: "u's port mapping on its router",
    })
    expect(uHost.upnp?.log).toContain(`M-SEARCH from ${uHost.ip}`)
    expect(await uHost.upnp?.mappings()).toEqual([
      { protocol: 'tcp', externalPort: TCP_PORT, internalHost: uHost.ip, internalPort: TCP_PORT },
    ])
    // announced with no new peer to confirm it: libp2p's AutoNAT would wait for one
    const at = publicAddress(uHost, u)
    await waitFor(async () => (await addressesOf(u)).includes(at), {
      ...LONG,
      what: `u announcing ${at}`,
    })
    // following first: u's record then travels live, or at the next comparison of heads
    await reader.follow(u)
    const dialled = await reader.client.connectPeer({ body: { address: at } })
    expect(dialled).toMatchObject({ peerId: u.peerId, address: at, existing: false })
    await u.publish([practice(1, 'Zwolle')])
    await waitFor(async () => (await reader.count(u.did)) === 1, {
      ...LONG,
      what: "u's record on the reader",
    })
    const toU = await connectionsTo(reader, u)
    expect(toU).toContain(at)
    expect(toU.some((address) => address.includes('/p2p-circuit'))).toBe(false)
  }, 180_000)

  it('maps nothing for a node without POLDER_UPNP, which cannot be dialled there', async () => {
    const vHost = await internet.homeHost('v', { nat: 'port-preserving', upnp: true })
    const v = await start(vHost)
    // the router drops the unasked SYN: the dial times out and the API says so
    const refused = await reader.client
      .connectPeer({ body: { address: publicAddress(vHost, v) } })
      .catch((err: unknown) => err)
    expect(refused).toBeInstanceOf(ApiError)
    expect((refused as ApiError).status).toBe(502)
    // a node with UPnP searches for the gateway as it starts: this one never asked it
    expect(vHost.upnp?.log).not.toContain(`M-SEARCH from ${vHost.ip}`)
    expect(await vHost.upnp?.mappings()).toEqual([])
    expect((await addressesOf(v)).some((a) => a.includes(vHost.publicIp))).toBe(false)
  }, 120_000)

  it('removes its mapping from the router when the node stops', async () => {
    expect(await uHost.upnp?.mappings()).not.toEqual([])
    await u.stop()
    // the library deletes each mapping it made (DeletePortMapping) as libp2p stops
    expect(await uHost.upnp?.mappings()).toEqual([])
    expect(uHost.upnp?.log).toContain(`DeletePortMapping: external port: ${TCP_PORT}`)
  }, 60_000)
})
