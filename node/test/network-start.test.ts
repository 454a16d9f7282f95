/**
 * The API serves as soon as the store and search index are open; the network (libp2p,
 * Helia, the collective, attachments) starts after it. Real node processes; the network's
 * start is held deterministically by `POLDER_FAULT_HOLD_NETWORK` (it starts once the file
 * exists).
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPolder, stopPolder } from './cli.js'

const LOOPBACK = {
  POLDER_API: '127.0.0.1:0',
  POLDER_LISTEN: '/ip4/127.0.0.1/tcp/0',
  POLDER_BOOTSTRAP: '',
  POLDER_MDNS: 'false',
  POLDER_CHECK_RESPONSES: 'true',
}

interface Status {
  did: string
  peerId: string
  addresses: string[]
  records: number
  network: { state: string }
}

let dir: string
const children: ChildProcess[] = []

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-network-start-'))
})

afterAll(async () => {
  for (const child of children) await stopPolder(child)
  await rm(dir, { recursive: true, force: true })
})

/** Resolves once `output()` holds `text`; rejects after `ms`. */
async function logged(output: () => string, text: string, ms = 30_000): Promise<void> {
  for (const deadline = Date.now() + ms; !output().includes(text); ) {
    if (Date.now() > deadline) throw new Error(`not logged in ${ms} ms: ${text}\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const json = async <T>(response: Response): Promise<T> => {
  expect(response.status, await response.clone().text()).toBeLessThan(300)
  return (await response.json()) as T
}

describe('the network starts after the API', () => {
  it('serves while the network starts; a record published then reaches a follower once it is up', async () => {
    const hold = join(dir, 'hold')
    const home = join(dir, 'publisher')
    const publisher = await startPolder(
      { POLDER_HOME: home, ...LOOPBACK, POLDER_FAULT_HOLD_NETWORK: hold },
      30_000,
      [],
      'API listening',
    )
    children.push(publisher.child)
    const token = (await readFile(join(home, 'api-token'), 'utf8')).trim()
    const auth = { authorization: `Bearer ${token}` }

    // status answers at once, and says the network is starting
    const starting = await json<Status>(await fetch(`${publisher.url}/v1/status`))
    expect(starting.network.state).toBe('starting')
    expect(starting.addresses).toEqual([])
    expect(starting.peerId).toMatch(/^12D3KooW/)
    // records and search are served
    const published = await json<{ id: string }>(
      await fetch(`${publisher.url}/v1/records`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          kind: 'practice',
          languages: ['nl'],
          title: { nl: 'Gepubliceerd terwijl het netwerk start' },
          status: 'pilot',
        }),
      }),
    )
    // searchable a moment after it is stored: the index follows the store's events
    await expect
      .poll(
        async () =>
          (await json<{ total: number }>(await fetch(`${publisher.url}/v1/search?q=netwerk`)))
            .total,
        { timeout: 10_000 },
      )
      .toBe(1)
    // a route that needs the network waits for it, then answers a clear 503
    const peers = await fetch(`${publisher.url}/v1/peers`, { headers: auth })
    expect(peers.status).toBe(503)
    expect(peers.headers.get('retry-after')).toBe('5')
    const problem = (await peers.json()) as { type: string; title: string; detail: string }
    expect(problem.type).toBe('urn:polder:problem:network-starting')
    expect(problem.title).toContain('still starting its network')
    expect(problem.detail).toContain('De node start zijn netwerk nog')
    expect(publisher.output()).not.toContain('Polder node started')

    // the network starts: the status says so, with its addresses
    await writeFile(hold, '')
    await logged(publisher.output, '"msg":"Polder node started"')
    const started = await json<Status>(await fetch(`${publisher.url}/v1/status`))
    expect(started.network.state).toBe('started')
    expect(started.peerId).toBe(starting.peerId)
    const address = started.addresses.find((a) => a.startsWith('/ip4/127.0.0.1/tcp/'))
    expect(address).toBeDefined()
    expect((await fetch(`${publisher.url}/v1/peers`, { headers: auth })).status).toBe(200)

    // a follower started now gets the record published while the network was starting
    const followerHome = join(dir, 'follower')
    const follower = await startPolder(
      { POLDER_HOME: followerHome, ...LOOPBACK, POLDER_BOOTSTRAP: address as string },
      30_000,
    )
    children.push(follower.child)
    const followerToken = (await readFile(join(followerHome, 'api-token'), 'utf8')).trim()
    await json(
      await fetch(`${follower.url}/v1/follows/${started.did}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${followerToken}` },
      }),
    )
    const records = () =>
      fetch(`${follower.url}/v1/records?author=${encodeURIComponent(started.did)}`).then((r) =>
        json<{ records: { id: string }[] }>(r),
      )
    let ids: string[] = []
    for (const deadline = Date.now() + 30_000; ids.length === 0 && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      ids = (await records()).records.map((r) => r.id)
    }
    expect(ids).toEqual([published.id])
  }, 120_000)

  it('stops cleanly while its network is still held', async () => {
    const publisher = await startPolder(
      {
        POLDER_HOME: join(dir, 'held'),
        ...LOOPBACK,
        POLDER_FAULT_HOLD_NETWORK: join(dir, 'never'),
      },
      30_000,
      [],
      'API listening',
    )
    expect(await stopPolder(publisher.child)).toBe(0)
    expect(publisher.output()).not.toContain('Polder node started')
  }, 60_000)
})
