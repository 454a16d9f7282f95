/**
 * `/metrics` counts connections opened and closed, each close by how it ended (closed
 * cleanly, aborted here, reset by the peer) and its error: what cuts the connections of a
 * network at rest (the idle-cost bench reads it).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type InProcessNode, startInProcess } from './in-process.js'

const WAIT_MS = 10_000

let dir: string
let a: InProcessNode
let b: InProcessNode

const libp2pOf = (node: InProcessNode) => node.context.network.current().network.libp2p
const metricsOf = async (node: InProcessNode) => (await fetch(`${node.url}/metrics`)).text()

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polder-connection-metrics-'))
  a = await startInProcess(await mkdtemp(join(dir, 'a-')))
  b = await startInProcess(await mkdtemp(join(dir, 'b-')))
})

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()])
  await rm(dir, { recursive: true, force: true })
})

describe('connection metrics', () => {
  it('counts a connection opened and closed, on both sides', async () => {
    const other = libp2pOf(b)
    await libp2pOf(a).dial(other.getMultiaddrs())
    const gone = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('b never saw the close')), WAIT_MS)
      other.addEventListener(
        'peer:disconnect',
        () => {
          clearTimeout(timer)
          resolve()
        },
        { once: true },
      )
    })
    await libp2pOf(a).hangUp(other.peerId)
    await gone
    // at least one: the DHT may dial again meanwhile
    const ours = await metricsOf(a)
    expect(ours).toMatch(/^polder_connections_opened_total\{direction="outbound"\} [1-9]\d*$/m)
    expect(ours).toMatch(/^polder_connections_closed_total\{how="closed",error="none"\} [1-9]\d*$/m)
    const theirs = await metricsOf(b)
    expect(theirs).toMatch(/^polder_connections_opened_total\{direction="inbound"\} [1-9]\d*$/m)
    expect(theirs).toMatch(
      /^polder_connections_closed_total\{how="closed",error="none"\} [1-9]\d*$/m,
    )
  })

  it('counts an abort with its error', async () => {
    const connection = await libp2pOf(a).dial(libp2pOf(b).getMultiaddrs())
    const aborted = new Error('a ping not answered in time')
    aborted.name = 'TimeoutError'
    connection.abort(aborted)
    expect(await metricsOf(a)).toMatch(
      /^polder_connections_closed_total\{how="aborted",error="TimeoutError"\} 1$/m,
    )
  })
})
