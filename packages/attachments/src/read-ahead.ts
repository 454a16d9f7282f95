/**
 * A UnixFS file's bytes, in order, with its blocks asked for ahead of the reader.
 *
 * The UnixFS exporter walks a file with a few block reads at a time and pushes what it
 * reads into an unbounded queue, so it was run over 4 MiB windows, one after another:
 * each window waited for its slowest block and the next was asked for only then, and a
 * 100 MB fetch spent most of its time idle on both nodes. Here the leaves are asked for as
 * a sliding window of bytes, refilled whenever a step of it is free (a quarter unless
 * told; the reader keeps two steps in flight), so a peer always has wants to answer; what is fetched ahead is bounded, whatever the reader's pace. A
 * refill's wants leave together (bitswap sends the wants of 10 ms in one message): refilled
 * block by block, each want was a message of its own, a new stream on both nodes (338
 * streams for a 100 MB file). The same block twice in the window is fetched once. Every block is hash-checked by the blockstore (Helia checks what peers send);
 * here each is checked to be the size its parent says, and the sizes to add up.
 */
import type { UnixFSComponents } from '@helia/unixfs'
import * as dagPb from '@ipld/dag-pb'
import type { AbortOptions } from '@libp2p/interface'
import { UnixFS } from 'ipfs-unixfs'
import { AttachmentFetchError, NotAFileError } from './errors.js'

type Blocks = UnixFSComponents['blockstore']
type BlockCid = Parameters<Blocks['get']>[0]

const RAW = 0x55
const DAG_PB = 0x70
/** Deeper than any importer builds (a balanced DAG of 174 links is 4 deep at 200 GB). */
const MAX_DEPTH = 32

export interface ReadAheadOptions extends AbortOptions {
  /** First byte to read. */
  readonly offset: number
  /** One past the last byte to read. */
  readonly end: number
  /** Bytes asked for ahead of the reader (at least one block). */
  readonly aheadBytes: number
  /**
   * Bytes asked for in one refill: the window is refilled once this much of it is free.
   * @default a quarter of `aheadBytes`
   */
  readonly stepBytes?: number
  /** Read only what is local. */
  readonly offline?: boolean
}

/** The window is refilled once this share of it is free, unless told (see the module comment). */
const REFILL_SHARE = 0.25

/** A stretch of the file: bytes at hand (data held in a DAG node) or a raw leaf to fetch. */
type Piece = { readonly start: number; readonly size: number } & (
  | { readonly bytes: Uint8Array }
  | { readonly cid: BlockCid }
)

type GetOptions = AbortOptions & { readonly offline?: boolean }

async function getBlock(blocks: Blocks, cid: BlockCid, options: GetOptions): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const part of blocks.get(cid, options)) parts.push(part)
  return parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts)
}

const broken = (cid: BlockCid, why: string) =>
  new AttachmentFetchError(`Block ${cid} does not fit the file (${why}): a damaged or forged DAG`)

/**
 * The pieces of the DAG under `cid` (whose block is `bytes`) that overlap
 * `[offset, end)`, in order; inner nodes are fetched as the walk reaches them.
 */
async function* piecesOf(
  blocks: Blocks,
  cid: BlockCid,
  bytes: Uint8Array,
  start: number,
  range: ReadAheadOptions,
  get: GetOptions,
  depth = 0,
): AsyncGenerator<Piece> {
  if (cid.code === RAW) {
    yield { start, size: bytes.length, bytes }
    return
  }
  if (cid.code !== DAG_PB || depth > MAX_DEPTH) throw new NotAFileError(cid.toString())
  let node: dagPb.PBNode
  let file: UnixFS
  try {
    node = dagPb.decode(bytes)
    file = UnixFS.unmarshal(node.Data ?? new Uint8Array())
  } catch {
    throw new NotAFileError(cid.toString())
  }
  if (file.type !== 'file' && file.type !== 'raw') throw new NotAFileError(cid.toString())
  if (node.Links.length !== file.blockSizes.length) throw broken(cid, 'links and sizes differ')
  let position = start
  if (file.data !== undefined && file.data.length > 0) {
    yield { start: position, size: file.data.length, bytes: file.data }
    position += file.data.length
  }
  for (let i = 0; i < node.Links.length; i++) {
    const link = node.Links[i] as dagPb.PBLink
    const childStart = position
    position += Number(file.blockSizes[i])
    if (position <= range.offset) continue
    if (childStart >= range.end) return
    if (link.Hash.code === RAW) {
      yield { start: childStart, size: position - childStart, cid: link.Hash }
      continue
    }
    const child = await getBlock(blocks, link.Hash, get)
    let size = 0
    for await (const piece of piecesOf(
      blocks,
      link.Hash,
      child,
      childStart,
      range,
      get,
      depth + 1,
    )) {
      size = piece.start + piece.size - childStart
      yield piece
    }
    // a child read to its end must be as long as its parent says
    if (position <= range.end && size !== position - childStart) {
      throw broken(link.Hash, `${size} bytes where its parent says ${position - childStart}`)
    }
  }
}

/** Bytes `[offset, end)` of the file whose root is `root`, in order, fetched ahead. */
export async function* readAhead(
  blocks: Blocks,
  root: BlockCid,
  options: ReadAheadOptions,
): AsyncGenerator<Uint8Array> {
  // ended when the reader stops, so that nothing keeps being fetched for nobody
  const controller = new AbortController()
  const signal =
    options.signal === undefined
      ? controller.signal
      : AbortSignal.any([options.signal, controller.signal])
  const get: GetOptions = { signal, offline: options.offline }
  const fetching = new Map<string, Promise<Uint8Array>>()
  const fetchLeaf = (cid: BlockCid): Promise<Uint8Array> => {
    const key = cid.toString()
    let bytes = fetching.get(key)
    if (bytes === undefined) {
      bytes = getBlock(blocks, cid, get).finally(() => fetching.delete(key))
      fetching.set(key, bytes)
    }
    return bytes
  }
  const source = piecesOf(blocks, root, await getBlock(blocks, root, get), 0, options, get)
  const ahead: { piece: Piece; bytes: Promise<Uint8Array> }[] = []
  let aheadBytes = 0
  let walked = false
  let read = 0
  const refillBelow = options.aheadBytes - (options.stepBytes ?? options.aheadBytes * REFILL_SHARE)
  try {
    for (;;) {
      const refill = ahead.length === 0 || aheadBytes <= refillBelow
      while (refill && !walked && (ahead.length === 0 || aheadBytes < options.aheadBytes)) {
        const next = await source.next()
        if (next.done === true) {
          walked = true
          break
        }
        const piece = next.value
        const bytes = 'bytes' in piece ? Promise.resolve(piece.bytes) : fetchLeaf(piece.cid)
        // awaited in its turn below; failing earlier is not an unhandled rejection
        bytes.catch(() => {})
        ahead.push({ piece, bytes })
        aheadBytes += piece.size
      }
      const item = ahead.shift()
      if (item === undefined) break
      aheadBytes -= item.piece.size
      const bytes = await item.bytes
      if (bytes.length !== item.piece.size && 'cid' in item.piece) {
        throw broken(
          item.piece.cid,
          `${bytes.length} bytes where its parent says ${item.piece.size}`,
        )
      }
      const from = Math.max(options.offset - item.piece.start, 0)
      const to = Math.min(options.end - item.piece.start, bytes.length)
      read += to - from
      yield from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to)
    }
    if (read !== options.end - options.offset) {
      throw broken(root, `${read} bytes of the ${options.end - options.offset} asked for`)
    }
  } finally {
    controller.abort()
    await source.return(undefined)
  }
}
