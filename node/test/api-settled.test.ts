/**
 * The network's start waits for the API to answer what came as it opened (`apiSettled`),
 * and begins at once when a request needs it (`NetworkStart`'s demand). A real HTTP
 * server on 127.0.0.1; waits are for events, each with a timeout.
 */
import { createServer, type Server, type ServerResponse } from 'node:http'
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { apiSettled } from '../src/parts/api-settled.js'
import { type NetworkParts, NetworkStart } from '../src/parts/network-start.js'

const servers: Server[] = []

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})

/** A listening server whose handler holds each response until the test ends it. */
async function holdingServer(): Promise<{
  server: Server
  url: string
  held: Promise<ServerResponse>
}> {
  let handed: (response: ServerResponse) => void = () => {}
  const held = new Promise<ServerResponse>((resolve) => {
    handed = resolve
  })
  const server = createServer((_request, response) => handed(response))
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('not listening')
  return { server, url: `http://127.0.0.1:${address.port}/`, held }
}

/** Whether `promise` has resolved within `ms` (a negative check: it must not have). */
const within = (promise: Promise<unknown>, ms: number): Promise<boolean> =>
  Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms)),
  ])

describe('apiSettled', () => {
  it('waits for a request that came as the API opened to be answered', async () => {
    const { server, url, held } = await holdingServer()
    const settled = apiSettled(server, { graceMs: 60_000, maxMs: 60_000 })
    const answer = fetch(url)
    const response = await held
    // the request is in flight: not settled
    expect(await within(settled, 100)).toBe(false)
    response.end('ok')
    expect(await (await answer).text()).toBe('ok')
    expect(await within(settled, 10_000)).toBe(true)
  })

  it('waits for a connection that has not sent its request yet, up to its bound', async () => {
    const { server } = await holdingServer()
    const address = server.address() as { port: number }
    const settled = apiSettled(server, { graceMs: 60_000, maxMs: 60_000 })
    const socket: Socket = connect(address.port, '127.0.0.1')
    await new Promise((resolve) => server.once('connection', resolve))
    expect(await within(settled, 100)).toBe(false)
    socket.destroy()
    expect(await within(settled, 10_000)).toBe(true)
  })

  it('settles after the grace when nothing comes, and at its bound whatever is in flight', async () => {
    const quiet = await holdingServer()
    expect(await within(apiSettled(quiet.server, { graceMs: 5 }), 10_000)).toBe(true)
    const busy = await holdingServer()
    const bounded = apiSettled(busy.server, { graceMs: 60_000, maxMs: 50 })
    void fetch(busy.url).catch(() => {})
    await busy.held
    expect(await within(bounded, 10_000)).toBe(true)
  })

  it('settles when the server closes', async () => {
    const { server } = await holdingServer()
    const settled = apiSettled(server, { graceMs: 60_000, maxMs: 60_000 })
    servers.splice(servers.indexOf(server), 1)
    await new Promise((resolve) => server.close(resolve))
    expect(await within(settled, 10_000)).toBe(true)
  })
})

describe('NetworkStart', () => {
  it('begins a start not yet begun when a request waits for it', async () => {
    let begin: () => void = () => {}
    const begun = new Promise<void>((resolve) => {
      begin = resolve
    })
    // the parts themselves are not looked at here: what matters is when the start begins
    const start = new NetworkStart(
      begun.then(() => ({}) as unknown as NetworkParts),
      () => begin(),
    )
    expect(start.state).toBe('starting')
    await start.wait(10_000)
    expect(start.state).toBe('started')
  })
})
