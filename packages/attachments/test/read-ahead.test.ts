/**
 * Reading files with the read-ahead, on real Helia nodes with on-disk blockstores in temp
 * dirs: ranges across leaves and inner nodes, repeated blocks, other importers' DAGs,
 * readers that stop early, and DAGs whose sizes lie.
 */
import { randomBytes } from 'node:crypto'
import { unixfs } from '@helia/unixfs'
import * as dagPb from '@ipld/dag-pb'
import { createNetwork, type Network } from '@polder/net'
import { loadOrCreateKey, type Store } from '@polder/store'
import { openStore, tempDir } from '@polder/store/testing'
import { UnixFS } from 'ipfs-unixfs'
import { CID } from 'multiformats-13/cid'
import * as raw from 'multiformats-13/codecs/raw'
import { sha256 } from 'multiformats-13/hashes/sha2'
import { describe, expect, it } from 'vitest'
import { Attachments } from '../src/attachments.js'
import { CHUNK_SIZE, MAX_LINKS, MIB, READ_STEP } from '../src/constants.js'
import { AttachmentFetchError } from '../src/errors.js'
import { readAhead } from '../src/read-ahead.js'
import { readFile } from '../src/reader.js'

interface Node extends AsyncDisposable {
  readonly store: Store
  readonly network: Network
  readonly attachments: Attachments
}

async function startNode(home: string): Promise<Node> {
  const { key } = await loadOrCreateKey(home)
  const store = await openStore(home)
  const network = await createNetwork({
    home,
    privateKey: key.privateKey,
    listen: ['/ip4/127.0.0.1/tcp/0'],
    bootstrap: [],
    collective: 'test',
    mdns: false,
  })
  const attachments = new Attachments({ network, store, gcIntervalMs: 0, findTimeoutMs: 5_000 })
  attachments.start()
  return {
    store,
    network,
    attachments,
    async [Symbol.asyncDispose]() {
      await attachments.stop()
      await network.stop()
      await store.stop()
    },
  }
}

async function* chunks(bytes: Uint8Array, size = 65_536): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size)
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = []
  for await (const part of source) parts.push(part)
  return Buffer.concat(parts)
}

const meta = { name: 'data.bin', mediaType: 'application/octet-stream' }

describe('reading files with the read-ahead', () => {
  it('reads any range of a two-level DAG, across leaves and inner nodes', async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path)
    // 180 chunks and a bit: two inner nodes under the root, the last leaf short
    const bytes = randomBytes(CHUNK_SIZE * 180 + 777)
    const added = await node.attachments.add(chunks(bytes), meta)
    const file = await node.attachments.stat(added.cid)
    const innerEdge = MAX_LINKS * CHUNK_SIZE
    const ranges: [number, number][] = [
      [0, 1],
      [CHUNK_SIZE - 1, 2],
      [innerEdge - 1, 2],
      [innerEdge - 100_000, 300_000],
      [bytes.length - 1, 1],
      [bytes.length - CHUNK_SIZE - 5, CHUNK_SIZE + 5],
      [12_345, 20 * MIB],
      [0, bytes.length],
    ]
    for (const [offset, length] of ranges) {
      const part = await collect(node.attachments.read(file, { offset, length }))
      expect(part.equals(bytes.subarray(offset, offset + length))).toBe(true)
    }
    expect((await collect(node.attachments.read(file, { offset: 5, length: 0 }))).length).toBe(0)
  })

  it('stores and fetches a file whose blocks repeat (each block once, the file whole)', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using a = await startNode(dirA.path)
    await using b = await startNode(dirB.path)
    await b.network.libp2p.dial(a.network.libp2p.getMultiaddrs())
    // zeros, one random block, zeros: 21 leaves of which 2 differ
    const bytes = Buffer.alloc(21 * CHUNK_SIZE)
    randomBytes(CHUNK_SIZE).copy(bytes, 10 * CHUNK_SIZE)
    const added = await a.attachments.add(chunks(bytes, MIB), meta)
    expect(
      (await collect(a.attachments.read(await a.attachments.stat(added.cid)))).equals(bytes),
    ).toBe(true)

    const file = await b.attachments.stat(added.cid)
    expect((await collect(b.attachments.read(file))).equals(bytes)).toBe(true)
    expect((await b.attachments.status(added.cid)).state).toBe('local')
  })

  it("reads other importers' DAGs: leaves in DAG-PB, data in the root", async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path)
    const fs = unixfs(node.network.helia)
    const bytes = randomBytes(3 * MIB + 99)
    // as `ipfs add` without raw leaves: every leaf a DAG-PB node holding its data
    const wrapped = await fs.addBytes(bytes, { rawLeaves: false, cidVersion: 1 })
    const file = await node.attachments.stat(wrapped.toString())
    expect((await collect(node.attachments.read(file))).equals(bytes)).toBe(true)
    const part = await collect(node.attachments.read(file, { offset: MIB - 3, length: MIB + 6 }))
    expect(part.equals(bytes.subarray(MIB - 3, 2 * MIB + 3))).toBe(true)
    // a small file in one DAG-PB node: its data is in the root itself
    const small = await fs.addBytes(Buffer.from('klein bestand'), {
      rawLeaves: false,
      cidVersion: 1,
      reduceSingleLeafToSelf: true,
    })
    const smallFile = await node.attachments.stat(small.toString())
    expect((await collect(node.attachments.read(smallFile))).toString()).toBe('klein bestand')
  })

  it('lets a reader stop early, and reads the file again after', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using a = await startNode(dirA.path)
    await using b = await startNode(dirB.path)
    await b.network.libp2p.dial(a.network.libp2p.getMultiaddrs())
    const bytes = randomBytes(12 * MIB)
    const added = await a.attachments.add(chunks(bytes, MIB), meta)
    const file = await b.attachments.stat(added.cid)
    let first: Uint8Array | undefined
    for await (const chunk of b.attachments.read(file)) {
      first = chunk
      break
    }
    expect(Buffer.from(first ?? []).equals(bytes.subarray(0, first?.length ?? 1))).toBe(true)
    expect((await collect(b.attachments.read(file))).equals(bytes)).toBe(true)
  })

  it('asks for blocks a quarter of the window at a time, not one by one', async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path)
    const bytes = randomBytes(40 * CHUNK_SIZE)
    const added = await node.attachments.add(chunks(bytes, MIB), meta)
    const file = await node.attachments.stat(added.cid)
    const store = node.network.helia.blockstore
    // what the read-ahead does, in order: a block asked for, or one handed to the reader
    const events: ('get' | 'yield')[] = []
    const recording: Parameters<typeof readAhead>[0] = {
      has: store.has.bind(store),
      put: store.put.bind(store),
      get(cid, options) {
        events.push('get')
        return store.get(cid, options)
      },
    }
    const parts: Uint8Array[] = []
    for await (const part of readAhead(recording, file.cid, {
      offset: 0,
      end: file.size,
      aheadBytes: 8 * CHUNK_SIZE,
    })) {
      events.push('yield')
      parts.push(part)
    }
    expect(Buffer.concat(parts).equals(bytes)).toBe(true)
    // the root, then the whole window at once, then refills of two blocks or more
    const runs = events
      .join(' ')
      .split(' yield')
      .map((run) => run.split('get').length - 1)
    const refills = runs.slice(1).filter((asked) => asked > 0)
    expect(runs[0]).toBe(1 + 8)
    expect(refills.length).toBeGreaterThan(0)
    for (const asked of refills) expect(asked).toBeGreaterThanOrEqual(2)
    expect(events.filter((event) => event === 'get').length).toBe(1 + 40)
  })

  it('keeps two steps of wants ahead: the step after next is asked for once a step is handed on', async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path)
    const step = READ_STEP / CHUNK_SIZE
    const bytes = randomBytes((4 * step + 3) * CHUNK_SIZE)
    const added = await node.attachments.add(chunks(bytes, MIB), meta)
    const file = await node.attachments.stat(added.cid)
    const store = node.network.helia.blockstore
    let handedOn = 0
    // for each want: how many blocks the reader had been handed when it was asked for
    const askedAt: number[] = []
    const recording: Parameters<typeof readFile>[0] = {
      has: store.has.bind(store),
      put: store.put.bind(store),
      get(cid, options) {
        askedAt.push(handedOn)
        return store.get(cid, options)
      },
    }
    const parts: Uint8Array[] = []
    for await (const part of readFile(recording, file)) {
      handedOn++
      parts.push(part)
    }
    expect(Buffer.concat(parts).equals(bytes)).toBe(true)
    // the root, then two steps before the reader has a byte; then a whole step each time
    // the reader has taken one, while the step after it is still to come
    const asked = (before: number) => askedAt.filter((at) => at === before).length
    expect(asked(0)).toBe(1 + 2 * step)
    expect(asked(step)).toBe(step)
    expect(asked(2 * step)).toBe(step)
    expect(asked(3 * step)).toBe(3)
    expect(askedAt.length).toBe(1 + 4 * step + 3)
  })

  it('refuses a DAG whose sizes do not add up instead of giving fewer bytes', async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path)
    const blocks = node.network.helia.blockstore
    const leaf = randomBytes(1_000)
    const leafCid = CID.createV1(raw.code, await sha256.digest(leaf))
    await blocks.put(leafCid, leaf)
    // a root that says its one leaf holds 2,000 bytes
    const data = new UnixFS({ type: 'file', blockSizes: [2_000n] })
    // dag-pb is typed with multiformats 14's CID; at run time it takes 13's as well
    const Hash = leafCid as unknown as dagPb.PBLink['Hash']
    const root = dagPb.encode({ Data: data.marshal(), Links: [{ Hash, Tsize: 1_000 }] })
    const rootCid = CID.createV1(dagPb.code, await sha256.digest(root))
    await blocks.put(rootCid, root)
    const file = await node.attachments.stat(rootCid.toString())
    expect(file.size).toBe(2_000)
    await expect(collect(node.attachments.read(file))).rejects.toThrow(AttachmentFetchError)
    // the leaf is refused whatever part of it is read
    await expect(collect(node.attachments.read(file, { offset: 10, length: 20 }))).rejects.toThrow(
      AttachmentFetchError,
    )
  })
})
