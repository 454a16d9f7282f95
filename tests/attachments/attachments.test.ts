/** Attachments between real node processes on 127.0.0.1. */
import { randomBytes } from 'node:crypto'
import { type OutputOf, pathOf, ROUTES, type Routes } from '@polder/api'
import { RogueNode, TestNetwork, type TestNode, waitFor } from '@polder/testnet'
import { describe, expect, it } from 'vitest'

const MIB = 1024 * 1024

type Attachment = OutputOf<Routes['uploadAttachment']>

async function upload(node: TestNode, bytes: Uint8Array, name: string, type: string) {
  const response = await fetch(
    `${node.url}${pathOf(ROUTES.uploadAttachment, { query: { name, type } })}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${node.token}`, 'content-type': type },
      body: bytes,
      signal: AbortSignal.timeout(60_000),
    },
  )
  const body: unknown = await response.json()
  return {
    status: response.status,
    // a refusal is a problem document, else the attachment the contract describes
    body: (response.ok
      ? ROUTES.uploadAttachment.responses[201].schema.parse(body)
      : body) as Attachment,
  }
}

const download = (node: TestNode, path: string, headers: Record<string, string> = {}) =>
  fetch(`${node.url}${path}`, { headers, signal: AbortSignal.timeout(60_000) })

const practice = (title: string, attachments: Attachment[]) => ({
  kind: 'practice',
  languages: ['nl'],
  title: { nl: title },
  status: 'pilot',
  attachments,
})

describe('attachments between nodes', () => {
  it('fetches a 20 MB file published on one node byte-identical on another', async () => {
    await using network = await TestNetwork.create({
      nodes: 2,
      follow: [[1, 0]],
      node: { env: { POLDER_FETCH_TIMEOUT: '10' } },
    })
    const [a, b] = network.nodes as [TestNode, TestNode]
    const bytes = randomBytes(20 * 1000 * 1000)
    const { status, body: attachment } = await upload(a, bytes, 'rapport.pdf', 'application/pdf')
    expect(status).toBe(201)
    expect(attachment).toMatchObject({ size: bytes.length, mediaType: 'application/pdf' })
    await a.publish([practice('Hitte in de wijk', [attachment])])
    await waitFor(async () => (await b.count(a.did)) === 1, { what: 'the finding on b' })

    const response = await download(b, `/v1/attachments/${attachment.cid}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('etag')).toBe(`"${attachment.cid}"`)
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)

    // a range, a range past the end, a wrong size, a malformed and an unknown CID
    const part = await download(b, `/v1/attachments/${attachment.cid}`, {
      range: 'bytes=1000-1999',
    })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`)
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true)
    const past = await download(b, `/v1/attachments/${attachment.cid}`, {
      range: `bytes=${bytes.length}-`,
    })
    expect(past.status).toBe(416)
    expect(past.headers.get('content-range')).toBe(`bytes */${bytes.length}`)
    const wrongSize = await download(b, `/v1/attachments/${attachment.cid}?size=12`)
    expect(wrongSize.status).toBe(409)
    // the title is constant per problem type; the particulars are in detail
    expect(((await wrongSize.json()) as { detail: string }).detail).toMatch(
      /is 20000000 bytes, not 12/,
    )
    expect((await download(b, '/v1/attachments/not-a-cid')).status).toBe(400)
    const unknown = await download(
      b,
      '/v1/attachments/bafkreie7ohywtosou76tasm7j63yigtzxe7d5zqus4zu3j6oltvgtibeom',
    )
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(
      /No peer had .* within 10 s/,
    )

    // b follows a: the attachment is pinned there too
    await waitFor(
      async () =>
        (await b.client.getAttachmentStatus({ params: { cid: attachment.cid } })).state ===
        'pinned',
      { timeoutMs: 20_000, what: 'the attachment pinned on b' },
    )
    // an honest transfer of 80 blocks counts no offence against the sender
    const { offenders } = await b.client.listPeers()
    expect(offenders).toEqual([])
  }, 90_000)

  it('collects files fetched on demand once they pass the cache budget', async () => {
    // b does not follow a: a's files are fetched when asked for, not pinned
    await using network = await TestNetwork.create({
      nodes: 2,
      node: (index) => (index === 1 ? { env: { POLDER_CACHE_BUDGET: '4' } } : {}),
    })
    const [a, b] = network.nodes as [TestNode, TestNode]
    const first = randomBytes(3 * 1000 * 1000)
    const second = randomBytes(3 * 1000 * 1000)
    const uploaded: Attachment[] = []
    for (const [n, bytes] of [first, second].entries()) {
      const { body } = await upload(a, bytes, `kaart-${n}.pdf`, 'application/pdf')
      uploaded.push(body)
    }
    const [one, two] = uploaded as [Attachment, Attachment]
    const state = async (cid: string) =>
      (await b.client.getAttachmentStatus({ params: { cid } })).state
    const read = await download(b, `/v1/attachments/${one.cid}`)
    expect(Buffer.from(await read.arrayBuffer()).equals(first)).toBe(true)
    // 3 MB, within the 4 MiB budget: kept
    expect(await state(one.cid)).toBe('local')
    const again = await download(b, `/v1/attachments/${two.cid}`)
    expect(Buffer.from(await again.arrayBuffer()).equals(second)).toBe(true)
    // 6 MB passes the budget: collected at once, not at the hourly collection
    await waitFor(async () => (await state(one.cid)) === 'unavailable', {
      what: 'the files fetched on demand collected',
    })
    expect(await state(two.cid)).toBe('unavailable')
  }, 90_000)

  it('cuts off a peer that sends blocks never asked for (wrong data)', async () => {
    await using network = await TestNetwork.create({ nodes: 1 })
    const [victim] = network.nodes as [TestNode]
    await using rogue = await RogueNode.create()
    const rogueId = rogue.network.libp2p.peerId.toString()
    await rogue.sendBlocks(victim.address, 3)
    await waitFor(
      async () => {
        const { peers, offenders } = await victim.client.listPeers()
        const offences = offenders.find((entry) => entry.peer === rogueId)?.offences ?? 0
        // the log line comes through the child's stdout, which may trail the API's answer
        const logged = victim.output.includes('sent a block it was not asked for')
        return offences >= 3 && logged && peers.every((peer) => peer.peerId !== rogueId)
      },
      { what: 'three offences and the rogue cut off' },
    )
    expect(victim.output).toContain('sent a block it was not asked for')
  }, 60_000)

  it('finds a file held only by a non-neighbour through the DHT', async () => {
    // 0 — 1 — 2: only 0 has the file; 2 is not connected to it
    await using network = await TestNetwork.create({ nodes: 3, topology: 'line' })
    const [a, , c] = network.nodes as [TestNode, TestNode, TestNode]
    const bytes = randomBytes(3 * MIB)
    const { body: attachment } = await upload(a, bytes, 'data.csv', 'text/csv')
    const response = await waitFor(
      async () => {
        const answer = await download(c, `/v1/attachments/${attachment.cid}`)
        return answer.status === 200 ? answer : undefined
      },
      { timeoutMs: 60_000, intervalMs: 1_000, what: 'the file on node 2' },
    )
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true)
    const peers = await c.client.listPeers()
    expect(peers.peers.map((peer) => peer.peerId)).toContain(a.peerId)
  }, 90_000)

  it('pins followed organisations’ attachments only up to the budget, newest first', async () => {
    await using network = await TestNetwork.create({
      nodes: 2,
      follow: [[1, 0]],
      node: (index) => (index === 1 ? { env: { POLDER_PIN_BUDGET: '2.5' } } : {}),
    })
    const [a, b] = network.nodes as [TestNode, TestNode]
    const uploaded: Attachment[] = []
    for (const n of [1, 2, 3]) {
      const { body } = await upload(a, randomBytes(MIB), `set-${n}.bin`, 'application/zip')
      uploaded.push(body)
      await a.publish([practice(`Meting ${n}`, [body])])
    }
    const pins = await waitFor(
      async () => {
        const list = await b.client.listAttachments()
        return list.pins.length === 2 ? list : undefined
      },
      { timeoutMs: 30_000, what: 'two attachments pinned on b' },
    )
    expect(pins.budget.used).toBeLessThanOrEqual(2.5 * MIB)
    expect(pins.pins.map((pin) => pin.cid).sort()).toEqual(
      [uploaded[1]?.cid, uploaded[2]?.cid].sort(),
    )
    const oldest = await b.client.getAttachmentStatus({
      params: { cid: uploaded[0]?.cid ?? '' },
    })
    expect(oldest.state).not.toBe('pinned')
  }, 90_000)

  it('a download survives a restart of the node serving it (resumes with a range)', async () => {
    await using network = await TestNetwork.create({
      nodes: 2,
      node: { env: { POLDER_FETCH_TIMEOUT: '20' } },
    })
    const [a, b] = network.nodes as [TestNode, TestNode]
    const bytes = randomBytes(12 * MIB)
    const { body: attachment } = await upload(a, bytes, 'foto.jpg', 'image/jpeg')

    const response = await download(b, `/v1/attachments/${attachment.cid}`)
    expect(response.status).toBe(200)
    const reader = response.body?.getReader()
    if (reader === undefined) throw new Error('no body')
    const received: Uint8Array[] = []
    let length = 0
    // read a little, then restart the serving node mid-download
    while (length < MIB) {
      const { value, done } = await reader.read()
      if (done) break
      received.push(value)
      length += value.length
    }
    await a.restart()
    await b.connect(a)
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) break
        received.push(value)
        length += value.length
      }
    } catch {
      // the download broke off cleanly: resume from where it stopped
      const rest = await download(b, `/v1/attachments/${attachment.cid}`, {
        range: `bytes=${length}-`,
      })
      expect(rest.status).toBe(206)
      received.push(new Uint8Array(await rest.arrayBuffer()))
    }
    expect(Buffer.concat(received).equals(bytes)).toBe(true)
  }, 90_000)
})
