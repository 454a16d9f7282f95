/**
 * The file-system blockstore, with concurrent writes of one block made one write.
 *
 * `blockstore-fs` writes each block through `steno`, to a temporary file named after the
 * block and then renamed: two writes of the same block at once share that temporary file,
 * the second rename finds it gone and `steno` retries it ten times, 100 ms apart, before
 * `blockstore-fs` sees that the block is there after all. A file with repeated 256 KiB
 * blocks (zeros, padding, repeated frames) paid a second per repeat on upload, and so did a
 * read that fetched the same block twice at once. Here the second write waits for the first.
 *
 * A block is also read with one `readFile` rather than a stream of 64 KiB reads: bitswap
 * reads every block it sends one after another, and each costs the file system's thread
 * pool a turn per read. And a block is written as `blockstore-fs` writes it (a temporary
 * file in the block's directory, renamed over the block's name: a killed process leaves
 * no partial block), but its directory is made once, not before every block:
 * `mkdir` was a thread-pool turn for each 256 KiB fetched (0.14 s of the fetching node's
 * 2.3 s for 100 MB, in a profile).
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { AbortOptions } from '@libp2p/interface'
import { FsBlockstore } from 'blockstore-fs'
import { NextToLast } from 'blockstore-fs/sharding'
import { PutFailedError } from 'interface-store'

type Cid = Parameters<FsBlockstore['put']>[0]
type Bytes = Parameters<FsBlockstore['put']>[1]

export class BlockFiles extends FsBlockstore {
  /** Writes under way, by multihash: a block's file is named after its multihash. */
  readonly #writing = new Map<string, Promise<Cid>>()
  /** blockstore-fs's default layout, kept here to find a block's file. */
  readonly #sharding: NextToLast
  /** Shard directories known to exist. */
  readonly #made = new Set<string>()

  constructor(location: string) {
    const sharding = new NextToLast()
    super(location, { shardingStrategy: sharding })
    this.#sharding = sharding
  }

  override put(cid: Cid, bytes: Bytes, options?: AbortOptions): Promise<Cid> {
    const key = Buffer.from(cid.multihash.bytes).toString('base64')
    const under = this.#writing.get(key)
    // a write that failed (its caller gave up, say) is tried again for this caller
    if (under !== undefined)
      return under.then(
        () => cid,
        () => this.put(cid, bytes, options),
      )
    const write = this.#write(cid, bytes, options).finally(() => this.#writing.delete(key))
    this.#writing.set(key, write)
    return write
  }

  async #write(cid: Cid, bytes: Bytes, options?: AbortOptions, again = false): Promise<Cid> {
    const { dir, file } = this.#sharding.encode(cid)
    const folder = join(this.path, dir)
    // steno's name: writes of one block are one at a time here, and one node holds a home
    const temp = join(folder, `.${file}.tmp`)
    try {
      options?.signal?.throwIfAborted()
      if (!this.#made.has(folder)) {
        await mkdir(folder, { recursive: true })
        this.#made.add(folder)
      }
      await writeFile(temp, bytes, { signal: options?.signal })
      await rename(temp, join(folder, file))
      return cid
    } catch (err) {
      await rm(temp, { force: true })
      // a directory removed under the store since it was made: made again, once
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && !again) {
        this.#made.delete(folder)
        return this.#write(cid, bytes, options, true)
      }
      throw new PutFailedError(String(err))
    }
  }

  override async *get(cid: Cid, options?: AbortOptions): AsyncGenerator<Uint8Array> {
    const { dir, file } = this.#sharding.encode(cid)
    let bytes: Uint8Array
    try {
      bytes = await readFile(join(this.path, dir, file), { signal: options?.signal })
    } catch {
      // blockstore-fs's own read, for the error callers expect (NotFoundError)
      yield* super.get(cid, options)
      return
    }
    yield bytes
  }
}
