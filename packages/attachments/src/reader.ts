/**
 * Reading files by CID from the local blockstore, or from peers through it (Helia's
 * networked blockstore asks connected peers over bitswap and looks providers up in the
 * DHT). Every block must arrive within a time limit, and a file is read with a bounded
 * read-ahead (`read-ahead.ts`): blocks are asked for before they are needed, and a slow
 * reader never makes the node buffer the rest of the file.
 */
import type { UnixFSComponents } from '@helia/unixfs'
import type { AbortOptions } from '@libp2p/interface'
import { READ_AHEAD_STEPS, READ_STEP } from './constants.js'
import { AttachmentFetchError, NotAFileError, RangeNotSatisfiableError } from './errors.js'
import type { FileCid as CID } from './file-cid.js'
import { readAhead } from './read-ahead.js'

type Blocks = UnixFSComponents['blockstore']

export interface FileInfo {
  readonly cid: CID
  /** Bytes of the file, from its root block. */
  readonly size: number
}

export interface ReadOptions extends AbortOptions {
  /** @default 0 */
  readonly offset?: number
  /** @default the rest of the file */
  readonly length?: number
  /** Read only what is local: fail at the first missing block. */
  readonly offline?: boolean
}

/** How long one want of a block waits before it is sent anew, ms. */
const RENEW_WANT_MS = 5_000

/**
 * A blockstore whose every `get` fails with {@link AttachmentFetchError} after `2 * ms`
 * in all. Until then a block not there within a few seconds is asked for anew: a want that
 * was lost (a peer that restarted, a message that broke off) is sent again.
 */
export function timedBlocks(blocks: Blocks, ms: number): Blocks {
  return {
    has: (cid, options) => blocks.has(cid, options),
    put: (cid, bytes, options) => blocks.put(cid, bytes, options),
    async *get(cid, options = {}) {
      const deadline = performance.now() + 2 * ms
      for (;;) {
        const left = Math.max(Math.ceil(deadline - performance.now()), 1)
        const timeout = AbortSignal.timeout(Math.min(RENEW_WANT_MS, left))
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
        try {
          yield* blocks.get(cid, { ...options, signal })
          return
        } catch (err) {
          if (!timeout.aborted || options.signal?.aborted === true) throw err
          if (performance.now() >= deadline) {
            throw new AttachmentFetchError(
              `Block ${cid} of the file did not arrive within ${Math.round((2 * ms) / 1000)} s: no peer serving it is reachable`,
            )
          }
        }
      }
    },
  }
}

/** The file's size from its root block (fetched if need be). */
export async function statFile(
  blocks: Blocks,
  cid: CID,
  options: AbortOptions & { offline?: boolean } = {},
): Promise<FileInfo> {
  let stats: { type: string; size: bigint }
  // loaded on first use (import.ts says why)
  const { unixfs } = await import('@helia/unixfs')
  try {
    stats = await unixfs({ blockstore: blocks }).stat(cid, options)
  } catch (err) {
    if ((err as Error).name === 'NotUnixFSError') throw new NotAFileError(cid.toString())
    throw err
  }
  if (stats.type === 'directory') throw new NotAFileError(cid.toString())
  return { cid, size: Number(stats.size) }
}

/** How many bytes of the file are in the local blockstore. */
export async function localBytes(blocks: Blocks, cid: CID): Promise<number> {
  const { unixfs } = await import('@helia/unixfs')
  try {
    const stats = await unixfs({ blockstore: blocks }).stat(cid, { offline: true, extended: true })
    return Number(stats.localSize)
  } catch {
    // the root itself is missing
    return 0
  }
}

/** Bytes `[offset, offset + length)` of a file of `size` bytes, in order, blocks fetched ahead. */
export async function* readFile(
  blocks: Blocks,
  file: FileInfo,
  options: ReadOptions = {},
): AsyncGenerator<Uint8Array> {
  const offset = options.offset ?? 0
  const end = options.length === undefined ? file.size : offset + options.length
  if (offset < 0 || end > file.size || offset > end) {
    throw new RangeNotSatisfiableError(file.size)
  }
  if (offset === end) return
  yield* readAhead(blocks, file.cid, {
    ...options,
    offset,
    end,
    aheadBytes: READ_AHEAD_STEPS * READ_STEP,
    stepBytes: READ_STEP,
  })
}
