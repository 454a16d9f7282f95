/**
 * Reading files by CID from the local blockstore, or from peers through it (Helia's
 * networked blockstore asks connected peers over bitswap and looks providers up in the
 * DHT). Every block must arrive within a time limit, and a file is read in windows so
 * that a slow reader never makes the exporter buffer the rest of the file.
 */
import { type CatOptions, type UnixFSComponents, unixfs } from '@helia/unixfs'
import type { AbortOptions } from '@libp2p/interface'
import { READ_CONCURRENCY, READ_WINDOW } from './constants.js'
import { AttachmentFetchError, NotAFileError, RangeNotSatisfiableError } from './errors.js'
import type { FileCid as CID } from './file-cid.js'

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

/**
 * A blockstore whose every `get` fails with {@link AttachmentFetchError} after two tries
 * of `ms` each: a second want recovers a block whose first want was lost (a peer that
 * restarted, a want cancelled by a concurrent reader of the same block).
 */
export function timedBlocks(blocks: Blocks, ms: number): Blocks {
  return {
    has: (cid, options) => blocks.has(cid, options),
    put: (cid, bytes, options) => blocks.put(cid, bytes, options),
    async *get(cid, options = {}) {
      for (let attempt = 1; ; attempt++) {
        const timeout = AbortSignal.timeout(ms)
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout
        try {
          yield* blocks.get(cid, { ...options, signal })
          return
        } catch (err) {
          if (!timeout.aborted || options.signal?.aborted === true) throw err
          if (attempt >= 2) {
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
  try {
    const stats = await unixfs({ blockstore: blocks }).stat(cid, { offline: true, extended: true })
    return Number(stats.localSize)
  } catch {
    // the root itself is missing
    return 0
  }
}

/** Bytes `[offset, offset + length)` of a file of `size` bytes, window by window. */
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
  const fs = unixfs({ blockstore: blocks })
  for (let position = offset; position < end; position += READ_WINDOW) {
    options.signal?.throwIfAborted()
    // the exporter reads its options at run time; CatOptions does not list this one
    const cat: CatOptions & { blockReadConcurrency: number } = {
      offset: position,
      length: Math.min(READ_WINDOW, end - position),
      signal: options.signal,
      offline: options.offline,
      blockReadConcurrency: READ_CONCURRENCY,
    }
    yield* fs.cat(file.cid, cat)
  }
}
