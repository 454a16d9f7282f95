/** The attachment service on real Helia nodes with on-disk blockstores in temp dirs. */
import { randomBytes } from 'node:crypto'
import { unixfs } from '@helia/unixfs'
import { createNetwork, type Network } from '@polder/net'
import { InvalidCidError } from '@polder/schema'
import { loadOrCreateKey, type Store } from '@polder/store'
import { openStore, practice, tempDir } from '@polder/store/testing'
import { describe, expect, it, vi } from 'vitest'
import { Attachments, type AttachmentsInit } from '../src/attachments.js'
import { CHUNK_SIZE, MIB } from '../src/constants.js'
import {
  AttachmentNotFoundError,
  AttachmentTooLargeError,
  RangeNotSatisfiableError,
} from '../src/errors.js'
import { fileCid } from '../src/file-cid.js'

interface Node extends AsyncDisposable {
  readonly store: Store
  readonly network: Network
  readonly attachments: Attachments
}

async function startNode(home: string, options: Partial<AttachmentsInit> = {}): Promise<Node> {
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
  const attachments = new Attachments({ network, store, gcIntervalMs: 0, ...options })
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

async function blockCount(node: Node): Promise<number> {
  let n = 0
  for await (const _ of node.network.helia.blockstore.getAll()) n++
  return n
}

const meta = { name: 'data.bin', mediaType: 'application/octet-stream' }

describe('attachments', () => {
  it('gives the CID kubo gives (CIDv1, raw leaves, 256 KiB chunks, 174 links)', async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path)
    // `echo -n 'hello world' | ipfs add --cid-version=1`
    const small = await node.attachments.add(chunks(Buffer.from('hello world')), meta)
    expect(small.cid).toBe('bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e')

    // 175 chunks: one more than a node holds, so the balanced DAG has two levels
    const bytes = randomBytes(CHUNK_SIZE * 175)
    const big = await node.attachments.add(chunks(bytes), meta)
    expect(big.size).toBe(bytes.length)
    const root = fileCid(big.cid)
    expect(root.version).toBe(1)
    expect(root.code).toBe(0x70)
    // 175 raw leaves under two nodes of at most 174 links, under the root
    const stats = await unixfs(node.network.helia).stat(root, { extended: true, offline: true })
    expect(stats.blocks).toBe(175n + 2n + 1n)
    expect((await node.attachments.status(big.cid)).state).toBe('pinned')
    const file = await node.attachments.stat(big.cid)
    const part = await collect(node.attachments.read(file, { offset: 1_000_000, length: 300_000 }))
    expect(part.equals(bytes.subarray(1_000_000, 1_300_000))).toBe(true)
    expect(
      (await collect(node.attachments.read(file, { offset: 5 * MIB }))).equals(
        bytes.subarray(5 * MIB),
      ),
    ).toBe(true)
    await expect(
      collect(node.attachments.read(file, { offset: bytes.length + 1 })),
    ).rejects.toThrow(RangeNotSatisfiableError)
  })

  it('refuses an oversized upload while streaming and keeps nothing of it', async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path, { maxBytes: MIB })
    const kept = await node.attachments.add(chunks(randomBytes(100_000)), meta)
    const before = await blockCount(node)
    await expect(node.attachments.add(chunks(randomBytes(3 * MIB)), meta)).rejects.toThrow(
      AttachmentTooLargeError,
    )
    expect(await blockCount(node)).toBe(before)
    await expect(
      node.attachments.add(chunks(randomBytes(10)), meta, { declaredSize: 2 * MIB }),
    ).rejects.toThrow(AttachmentTooLargeError)
    expect((await node.attachments.status(kept.cid)).state).toBe('pinned')
  })

  it('runs the pin policy for a changed record, not for a new one without attachments', async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path)
    // the start's own run: its 0-ms timer fires before ours (created first), then wait for it
    await new Promise((resolve) => setTimeout(resolve, 0))
    await node.attachments.reconcile()
    // a policy run begins by listing the pins; only the delay before it is faked
    const listed = vi.spyOn(node.network.helia.pins, 'ls')
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const record = await node.store.publish(practice(1))
      vi.advanceTimersByTime(1_000)
      expect(listed).not.toHaveBeenCalled()
      await node.store.update(record.id, { summary: { nl: 'Nu met een samenvatting' } })
      vi.advanceTimersByTime(1_000)
      expect(listed).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
    await node.attachments.reconcile()
  })

  it('says clearly when a CID is malformed or nobody has it', async () => {
    await using dir = await tempDir()
    await using node = await startNode(dir.path, { findTimeoutMs: 500 })
    await expect(node.attachments.stat('not-a-cid')).rejects.toThrow(InvalidCidError)
    // a DAG-CBOR CID names no file
    await expect(
      node.attachments.stat('bafyreigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi'),
    ).rejects.toThrow(InvalidCidError)
    const unknown = 'bafkreie7ohywtosou76tasm7j63yigtzxe7d5zqus4zu3j6oltvgtibeom'
    await expect(node.attachments.stat(unknown)).rejects.toThrow(AttachmentNotFoundError)
    expect((await node.attachments.status(unknown)).state).toBe('unavailable')
  })

  it('fetches a file from a peer over bitswap; garbage collection drops the unpinned copy', async () => {
    await using dirA = await tempDir()
    await using dirB = await tempDir()
    await using a = await startNode(dirA.path)
    await using b = await startNode(dirB.path)
    await b.network.libp2p.dial(a.network.libp2p.getMultiaddrs())
    const bytes = randomBytes(3 * MIB + 12_345)
    const added = await a.attachments.add(chunks(bytes), meta)

    expect((await b.attachments.status(added.cid)).state).toBe('unavailable')
    const file = await b.attachments.stat(added.cid)
    expect(file.size).toBe(bytes.length)
    expect((await collect(b.attachments.read(file))).equals(bytes)).toBe(true)
    expect((await b.attachments.status(added.cid)).state).toBe('local')

    expect((await b.attachments.gc()).deleted).toBeGreaterThan(0)
    expect((await b.attachments.status(added.cid)).state).toBe('unavailable')
    await a.attachments.gc()
    expect((await a.attachments.status(added.cid)).state).toBe('pinned')
  })
})
