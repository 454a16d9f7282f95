/**
 * Importing a byte stream as a UnixFS file with the settings kubo uses for
 * `ipfs add --cid-version=1`, counting bytes as they pass so that an oversized upload
 * stops at the limit, and noting every block it newly wrote so that a failed import
 * can take them back.
 */
import type { UnixFSComponents } from '@helia/unixfs'
import type { AbortOptions } from '@libp2p/interface'
import { CHUNK_SIZE, MAX_LINKS } from './constants.js'
import { AttachmentTooLargeError } from './errors.js'
import type { FileCid as CID } from './file-cid.js'

export type ImportBlockstore = UnixFSComponents['blockstore']

export interface ImportOptions extends AbortOptions {
  readonly maxBytes: number
  /** Bytes read from the source so far. */
  readonly onProgress?: (bytes: number) => void
}

export interface Imported {
  readonly cid: CID
  readonly size: number
}

/** The CIDs of blocks the import wrote that were not there before. */
export type WrittenBlocks = CID[]

export async function importStream(
  blockstore: ImportBlockstore,
  source: AsyncIterable<Uint8Array>,
  written: WrittenBlocks,
  options: ImportOptions,
): Promise<Imported> {
  let size = 0
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      size += chunk.byteLength
      if (size > options.maxBytes) throw new AttachmentTooLargeError(options.maxBytes)
      options.onProgress?.(size)
      yield chunk
    }
  }
  const tracking: ImportBlockstore = {
    get: (cid, opts) => blockstore.get(cid, opts),
    has: (cid, opts) => blockstore.has(cid, opts),
    put: async (cid, bytes, opts) => {
      if (!(await blockstore.has(cid, opts))) written.push(cid)
      return blockstore.put(cid, bytes, opts)
    },
  }
  // loaded on first use: UnixFS, its importer and their glob are ~330 KB an idle node never runs
  const [{ unixfs }, { fixedSize }, { balanced }] = await Promise.all([
    import('@helia/unixfs'),
    import('ipfs-unixfs-importer/chunker'),
    import('ipfs-unixfs-importer/layout'),
  ])
  const cid = await unixfs({ blockstore: tracking }).addByteStream(counted(), {
    cidVersion: 1,
    rawLeaves: true,
    chunker: fixedSize({ chunkSize: CHUNK_SIZE }),
    layout: balanced({ maxChildrenPerNode: MAX_LINKS }),
    signal: options.signal,
  })
  return { cid, size }
}
